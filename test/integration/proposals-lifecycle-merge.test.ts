/**
 * 并案 as its proposers live it: the record says who was merged into whom, a missing target is asked for
 * once, and the proposer of the merged proposal hears the main one's reply, rates it, and closes with it.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { makeTestCloud, type TestCloud } from '../support/test-cloud'
import { REASONS, SUGGESTION } from '../support/proposal-texts'

const GUO = demoOpenid('m09') // 郭婷, proposer of the main one
const HE = demoOpenid('m10')
const MA = demoOpenid('m11')
const ZHANG = demoOpenid('m03') // committee
const CHAIR = demoOpenid('m01')
const ZHAO = demoOpenid('m06') // head of 教务处
const WU = demoOpenid('m14') // 吴磊, proposer of SEED.submitted (seconded by m12 and m16)
const MERGED = SEED.submitted
const MERGED_TITLE = '关于延长图书馆开放时间的建议'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const titlesOf = async (memberId: string, proposalId: string) =>
  (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 }))
    .filter((m) => m.link?.endsWith(`?id=${proposalId}`))
    .map((m) => m.title)

/** 郭婷's proposal, 立案, with SEED.submitted merged into it. */
async function mainWithMerged() {
  const d = await cloud.ok(GUO, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title: '关于教学楼每层增设饮水机的建议',
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds: true,
  })
  await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
  await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
  const main = await cloud.ok(GUO, 'proposals.submit', { proposalId: d.id })
  await cloud.ok(ZHANG, 'proposals.review', { proposalId: main.id, decision: 'accept', reason: '' })
  await cloud.ok(ZHANG, 'proposals.review', {
    proposalId: MERGED,
    decision: 'merge',
    reason: '内容相近',
    mergeIntoId: main.id,
  })
  return main
}

test('并案 without a target is asked for once, in plain words, on the field', async () => {
  for (const mergeIntoId of ['', undefined]) {
    const refusal = await cloud.refused(ZHANG, 'proposals.review', {
      proposalId: MERGED,
      decision: 'merge',
      reason: '',
      ...(mergeIntoId === undefined ? {} : { mergeIntoId }),
    })
    expect({ code: refusal.code, message: refusal.message, fields: refusal.fields }).toEqual({
      code: 'BAD_INPUT',
      message: '请选择要并入的提案',
      fields: { mergeIntoId: '请选择要并入的提案' },
    })
  }
})

test('the record of 并案 reads right on both: the merged one went into the main one, the main one took it in', async () => {
  const main = await mainWithMerged()
  const [merged, target] = await Promise.all([
    cloud.ok(WU, 'proposals.get', { proposalId: MERGED }),
    cloud.ok(GUO, 'proposals.get', { proposalId: main.id }),
  ])
  const code = (p: { code?: string }) => p.code ?? ''
  expect(merged.history.at(-1)?.action).toBe(`并案，并入${code(main)}号提案「关于教学楼每层增设饮水机的建议」`)
  expect(target.history.at(-1)?.action).toBe(`并入本提案：${code(merged)}号提案「${MERGED_TITLE}」`)
})

test("the merged proposal's people hear the main one's reply; its proposer rates it and it closes with the main one", async () => {
  const main = await mainWithMerged()
  await cloud.ok(ZHANG, 'proposals.assign', {
    proposalId: main.id,
    lead: '教务处',
    cooperating: '',
    replyBy: '2026-12-20',
  })
  // Before any reply there is nothing to rate.
  expect((await cloud.ok(WU, 'proposals.get', { proposalId: MERGED })).can.rate).toBe(false)
  await cloud.ok(ZHAO, 'proposals.reply', {
    proposalId: main.id,
    method: '书面答复',
    resolution: '列入计划',
    text: '教务处将在寒假期间为教学楼每层安装饮水机，并延长图书馆开放时间。',
  })

  // Its proposer and seconders are told, on their own proposal.
  for (const id of ['m14', 'm12', 'm16']) expect(await titlesOf(id, MERGED)).toContain('您的提案已答复')
  // Its page shows the main one's reply, and its proposer (only) may rate it.
  const seen = await cloud.ok(WU, 'proposals.get', { proposalId: MERGED })
  expect(seen).toMatchObject({
    status: 'merged',
    repliesFromMain: true,
    replies: [{ department: '教务处', resolution: '列入计划' }],
    can: { rate: true },
  })
  expect((await cloud.ok(demoOpenid('m12'), 'proposals.get', { proposalId: MERGED })).can.rate).toBe(false)
  expect(
    (await cloud.refused(demoOpenid('m12'), 'proposals.rate', { proposalId: MERGED, rating: '满意', comment: '' }))
      .message,
  ).toContain('只有提案人本人')

  const rated = await cloud.ok(WU, 'proposals.rate', {
    proposalId: MERGED,
    rating: '基本满意',
    comment: '希望尽快落实',
  })
  expect(rated).toMatchObject({
    status: 'merged',
    lastRating: '基本满意',
    ratings: [{ rating: '基本满意', comment: '希望尽快落实' }],
    can: { rate: false },
  })
  // The main one's own rating is untouched; the committee hears of the merged proposer's view.
  expect((await cloud.ok(GUO, 'proposals.get', { proposalId: main.id })).ratings).toEqual([])
  expect(await titlesOf('m04', MERGED)).toContain('并案提案人评价了答复')
  expect(
    (await cloud.refused(WU, 'proposals.rate', { proposalId: MERGED, rating: '满意', comment: '' })).message,
  ).toContain('已经评价过')

  const before = await cloud.ok(CHAIR, 'proposals.report', { sessionId: SEED.currentSession })
  // The main one closes: the merged one closes with it, and its people are told.
  await cloud.ok(GUO, 'proposals.rate', { proposalId: main.id, rating: '满意', comment: '' })
  const closed = await cloud.ok(WU, 'proposals.get', { proposalId: MERGED })
  expect(closed).toMatchObject({ status: 'closed', statusLabel: '已办结' })
  expect(closed.history.at(-1)?.action).toBe('随主提案办结')
  for (const id of ['m14', 'm12', 'm16']) expect(await titlesOf(id, MERGED)).toContain('提案已办结')
  // The report still counts it as 并案, not as 立案, and not as a proposal the departments closed.
  const after = await cloud.ok(CHAIR, 'proposals.report', { sessionId: SEED.currentSession })
  expect(after.review.merged).toBe(before.review.merged)
  expect(after.review.accepted).toBe(before.review.accepted)
  expect(after.handling.closed).toBe(before.handling.closed + 1)
})

test('a merged proposer who had not rated yet may still rate the reply after the main one closed, once', async () => {
  const main = await mainWithMerged()
  await cloud.ok(ZHANG, 'proposals.assign', {
    proposalId: main.id,
    lead: '教务处',
    cooperating: '',
    replyBy: '2026-12-20',
  })
  await cloud.ok(ZHAO, 'proposals.reply', {
    proposalId: main.id,
    method: '书面答复',
    resolution: '已解决',
    text: '饮水机已于本周安装完毕，图书馆已延长开放时间。',
  })
  await cloud.ok(GUO, 'proposals.rate', { proposalId: main.id, rating: '满意', comment: '' })
  expect((await cloud.ok(WU, 'proposals.get', { proposalId: MERGED })).can.rate).toBe(true)
  expect(await cloud.ok(WU, 'proposals.rate', { proposalId: MERGED, rating: '满意', comment: '' })).toMatchObject({
    status: 'closed',
    lastRating: '满意',
    can: { rate: false },
  })
})
