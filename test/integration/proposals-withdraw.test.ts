import { PC } from '@/core/proposals/collections'
import type { ProposalDoc, SecondDoc } from '@/core/proposals/model'
import type { StoredMessageDoc } from '@/core/messages/model'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

const GUO = DEMO.delegate // m09 郭婷
const HE = DEMO.groupLeader // m10 何平
const MA = 'demo-m11' // 马丽
const ZHANG = DEMO.committee // m03 张丽华

const REASONS =
  '学校教学楼只有一层有饮水机，高年级老师课间需要下楼接水，往返一次要五六分钟，常常来不及，只好不喝水上课，长此以往影响老师的身体健康。'
const SUGGESTION = '建议在教学楼每层走廊增设一台温热饮水机，由总务处统一采购并定期更换滤芯和检测水质。'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async (id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })) as ProposalDoc
const titlesFor = async (memberId: string) =>
  (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 })).map(
    (m) => m.title,
  )

async function draft(openForSeconds = false) {
  return cloud.ok(GUO, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title: '关于教学楼每层增设饮水机的建议',
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds,
  })
}

async function submitted() {
  const d = await draft(true)
  await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
  await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
  return cloud.ok(GUO, 'proposals.submit', { proposalId: d.id })
}

describe('撤回草稿', () => {
  test('the draft is kept as 已撤回 with its history; invitations lapse and the invitees are told', async () => {
    const d = await draft()
    await cloud.ok(GUO, 'proposals.invite', { proposalId: d.id, memberId: 'm10' })
    await cloud.ok(GUO, 'proposals.invite', { proposalId: d.id, memberId: 'm11' })
    await cloud.ok(MA, 'proposals.second', { proposalId: d.id, accept: true })
    expect((await cloud.ok(HE, 'proposals.todo', {})).invitations).toBe(1)
    expect((await cloud.ok(GUO, 'proposals.get', { proposalId: d.id })).can.withdraw).toBe(true)

    const withdrawn = await cloud.ok(GUO, 'proposals.withdraw', { proposalId: d.id, reason: '' })
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      withdrawal: { stage: 'draft', reason: '' },
      can: { edit: false, submit: false, invite: false, withdraw: false },
    })
    expect(withdrawn.history.map((h) => `${h.byName}:${h.action}`)).toEqual(['郭婷:起草', '郭婷:撤回草稿'])
    // Never deleted: the text is all still there.
    expect(await stored(d.id)).toMatchObject({
      status: 'withdrawn',
      title: '关于教学楼每层增设饮水机的建议',
      reasons: REASONS,
    })

    // The invitation lapsed: gone from 何平's to-do and list, and seconding is refused.
    expect((await cloud.ok(HE, 'proposals.todo', {})).invitations).toBe(0)
    expect((await cloud.ok(HE, 'proposals.mine', {})).toSecond.map((p) => p.id)).not.toContain(d.id)
    expect((await cloud.refused(HE, 'proposals.second', { proposalId: d.id, accept: true })).message).toContain(
      '已经撤回',
    )
    const seconds = await cloud.ports.store.find<SecondDoc>(PC.seconds, { proposalId: d.id }, { limit: 10 })
    expect(seconds.map((s) => s.locked)).toEqual([true, true])
    expect(await titlesFor('m10')).toContain('提案草稿已撤回')
    expect(await titlesFor('m11')).toContain('提案草稿已撤回')

    // Still private: never on the board, not in 一事一案 matches, not in the figures.
    expect((await cloud.ok(DEMO.teacher, 'proposals.board', {})).items.map((p) => p.id)).not.toContain(d.id)
    expect((await cloud.refused(DEMO.teacher, 'proposals.get', { proposalId: d.id })).code).toBe('NOT_FOUND')
    expect(
      (await cloud.ok(HE, 'proposals.similar', { title: '关于教学楼每层增设饮水机的建议', reasons: '' })).map(
        (p) => p.id,
      ),
    ).not.toContain(d.id)
    expect((await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.currentSession })).total).toBe(4)
    // The proposer keeps it in 我的提案, and it can no longer be edited, submitted or withdrawn again.
    expect((await cloud.ok(GUO, 'proposals.mine', {})).mine.find((p) => p.id === d.id)?.statusLabel).toBe('已撤回')
    const before = cloud.writes()
    expect((await cloud.refused(GUO, 'proposals.submit', { proposalId: d.id })).message).toContain('已经撤回')
    expect((await cloud.refused(GUO, 'proposals.withdraw', { proposalId: d.id, reason: '' })).message).toContain(
      '已经撤回',
    )
    expect(
      (
        await cloud.refused(GUO, 'proposals.saveDraft', {
          proposalId: d.id,
          sessionId: SEED.currentSession,
          title: '改个标题',
          reasons: '',
          suggestion: '',
          category: '',
          suggestedDept: '',
          openForSeconds: false,
        })
      ).message,
    ).toContain('已经撤回')
    expect(cloud.writes()).toBe(before)
  })

  test('only the proposer withdraws; a seconder cannot', async () => {
    const d = await draft(true)
    await cloud.ok(HE, 'proposals.second', { proposalId: d.id, accept: true })
    const before = cloud.writes()
    expect((await cloud.refused(HE, 'proposals.withdraw', { proposalId: d.id, reason: '' })).code).toBe('FORBIDDEN')
    expect((await cloud.refused(DEMO.teacher, 'proposals.withdraw', { proposalId: d.id, reason: '' })).code).toBe(
      'FORBIDDEN',
    )
    expect(cloud.writes()).toBe(before)
  })
})

