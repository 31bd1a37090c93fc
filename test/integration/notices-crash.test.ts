import { C } from '@/core/shared/collections'
import { FOLLOW_UP_GRACE_MS } from '@/core/shared/follow-up'
import { NC } from '@/core/notices/collections'
import { newRequestKey, type NoticeDoc } from '@/core/notices/model'
import { noticeLink, publishedNoticeId } from '@/core/notices/publish'
import { demoOpenid } from '@/server/seed/demo-school'
import { afterGrace, atEveryKillPoint, type KillPoint } from '../support/fault-injection'
import { draft } from '../support/fixtures/notices'
import { addBoundMembers, DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

/** Ten bound teachers (郭婷 … ), chosen by name on the compose page. */
const TEN = ['m09', 'm10', 'm11', 'm12', 'm13', 'm14', 'm15', 'm16', 'm17', 'm18']
const CHAIR_ID = 'm01'

const noticeMessages = (memberId: string) => cloud.ports.store.count(C.messages, { memberId, kind: 'notice' })

/** Moves the clock past the time any call could still be running, as the timers' next run would see it. */
const laterOn = () => cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + FOLLOW_UP_GRACE_MS + 60_000))

/** Each of them tapped 允许 for notice pushes `times` times (WeChat keeps the consent, the app a credit). */
async function allowNoticePushes(memberIds: string[], times: number): Promise<void> {
  for (const id of memberIds) {
    // WeChat's side is not part of the database snapshot the kill points restore: plenty for every run.
    cloud.emulator?.openapi.grantConsent(demoOpenid(id), 'tpl-notice', 1000)
    for (let i = 0; i < times; i++) await cloud.ok(demoOpenid(id), 'messages.recordConsent', { templates: ['notice'] })
  }
}

/** Subscribe messages WeChat accepted since `since`, per recipient, for one page of the app. */
function pushesPerRecipient(since: number, noticeId: string, thing4?: string): number[] {
  const sent = cloud.emulator?.openapi.sent.slice(since) ?? []
  return TEN.map(
    (id) =>
      sent.filter(
        (m) =>
          m.touser === demoOpenid(id) &&
          m.page?.endsWith(`id=${noticeId}`) &&
          (thing4 === undefined || m.data.thing4 === thing4),
      ).length,
  )
}

/** The chair's call killed at every request; `check` also gets how many pushes WeChat had accepted before. */
async function chairKilledAtEveryPoint(
  body: { action: string; data: unknown },
  check: (point: KillPoint, pushesBefore: number) => Promise<void>,
): Promise<KillPoint[]> {
  let pushesBefore = 0
  return atEveryKillPoint(
    cloud,
    (kill) => {
      pushesBefore = cloud.emulator!.openapi.sent.length
      return kill ? cloud.callKilledAt(DEMO.chair, body, kill) : cloud.raw(DEMO.chair, body)
    },
    (point) => check(point, pushesBefore),
  )
}

onEmulator('publishing a notice killed at every request', () => {
  test('after the chair taps 发布 again (or the reminders job runs): one notice, one message each, no push twice', async () => {
    await allowNoticePushes(TEN, 1)
    const input = draft({
      title: '教研组长会议',
      body: '周四下午四点在三楼会议室开会，请准时参加。',
      audience: 'members',
      memberIds: TEN,
    })
    const id = publishedNoticeId(CHAIR_ID, input.requestKey)
    const body = { action: 'notices.publish', data: input }

    const points = await chairKilledAtEveryPoint(body, async (point, sentBefore) => {
      // Half the points recover by the timer first (the chair only comes back later), half by the retry.
      if (point.atRequest % 2 === 0) {
        laterOn()
        await cloud.runJob('reminders')
      }
      const again = await cloud.call(DEMO.chair, 'notices.publish', input)
      const stored = await cloud.ports.store.findOne<NoticeDoc>(NC.notices, { _id: id })
      const firstInbox = await cloud.ok(demoOpenid(TEN[0]), 'messages.list', {})
      expect({
        at: point.label,
        reply: again.ok ? again.data.id : again.message,
        notices: await cloud.ports.store.count(NC.notices, { title: input.title }),
        delivered: stored?.delivered,
        messages: await Promise.all(TEN.map(noticeMessages)),
        chairMessages: await noticeMessages(CHAIR_ID),
        inbox: firstInbox.items.filter((m) => m.link?.endsWith(`id=${id}`)).length,
        pushedTwice: pushesPerRecipient(sentBefore, id).some((n) => n > 1),
      }).toEqual({
        at: point.label,
        reply: id,
        notices: 1,
        delivered: true,
        messages: TEN.map(() => 1),
        chairMessages: 0,
        inbox: 1,
        pushedTwice: false,
      })
    })
    // Ten recipients of five requests each, and the steps before: every one of them was a kill point.
    expect(points.length).toBeGreaterThan(2 * 50)
  }, 600_000)
})

