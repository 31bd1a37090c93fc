/**
 * 回避: whoever proposed or seconded a proposal takes no step in handling it. The committee member who
 * proposed it is refused (and her page offers no step); another committee member handles it.
 */
import { C } from '@/core/shared/collections'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { makeTestCloud, type TestCloud } from '../support/test-cloud'
import { REASONS, SUGGESTION } from '../support/proposal-texts'

const ZHANG = demoOpenid('m03') // 张丽华, committee and delegate: proposes
const CHEN = demoOpenid('m04') // 陈志强, committee and delegate: seconds
const LIU = demoOpenid('m05') // 刘芳, committee: not named on it
const HE = demoOpenid('m10')
const ZHAO = demoOpenid('m06') // head of 教务处
const RECUSE = '这是您提出或附议的提案，请由其他委员审查'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

async function submittedBy(openid: string, seconders: string[]) {
  const d = await cloud.ok(openid, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title: '关于教学楼每层增设饮水机的建议',
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds: true,
  })
  for (const s of seconders) await cloud.ok(s, 'proposals.second', { proposalId: d.id, accept: true })
  return cloud.ok(openid, 'proposals.submit', { proposalId: d.id })
}

test('the committee member who proposed or seconded it is refused every handling step; another one handles it', async () => {
  const p = await submittedBy(ZHANG, [CHEN, HE])

  // Her page offers no 审查, and says why.
  const hers = await cloud.ok(ZHANG, 'proposals.get', { proposalId: p.id })
  expect(hers.can).toMatchObject({ review: false, recused: true })
  expect(
    await cloud.refused(ZHANG, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' }),
  ).toMatchObject({ code: 'FORBIDDEN', message: RECUSE })
  // The seconder is no more impartial.
  expect((await cloud.ok(CHEN, 'proposals.get', { proposalId: p.id })).can).toMatchObject({
    review: false,
    recused: true,
  })
  expect(
    (await cloud.refused(CHEN, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })).message,
  ).toBe(RECUSE)

  // Another committee member can.
  expect((await cloud.ok(LIU, 'proposals.get', { proposalId: p.id })).can).toMatchObject({
    review: true,
    recused: false,
  })
  expect((await cloud.ok(LIU, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })).status).toBe(
    'accepted',
  )

  // 交办 and 答复审查 likewise.
  const assign = { proposalId: p.id, lead: '教务处', cooperating: '', replyBy: '2026-12-20' }
  expect((await cloud.ok(ZHANG, 'proposals.get', { proposalId: p.id })).can).toMatchObject({ assign: false })
  expect((await cloud.refused(ZHANG, 'proposals.assign', assign)).message).toBe(RECUSE)
  await cloud.ok(LIU, 'proposals.assign', assign)
  await cloud.ok(ZHAO, 'proposals.reply', {
    proposalId: p.id,
    method: '书面答复',
    resolution: '列入计划',
    text: '教务处将在寒假期间为教学楼每层安装饮水机。',
  })
  expect((await cloud.ok(CHEN, 'proposals.get', { proposalId: p.id })).can).toMatchObject({ returnReply: false })
  expect(
    (await cloud.refused(CHEN, 'proposals.returnReply', { proposalId: p.id, reason: '请写明安装时间' })).message,
  ).toBe(RECUSE)
  expect((await cloud.ok(LIU, 'proposals.returnReply', { proposalId: p.id, reason: '请写明安装时间' })).status).toBe(
    'assigned',
  )
})

test('a department head who seconded it does not answer it', async () => {
  // 赵明 heads 教务处 and is a delegate too.
  await cloud.ports.store.updateOne(C.members, { _id: 'm06' }, { $set: { roles: ['member', 'deptHead', 'delegate'] } })
  const p = await submittedBy(HE, [ZHAO, demoOpenid('m11')])
  await cloud.ok(LIU, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })
  await cloud.ok(LIU, 'proposals.assign', { proposalId: p.id, lead: '教务处', cooperating: '', replyBy: '2026-12-20' })
  expect((await cloud.ok(ZHAO, 'proposals.get', { proposalId: p.id })).can).toMatchObject({
    reply: false,
    recused: true,
  })
  const refusal = await cloud.refused(ZHAO, 'proposals.reply', {
    proposalId: p.id,
    method: '书面答复',
    resolution: '列入计划',
    text: '教务处将在寒假期间为教学楼每层安装饮水机。',
  })
  expect({ code: refusal.code, message: refusal.message }).toEqual({
    code: 'FORBIDDEN',
    message: '这是您提出或附议的提案，请由本部门其他负责人答复',
  })
})

test("首页's to-do does not count for her what is not hers to handle", async () => {
  const todo = (openid: string) => cloud.ok(openid, 'proposals.todo', {})
  const [zhang, chen, liu] = await Promise.all([todo(ZHANG), todo(CHEN), todo(LIU)])
  await submittedBy(ZHANG, [CHEN, HE])
  // The proposer and the seconder are not asked to review it; the third member is.
  expect((await todo(ZHANG)).toReview).toBe(zhang.toReview)
  expect((await todo(CHEN)).toReview).toBe(chen.toReview)
  expect((await todo(LIU)).toReview).toBe(liu.toReview + 1)
})

test('a department head who seconded it is not asked for its 协办意见 on 首页', async () => {
  await cloud.ports.store.updateOne(C.members, { _id: 'm06' }, { $set: { roles: ['member', 'deptHead', 'delegate'] } })
  const before = (await cloud.ok(ZHAO, 'proposals.todo', {})).toCooperate
  const p = await submittedBy(HE, [ZHAO, demoOpenid('m11')])
  await cloud.ok(LIU, 'proposals.review', { proposalId: p.id, decision: 'accept', reason: '' })
  // 教务处 cooperates on it; its head seconded it, so the opinion is for another head of 教务处.
  await cloud.ok(LIU, 'proposals.assign', {
    proposalId: p.id,
    lead: '总务处',
    cooperating: '教务处',
    replyBy: '2026-12-20',
  })
  expect((await cloud.ok(ZHAO, 'proposals.todo', {})).toCooperate).toBe(before)
})
