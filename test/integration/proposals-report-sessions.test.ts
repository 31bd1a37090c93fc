import { overdueProposals } from '@/core/proposals/board'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc, SessionDoc } from '@/core/proposals/model'
import { C } from '@/core/shared/collections'
import type { MemberDoc } from '@/core/members/model'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/**
 * Issue 14, item 8: the 提案统计 page's overdue list and the figures below it are about one session, and
 * the rating paragraph counts what happened — first ratings, 再办理, and the ratings after it.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud.cleanup())

const load = async <T>(collection: string, _id: string) =>
  (await cloud.ports.store.findOne<T & { _id: string; [key: string]: unknown }>(collection, { _id })) as T

describe('the overdue list is about the session the report shows', () => {
  test('by default the current session: the past session’s overdue proposal is not in it, the count matches', async () => {
    const current = await load<SessionDoc>(PC.sessions, SEED.currentSession)
    const assigned = await load<ProposalDoc>(PC.proposals, SEED.assigned)
    // A session set up for next year is the newest, but nothing of it is due: the report does not open on it.
    await cloud.ports.store.insert(PC.sessions, {
      ...current,
      _id: 'ps-next',
      name: '六届一次教代会',
      codePrefix: 'next',
      opensAt: new Date(Date.parse(current.closesAt) + 300 * 86400_000).toISOString(),
      closesAt: new Date(Date.parse(current.closesAt) + 330 * 86400_000).toISOString(),
      counter: 0,
      numbers: {},
    })
    // Two days past the current proposal's reply date, the session still collecting (pp-09 of the past one is
    // late too).
    cloud.ports.clock.set(new Date(Date.parse(`${assigned.assignment?.replyBy}T12:00:00+08:00`) + 2 * 86400_000))

    const list = await cloud.ok(DEMO.chair, 'proposals.overdue', {})
    expect(list.items.map((p) => p.title)).toEqual(['关于合理控制学生作业量的建议'])
    expect(list.items[0]?.daysOverdue).toBe(2)
    expect(list).toMatchObject({ session: { id: SEED.currentSession, name: '五届五次教代会' } })
    const report = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.currentSession })
    expect(report.overdue).toBe(list.items.length)
  })

  test('a session asked for by id lists only its own', async () => {
    const chair = await load<MemberDoc>(C.members, 'm01')
    const list = await overdueProposals({ ...cloud.ports, member: chair }, { sessionId: SEED.pastSession })
    expect(list.session?.name).toBe('五届四次教代会')
    expect(list.items.map((p) => p.code)).toEqual([(await load<ProposalDoc>(PC.proposals, 'pp-09')).code])
    const report = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.pastSession })
    expect(report.overdue).toBe(list.items.length)
  })
})

describe('ratings: first ratings, 再办理 and after', () => {
  test('two first rated 不满意 do not read as 不满意0件', async () => {
    cloud.ports.clock.set(null)
    const replied = await load<ProposalDoc>(PC.proposals, SEED.replied)
    // Through the app: 不满意, 再办理 and a second reply, then 满意.
    await cloud.ok(DEMO.delegate, 'proposals.rate', {
      proposalId: SEED.replied,
      rating: '不满意',
      comment: '列入计划太笼统，请给出时间',
    })
    await cloud.ok(DEMO.deptHead, 'proposals.reply', {
      proposalId: SEED.replied,
      method: '书面答复',
      resolution: '已解决',
      text: '托管班已于本学期开班，每天下午放学后开放至六点。',
    })
    await cloud.ok(DEMO.delegate, 'proposals.rate', { proposalId: SEED.replied, rating: '满意', comment: '' })
    // As the app leaves them: rated 不满意 twice (办结), and rated 不满意 once and now back with the department.
    const at = new Date().toISOString()
    const rating = (r: '满意' | '不满意') => ({ at, rating: r, comment: '答复没有解决问题' })
    const copy = (id: string, over: Partial<ProposalDoc>): ProposalDoc => ({ ...replied, _id: id, code: id, ...over })
    await cloud.ports.store.insert(
      PC.proposals,
      copy('pc-twice', { status: 'closed', redone: true, ratings: [rating('不满意'), rating('不满意')] }),
    )
    await cloud.ports.store.insert(
      PC.proposals,
      copy('pc-again', { status: 'assigned', redone: true, ratings: [rating('不满意')] }),
    )
    await cloud.ports.store.insert(
      PC.proposals,
      copy('pc-once', { status: 'closed', redone: false, ratings: [rating('满意')] }),
    )

    // A proposal merged into another, whose proposer rated the main one's two replies: not counted again.
    await cloud.ports.store.insert(
      PC.proposals,
      copy('pc-merged', {
        status: 'merged',
        mergedInto: SEED.replied,
        redone: false,
        ratings: [rating('不满意'), rating('满意')],
      }),
    )

    const r = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.currentSession })
    expect(r.paragraphs[r.paragraphs.length - 1]).toBe(
      '已办结3件。提案人对答复进行评价4件，首次评价满意1件、基本满意0件、不满意3件。' +
        '首次评价不满意的3件已退回再办理，再办理后满意1件、仍不满意1件，另有1件正在再办理或等待提案人再次评价。' +
        '按每件提案最后一次评价计，满意2件、基本满意0件、不满意2件，满意率（含基本满意）50%。',
    )
  })
})