describe('撤回已提交的提案', () => {
  test('before 立案, with a reason: shown on the board as 已撤回, committee and seconders told', async () => {
    const p = await submitted()
    expect(p.can.withdraw).toBe(true)
    const before = cloud.writes()
    const noReason = await cloud.refused(GUO, 'proposals.withdraw', { proposalId: p.id, reason: '不' })
    expect(noReason).toMatchObject({ code: 'BAD_INPUT', fields: { reason: expect.any(String) } })
    expect(cloud.writes()).toBe(before)

    const w = await cloud.ok(GUO, 'proposals.withdraw', { proposalId: p.id, reason: '学校已经在安装饮水机了' })
    expect(w).toMatchObject({
      status: 'withdrawn',
      statusLabel: '已撤回',
      code: p.code,
      withdrawal: { stage: 'submitted', reason: '学校已经在安装饮水机了' },
      seconds: [{ name: '何平' }, { name: '马丽' }],
    })
    expect(w.history.at(-1)).toMatchObject({ byName: '郭婷', action: '撤回提案', note: '学校已经在安装饮水机了' })
    const onBoard = (await cloud.ok(DEMO.teacher, 'proposals.board', { sessionId: SEED.currentSession })).items.find(
      (x) => x.id === p.id,
    )
    expect(onBoard).toMatchObject({ statusLabel: '已撤回', code: p.code })
    expect((await cloud.ok(DEMO.teacher, 'proposals.board', { status: 'withdrawn' })).items.map((x) => x.id)).toEqual([
      p.id,
    ])
    expect(await titlesFor('m03')).toContain('提案已撤回')
    expect(await titlesFor('m10')).toContain('提案已撤回')
    // The committee has nothing to review any more.
    expect((await cloud.ok(ZHANG, 'proposals.get', { proposalId: p.id })).can.review).toBe(false)
    expect(
      (await cloud.refused(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })).code,
    ).toBe('CONFLICT')
    const report = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.currentSession })
    expect(report).toMatchObject({ total: 5, review: { withdrawn: 1 } })
    expect(report.paragraphs[0]).toContain('提案人撤回1件')
  })

  test('after 立案 (or any review) it can no longer be withdrawn', async () => {
    const p = await submitted()
    await cloud.ok(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })
    const before = cloud.writes()
    const refusal = await cloud.refused(GUO, 'proposals.withdraw', { proposalId: p.id, reason: '不想提了，撤回吧' })
    expect(refusal).toMatchObject({ code: 'CONFLICT' })
    expect(refusal.message).toContain('已经审查')
    expect((await cloud.ok(GUO, 'proposals.get', { proposalId: p.id })).can.withdraw).toBe(false)
    expect(cloud.writes()).toBe(before)
  })

  test('withdrawing while the committee reviews: exactly one wins', async () => {
    const p = await submitted()
    const [w, r] = await Promise.all([
      cloud.call(GUO, 'proposals.withdraw', { proposalId: p.id, reason: '学校已经在安装饮水机了' }),
      cloud.call(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' }),
    ])
    expect([w.ok, r.ok].filter(Boolean)).toHaveLength(1)
    const doc = await stored(p.id)
    expect(['withdrawn', 'accepted']).toContain(doc.status)
    expect(doc.history.filter((h) => h.action === '撤回提案' || h.action === '立案')).toHaveLength(1)
  })
})
