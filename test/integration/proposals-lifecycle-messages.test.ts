/**
 * Every message the 提案 lifecycle sends reads whole: in the app (title and text complete, each sentence
 * ending once) and on WeChat, where the subscribe template's keywords are short (进展: 5 Chinese characters,
 * 说明: 20 characters) and a value is never cut to fit.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { makeTestCloud, type TestCloud } from '../support/test-cloud'
import { REASONS, SUGGESTION } from '../support/proposal-texts'

const GUO = demoOpenid('m09') // 郭婷, delegate
const HE = demoOpenid('m10') // 何平, delegate
const MA = demoOpenid('m11') // 马丽, delegate
const ZHANG = demoOpenid('m03') // 张丽华, committee
const CHEN = demoOpenid('m04') // 陈志强, committee
const ZHAO = demoOpenid('m06') // 赵明, head of 教务处
const M14 = demoOpenid('m14') // 吴磊, proposer of SEED.submitted

/** Everyone the walk below tells something. */
const PEOPLE = ['m03', 'm04', 'm05', 'm06', 'm07', 'm09', 'm10', 'm11', 'm12', 'm13', 'm14', 'm15', 'm16']

/** The in-app titles, each complete (nothing cut off mid-word). */
const TITLES = [
  '邀请您附议提案',
  '有代表附议了您的提案',
  '提案草稿已撤回',
  '提案已提交',
  '有新提案待审查',
  '提案已撤回',
  '提案审查结果：立案',
  '提案审查结果：不予立案',
  '提案审查结果：并案',
  '有提案并入了您的提案',
  '提案已交办',
  '有提案请您答复',
  '有提案请您协办',
  '您的提案已答复',
  '提案已答复',
  '提案答复被退回',
  '提案需再办理',
  '并案提案人评价了答复',
  '提案已办结',
].sort()

/** The template's 进展 values: whole words of at most 5 Chinese characters, as WeChat's phrase keyword takes. */
const PROGRESS = [
  '邀请附议',
  '有人附议',
  '已撤回',
  '已提交',
  '待审查',
  '已立案',
  '不予立案',
  '已并案',
  '有提案并入',
  '已交办',
  '请您答复',
  '请您协办',
  '已答复',
  '答复被退回',
  '需再办理',
  '有新评价',
  '已办结',
].sort()

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

async function draftBy(openid: string, title: string) {
  return cloud.ok(openid, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title,
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds: true,
  })
}

async function submittedBy(openid: string, seconders: string[], title: string) {
  const d = await draftBy(openid, title)
  for (const s of seconders) await cloud.ok(s, 'proposals.second', { proposalId: d.id, accept: true })
  return cloud.ok(openid, 'proposals.submit', { proposalId: d.id })
}

/** Everyone allowed proposal messages, in the app and on WeChat's side, enough times for the walk. */
async function allowPushes(): Promise<void> {
  const emulator = cloud.emulator
  if (!emulator) return
  await Promise.all(
    PEOPLE.map(async (id) => {
      emulator.openapi.grantConsent(demoOpenid(id), 'tpl-proposal', 40)
      for (let i = 0; i < 20; i++) await cloud.ok(demoOpenid(id), 'messages.recordConsent', { templates: ['proposal'] })
    }),
  )
}

