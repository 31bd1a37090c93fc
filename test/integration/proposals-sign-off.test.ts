/**
 * 答复须经提案工作委员会审核 (session.replySignOff): a department's reply waits for the committee, which
 * releases it to the proposer or sends it back with a note; 回避 applies; the chair turns it on per session.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const ZHAO = DEMO.deptHead // 教务处
const ZHANG = DEMO.committee
const CHEN = demoOpenid('m04') // committee
// SEED.assigned: proposed by m13, seconded by m10 and m15, with 教务处.
const PROPOSER = demoOpenid('m13')
const NAMED = ['m13', 'm10', 'm15']

const REPLY = {
  proposalId: SEED.assigned,
  method: '书面答复' as const,
  resolution: '列入计划' as const,
  text: '教务处已研究，将于下学期起统一规范各年级作业量并定期检查。',
}

const titlesOf = async (memberId: string, proposalId: string = SEED.assigned) =>
  (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 }))
    .filter((m) => m.link?.endsWith(`?id=${proposalId}`))
    .map((m) => m.title)

const messagesOf = async (memberId: string) =>
  (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 })).filter(
    (m) => m.link?.endsWith(`?id=${SEED.assigned}`),
  )

/** The chair turns 答复须经审核 on for the current session, on its edit page. */
async function requireSignOff(on = true) {
  const s = (await cloud.ok(DEMO.chair, 'proposals.sessions', {})).find((x) => x.id === SEED.currentSession)
  if (!s) throw new Error('no current session')
  return cloud.ok(DEMO.chair, 'proposals.updateSession', {
    sessionId: s.id,
    name: s.name,
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    secondsRequired: s.secondsRequired,
    categories: s.categories.join('、'),
    departments: s.departments.join('、'),
    replySignOff: on ? 'committee' : 'none',
  })
}

test('the chair turns sign-off on; the session says so and records the change', async () => {
  const before = (await cloud.ok(DEMO.chair, 'proposals.sessions', {})).find((x) => x.id === SEED.currentSession)
  expect(before?.replySignOff).toBeUndefined()
  const view = await requireSignOff()
  expect(view.replySignOff).toBe('committee')
  const stored = await cloud.ports.store.findOne<{ _id: string; edits?: { action: string }[] }>(PC.sessions, {
    _id: SEED.currentSession,
  })
  expect(stored?.edits?.at(-1)?.action).toBe('答复：直接发给提案人 → 须经提案工作委员会审核')
  expect((await requireSignOff(false)).replySignOff).toBeUndefined()
})

test('without sign-off the reply goes straight to the proposer, as before', async () => {
  await cloud.ok(ZHAO, 'proposals.reply', REPLY)
  expect(await titlesOf('m13')).toContain('您的提案已答复')
  expect((await cloud.ok(PROPOSER, 'proposals.get', { proposalId: SEED.assigned })).status).toBe('replied')
})

test('a reply waits for the committee: the proposer sees nothing until it is released, then hears as before', async () => {
  await requireSignOff()
  const answered = await cloud.ok(ZHAO, 'proposals.reply', REPLY)
  expect(answered.status).toBe('assigned')
  expect(answered.signOff?.waitingSince).toBeDefined()
  expect(answered.can.reply).toBe(false)
  // The proposer and the public: still with the department, no reply, no message.
  const seen = await cloud.ok(PROPOSER, 'proposals.get', { proposalId: SEED.assigned })
  expect({ status: seen.status, replies: seen.replies.length, signOff: seen.signOff, rate: seen.can.rate }).toEqual({
    status: 'assigned',
    replies: 0,
    signOff: undefined,
    rate: false,
  })
  expect(await titlesOf('m13')).not.toContain('您的提案已答复')
  // The department cannot answer twice while it waits.
  expect((await cloud.refused(ZHAO, 'proposals.reply', REPLY)).message).toBe(
    '您的答复已提交，正在等待提案工作委员会审核',
  )
  expect((await cloud.ok(ZHAO, 'proposals.todo', {})).toReply).toBe(0)
  // The committee: told, counted on the home page, and sees the reply with the step.
  expect(await titlesOf('m04')).toContain('有提案答复待审核')
  expect((await cloud.ok(CHEN, 'proposals.todo', {})).repliesToSignOff).toBe(1)
  const checking = await cloud.ok(CHEN, 'proposals.get', { proposalId: SEED.assigned })
  expect(checking.replies.map((r) => r.text)).toEqual([REPLY.text])
  expect(checking.can.signOff).toBe(true)

  const released = await cloud.ok(CHEN, 'proposals.signOffReply', { proposalId: SEED.assigned, approve: true })
  expect(released.status).toBe('replied')
  expect(released.history.at(-1)?.action).toBe('审核答复，同意发给提案人')
  for (const id of NAMED) expect(await titlesOf(id)).toEqual(expect.arrayContaining(['您的提案已答复']))
  const [told] = (await messagesOf('m13')).filter((m) => m.title === '您的提案已答复')
  expect(told.body).toBe(`教务处已答复${released.code}号提案「${released.title}」（列入计划），请查看并评价。`)
  const mine = await cloud.ok(PROPOSER, 'proposals.get', { proposalId: SEED.assigned })
  expect({ replies: mine.replies.map((r) => r.text), rate: mine.can.rate }).toEqual({
    replies: [REPLY.text],
    rate: true,
  })
  expect((await cloud.ok(CHEN, 'proposals.todo', {})).repliesToSignOff).toBe(0)
  // Released once: a second release is refused.
  expect(
    (await cloud.refused(ZHANG, 'proposals.signOffReply', { proposalId: SEED.assigned, approve: true })).code,
  ).toBe('CONFLICT')
})