onEmulator('correcting a notice killed at every request', () => {
  test('after the chair saves again (or the follow-ups job runs): corrected once, each reader told once', async () => {
    await allowNoticePushes(TEN, 2)
    const n = await cloud.ok(
      DEMO.chair,
      'notices.publish',
      draft({ title: '教研组长会议', body: '周四下午四点在三楼会议室开会。', audience: 'members', memberIds: TEN }),
    )
    const readers = TEN.slice(0, 6)
    for (const id of readers) await cloud.ok(demoOpenid(id), 'notices.open', { noticeId: n.id })
    const fixed = {
      noticeId: n.id,
      title: '教研组长会议',
      body: '周四下午四点改在图书馆二楼开会。',
      notifyReaders: true,
    }
    const body = { action: 'notices.correct', data: fixed }
    const corrections = (memberId: string) =>
      cloud.ports.store.count(C.messages, { memberId, kind: 'notice', title: `【已更正】${fixed.title}` })

    const points = await chairKilledAtEveryPoint(body, async (point, sentBefore) => {
      let reply: string
      if (point.atRequest % 2 === 0) {
        // The job finishes a saved correction; an unsaved one the chair saves again when she comes back.
        await afterGrace(cloud)
        const saved = await cloud.ports.store.findOne<NoticeDoc>(NC.notices, { _id: n.id })
        reply = saved?.body === fixed.body ? 'finished by the job' : await saveAgain()
      } else reply = await saveAgain()
      const stored = await cloud.ports.store.findOne<NoticeDoc>(NC.notices, { _id: n.id })
      expect({
        at: point.label,
        reply,
        body: stored?.body,
        revisions: stored?.revisions?.length,
        stillMarked: stored?.followUpAt !== undefined,
        told: await Promise.all(TEN.map(corrections)),
        pushedTwice: pushesPerRecipient(sentBefore, n.id, '通知内容有更正').some((k) => k > 1),
      }).toEqual({
        at: point.label,
        reply: point.atRequest % 2 === 0 ? expect.stringMatching(/^(ok|finished by the job)$/) : 'ok',
        body: fixed.body,
        revisions: 1,
        stillMarked: false,
        told: TEN.map((id) => (readers.includes(id) ? 1 : 0)),
        pushedTwice: false,
      })
    })
    expect(points.length).toBeGreaterThan(2 * 20)

    async function saveAgain(): Promise<string> {
      const again = await cloud.call(DEMO.chair, 'notices.correct', fixed)
      return again.ok ? 'ok' : again.message
    }
  }, 600_000)
})