/** The whole lifecycle with every kind of step: each step's messages are what the test reads. */
async function walk(): Promise<void> {
  // A draft with an invitation, withdrawn.
  const dropped = await draftBy(GUO, '关于调整教师值班安排的建议')
  await cloud.ok(GUO, 'proposals.invite', { proposalId: dropped.id, memberId: 'm12' })
  await cloud.ok(GUO, 'proposals.withdraw', { proposalId: dropped.id, reason: '' })

  // A submitted proposal withdrawn with a reason that already ends with 。.
  const withdrawn = await submittedBy(HE, [GUO, MA], '关于增设教师休息室的建议')
  await cloud.ok(HE, 'proposals.withdraw', { proposalId: withdrawn.id, reason: '问题已经解决了。' })

  // 不予立案, with a reason ending with 。.
  const rejected = await submittedBy(HE, [GUO, MA], '关于校车接送时间的建议')
  await cloud.ok(ZHANG, 'proposals.review', {
    proposalId: rejected.id,
    decision: 'reject',
    reason: '属于日常管理事项。',
  })

  // The main one: 立案, another merged into it, 交办 with 协办, answered, sent back, 再办理, 办结.
  const main = await submittedBy(GUO, [HE, MA], '关于教学楼每层增设饮水机的建议')
  await cloud.ok(ZHANG, 'proposals.review', { proposalId: main.id, decision: 'accept', reason: '' })
  await cloud.ok(ZHANG, 'proposals.review', {
    proposalId: SEED.submitted,
    decision: 'merge',
    reason: '内容相近！',
    mergeIntoId: main.id,
  })
  await cloud.ok(ZHANG, 'proposals.assign', {
    proposalId: main.id,
    lead: '教务处',
    cooperating: '总务处',
    replyBy: '2026-12-20',
  })
  const answer = {
    proposalId: main.id,
    method: '书面答复' as const,
    resolution: '列入计划' as const,
    text: '教务处与总务处研究后，将在寒假期间为教学楼每层安装饮水机。',
  }
  await cloud.ok(ZHAO, 'proposals.reply', answer)
  await cloud.ok(CHEN, 'proposals.returnReply', { proposalId: main.id, reason: '请写明安装的具体时间。' })
  await cloud.ok(ZHAO, 'proposals.reply', answer)
  await cloud.ok(M14, 'proposals.rate', { proposalId: SEED.submitted, rating: '基本满意', comment: '希望尽快。' })
  await cloud.ok(GUO, 'proposals.rate', {
    proposalId: main.id,
    rating: '不满意',
    comment: '时间太晚了，希望开学前装好。',
  })
  await cloud.ok(ZHAO, 'proposals.reply', {
    ...answer,
    resolution: '已解决',
    text: '饮水机已于本周安装完毕，请老师们使用。',
  })
  await cloud.ok(GUO, 'proposals.rate', { proposalId: main.id, rating: '满意', comment: '谢谢！' })
}

test('every proposal message is whole: complete titles, each sentence ending once, template values never cut', async () => {
  await allowPushes()
  const pushedBefore = cloud.emulator?.openapi.sent.length ?? 0
  const before = new Set(
    (await cloud.ports.store.find<StoredMessageDoc>('messages', { kind: 'proposal' }, { limit: 1000 })).map(
      (m) => m._id,
    ),
  )
  await walk()

  const inbox = (
    await cloud.ports.store.find<StoredMessageDoc>('messages', { kind: 'proposal' }, { limit: 1000 })
  ).filter((m) => !before.has(m._id))
  expect([...new Set(inbox.map((m) => m.title))].sort()).toEqual(TITLES)
  // No 「。。」, no 「！。」: the words people typed end their own sentence once, and every text ends with 。.
  expect(
    inbox.filter((m) => /[。！？!?，,；;]{2}/.test(m.body) || !/[^。]。$/.test(m.body)).map((m) => m.body),
  ).toEqual([])

  const emulator = cloud.emulator
  if (!emulator) return
  const pushes = emulator.openapi.sent.slice(pushedBefore).filter((m) => m.templateId === 'tpl-proposal')
  // The walk did reach WeChat: most of its messages were pushed.
  expect(pushes.length).toBeGreaterThan(TITLES.length)
  expect([...new Set(pushes.map((m) => m.data.phrase2))].sort()).toEqual(PROGRESS)
  // 说明 and the proposal's title fit their 20 characters whole: nothing ends in the cut's 「…」.
  expect(
    pushes.flatMap((m) => [m.data.thing1, m.data.thing4]).filter((value) => value.endsWith('…') || value.length > 20),
  ).toEqual([])
}, 120_000)