test('the committee sends a reply back with a note: the department is told why and answers again', async () => {
  await requireSignOff()
  await cloud.ok(ZHAO, 'proposals.reply', REPLY)
  const tooShort = await cloud.refused(CHEN, 'proposals.signOffReply', {
    proposalId: SEED.assigned,
    approve: false,
    note: '不行',
  })
  expect(tooShort.message).toBe('退回请写明审核意见（至少5个字），部门会据此修改')
  const back = await cloud.ok(CHEN, 'proposals.signOffReply', {
    proposalId: SEED.assigned,
    approve: false,
    note: '请写明具体的检查办法和时间',
  })
  expect({ status: back.status, replies: back.replies.length }).toEqual({ status: 'assigned', replies: 0 })
  const [told] = (await messagesOf('m06')).filter((m) => m.title === '提案答复未通过审核')
  expect(told.body).toContain('意见：请写明具体的检查办法和时间。请修改后重新答复。')
  expect(await titlesOf('m13')).not.toContain('您的提案已答复')
  const dept = await cloud.ok(ZHAO, 'proposals.get', { proposalId: SEED.assigned })
  expect({ reply: dept.can.reply, returned: dept.signOff?.returned?.note, text: dept.signOff?.returned?.text }).toEqual(
    {
      reply: true,
      returned: '请写明具体的检查办法和时间',
      text: REPLY.text,
    },
  )
  // The proposer never sees the withheld reply nor the note.
  expect((await cloud.ok(PROPOSER, 'proposals.get', { proposalId: SEED.assigned })).signOff).toBeUndefined()
  // The next reply waits again and, released, is the only one the proposer sees.
  await cloud.ok(ZHAO, 'proposals.reply', {
    ...REPLY,
    text: '教务处将于下学期起每月检查各年级作业量，并在教研组会上通报。',
  })
  await cloud.ok(CHEN, 'proposals.signOffReply', { proposalId: SEED.assigned, approve: true })
  const mine = await cloud.ok(PROPOSER, 'proposals.get', { proposalId: SEED.assigned })
  expect(mine.replies.map((r) => r.text)).toEqual(['教务处将于下学期起每月检查各年级作业量，并在教研组会上通报。'])
})

test('回避: a committee member named on the proposal cannot sign its reply off', async () => {
  await requireSignOff()
  await cloud.ok(ZHAO, 'proposals.reply', REPLY)
  await cloud.ports.store.updateOne(
    PC.proposals,
    { _id: SEED.assigned },
    { $push: { seconders: [{ memberId: 'm03', name: '张丽华' }] } },
  )
  const refused = await cloud.refused(ZHANG, 'proposals.signOffReply', { proposalId: SEED.assigned, approve: true })
  expect(refused.message).toBe('这是您提出或附议的提案，请由其他委员审查')
  const page = await cloud.ok(ZHANG, 'proposals.get', { proposalId: SEED.assigned })
  expect({ signOff: page.can.signOff, recused: page.can.recused }).toEqual({ signOff: false, recused: true })
  const p = await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: SEED.assigned })
  expect(p?.status).toBe('assigned')
})
