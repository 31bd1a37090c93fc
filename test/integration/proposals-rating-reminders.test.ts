/**
 * 提醒评价 and 逾期视为满意: the proposer (and a merged proposal's proposer) is reminded to rate a reply 3 and
 * 7 days after it, once each however often the job runs; a session with autoCloseDays closes an unrated
 * reply as 满意 after that many days, once, marked as the rule's rating, and tells the people concerned.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { autoCloseUnrated } from '@/core/proposals/auto-close'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { ratingReminders } from '@/core/proposals/rating-reminders'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const DAY = 86_400_000
// SEED.replied: 郭婷's (m09), seconded by m11 and m12, answered by 教务处, not rated.
const MAIN = SEED.replied

const stored = async (id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })) as ProposalDoc

const inbox = async (memberId: string, proposalId: string) =>
  (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 })).filter(
    (m) => m.link?.endsWith(`?id=${proposalId}`),
  )

/** Sets the clock `days` days after the reply (at 09:00 Shanghai of that day). */
async function daysAfterReply(days: number): Promise<void> {
  const p = await stored(MAIN)
  const replied = p.replies[p.replies.length - 1].at.slice(0, 10)
  cloud.ports.clock.set(new Date(Date.parse(`${replied}T01:00:00Z`) + days * DAY))
}

/**
 * One run of the reminders job for this source: collects, then sends what the notifier has not recorded.
 * Resolves how many were sent about the proposals of this test (the seed holds others answered long ago).
 */
async function remind(): Promise<number> {
  const due = await ratingReminders.collect(cloud.ports, cloud.ports.clock.now())
  let sent = 0
  for (const m of due)
    if ((await cloud.ports.notifier.send(m)) && [MAIN, SEED.submitted].some((id) => m.link?.endsWith(`?id=${id}`)))
      sent += 1
  return sent
}

async function setAutoClose(days: number) {
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
    autoCloseDays: days,
  })
}

test('the proposer is reminded to rate after 3 days and again after 7, each once', async () => {
  await daysAfterReply(2)
  expect(await remind()).toBe(0)
  await daysAfterReply(3)
  await remind()
  await remind()
  const first = (await inbox('m09', MAIN)).filter((m) => m.title === '请评价提案答复')
  expect(first.map((m) => m.body)).toEqual([
    `${(await stored(MAIN)).code}号提案「关于设立教职工子女托管班的建议」已答复3天，您还没有评价。请打开查看答复，选择满意、基本满意或不满意。`,
  ])
  await daysAfterReply(7)
  await remind()
  await daysAfterReply(9)
  await remind()
  expect((await inbox('m09', MAIN)).filter((m) => m.title === '请评价提案答复')).toHaveLength(2)
  // Seconders do not rate: they are not reminded.
  expect((await inbox('m11', MAIN)).filter((m) => m.title === '请评价提案答复')).toHaveLength(0)
})

test('a rated reply is not reminded of', async () => {
  await cloud.ok(DEMO.delegate, 'proposals.rate', { proposalId: MAIN, rating: '满意', comment: '' })
  await daysAfterReply(3)
  expect(await remind()).toBe(0)
})

test("a merged proposal's proposer is reminded on their own proposal, and says when it closes by itself", async () => {
  await cloud.ok(DEMO.committee, 'proposals.review', {
    proposalId: SEED.submitted,
    decision: 'merge',
    reason: '',
    mergeIntoId: MAIN,
  })
  await setAutoClose(10)
  await daysAfterReply(3)
  await remind()
  const [told] = (await inbox('m14', SEED.submitted)).filter((m) => m.title === '请评价提案答复')
  expect(told.body).toContain('主提案已答复3天，您还没有评价。请打开您的提案查看答复并评价。')
  const [mainTold] = (await inbox('m09', MAIN)).filter((m) => m.title === '请评价提案答复')
  expect(mainTold.body).toContain('答复后10天未评价的，将视为满意并办结。')
})

test("逾期视为满意: after the session's days an unrated reply closes as 满意, once, and the people are told", async () => {
  await cloud.ok(DEMO.committee, 'proposals.review', {
    proposalId: SEED.submitted,
    decision: 'merge',
    reason: '',
    mergeIntoId: MAIN,
  })
  expect((await setAutoClose(10)).autoCloseDays).toBe(10)
  await daysAfterReply(9)
  expect((await autoCloseUnrated(cloud.ports)).closed).toBe(0)
  expect((await stored(MAIN)).status).toBe('replied')
  await daysAfterReply(10)
  // As the daily timer runs it (through the cron function on the emulator).
  expect((await cloud.runJob('proposals-auto-close')).summary).toBe('逾期未评价视为满意办结 1 件')
  expect((await autoCloseUnrated(cloud.ports)).closed).toBe(0)
  const p = await stored(MAIN)
  expect({
    status: p.status,
    rating: p.ratings.at(-1),
    line: p.history.at(-1)?.action,
    marked: p.followUpAt !== undefined,
  }).toEqual({
    status: 'closed',
    rating: { at: p.closedAt, rating: '满意', comment: '逾期未评价，视为满意', auto: true },
    line: '10天未评价，视为满意，办结',
    marked: false,
  })
  const closed = (await inbox('m09', MAIN)).filter((m) => m.title === '提案已办结')
  expect(closed.map((m) => m.body)).toEqual([`${p.code}号提案「${p.title}」已办结（逾期未评价，视为满意）。`])
  // The merged one closes with it.
  expect((await stored(SEED.submitted)).status).toBe('closed')
  // The report says how many were closed so, beside the ratings given.
  const report = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.currentSession })
  expect(report.ratings.autoSatisfied).toBe(1)
  expect(report.paragraphs.join('')).toContain('（其中1件逾期未评价，视为满意）')
  // The proposer's page: closed, no rating to give.
  const page = await cloud.ok(DEMO.delegate, 'proposals.get', { proposalId: MAIN })
  expect({ status: page.status, rate: page.can.rate }).toEqual({ status: 'closed', rate: false })
})

test('without autoCloseDays nothing closes by itself', async () => {
  await daysAfterReply(60)
  expect((await autoCloseUnrated(cloud.ports)).closed).toBe(0)
  expect((await stored(MAIN)).status).toBe('replied')
})