describe('the request key', () => {
  test('a retry with the same key returns the same notice and sends nothing twice; a new key is a new notice', async () => {
    const input = draft({
      title: '语文组教研活动通知',
      body: '周三下午集体备课。',
      audience: 'groups',
      groupIds: ['g1'],
    })
    const first = await cloud.ok(DEMO.chair, 'notices.publish', input)
    expect(first.id).toBe(publishedNoticeId(CHAIR_ID, input.requestKey))
    const again = await cloud.ok(DEMO.chair, 'notices.publish', input)
    expect(again).toMatchObject({ id: first.id, title: input.title, stats: { read: 0, total: 8 } })
    expect(await cloud.ports.store.count(NC.notices, { title: input.title })).toBe(1)
    expect(await noticeMessages('m09')).toBe(1)

    const second = await cloud.ok(DEMO.chair, 'notices.publish', { ...input, requestKey: newRequestKey() })
    expect(second.id).not.toBe(first.id)
    expect(await cloud.ports.store.count(NC.notices, { title: input.title })).toBe(2)
    expect(await noticeMessages('m09')).toBe(2)
  })

  test('two taps at once make one notice', async () => {
    const input = draft({
      title: '语文组教研活动通知',
      body: '周三下午集体备课。',
      audience: 'groups',
      groupIds: ['g1'],
    })
    const replies = await Promise.all([1, 2, 3].map(() => cloud.ok(DEMO.chair, 'notices.publish', input)))
    expect(new Set(replies.map((r) => r.id)).size).toBe(1)
    expect(await cloud.ports.store.count(NC.notices, { title: input.title })).toBe(1)
    expect(await noticeMessages('m09')).toBe(1)
  })

  test('the key is required and checked; another author’s key names another notice', async () => {
    const { requestKey: _none, ...keyless } = draft({
      title: '语文组教研活动通知',
      body: '周三下午集体备课。',
      audience: 'all',
    })
    expect(await cloud.raw(DEMO.chair, { action: 'notices.publish', data: keyless })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      fields: { requestKey: expect.any(String) },
    })
    const bad = await cloud.raw(DEMO.chair, { action: 'notices.publish', data: { ...keyless, requestKey: 'x_1' } })
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT' })

    const input = draft({
      category: 'congress',
      title: '教代会会前通知',
      body: '请代表准时参会',
      audience: 'delegates',
    })
    const byChair = await cloud.ok(DEMO.chair, 'notices.publish', input)
    const byCommittee = await cloud.ok(DEMO.committee, 'notices.publish', input)
    expect(byCommittee.id).not.toBe(byChair.id)
    expect(byCommittee.authorName).not.toBe(byChair.authorName)
  })
})

describe('a whole school (300 teachers)', () => {
  const latencies = RUNTIME === 'cloudbase-emulator' ? [20, 50] : [0]
  test.each(latencies)(
    'the chair gets her reply in time (%i ms a request); the reminders job sends the rest, once each',
    async (latencyMs) => {
      await addBoundMembers(cloud, 300)
      if (cloud.emulator) cloud.emulator.latencyMs = latencyMs
      const input = draft({
        title: '全体教职工大会',
        body: '周五下午三点在礼堂开会。',
        audience: 'groups',
        groupIds: ['g1'],
      })
      const started = performance.now()
      const n = await cloud.ok(DEMO.chair, 'notices.publish', input)
      const took = performance.now() - started
      // Sending stops after 5 s, so the reply comes well inside the api function's 10 s even at the slow end
      // of CloudBase's latency (sending all 308 at 50 ms a request would take 7.5 s).
      expect(took).toBeLessThan(6_500)
      expect(n).toMatchObject({ title: input.title, stats: { total: 308 } })
      // Readers see it as soon as it is published, whether or not every message went out yet.
      expect((await cloud.ok('t-t0299', 'notices.list', {})).items.map((i) => i.id)).toContain(n.id)

      laterOn()
      await cloud.runJob('reminders')
      const stored = await cloud.ports.store.findOne<NoticeDoc>(NC.notices, { _id: n.id })
      expect(stored?.delivered).toBe(true)
      expect(await cloud.ports.store.count(C.messages, { kind: 'notice', link: noticeLink(n.id) })).toBe(308)
      expect(await noticeMessages('t0000')).toBe(1)
      expect(await noticeMessages('t0299')).toBe(1)
    },
    60_000,
  )
})
