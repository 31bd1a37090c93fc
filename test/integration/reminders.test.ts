import { newRequestKey } from '@/core/notices/model'
import { C } from '@/core/shared/collections'
import type { Notifier, OutgoingMessage } from '@/core/shared/ports'
import type { ReminderSource } from '@/core/shared/reminders'
import { runReminders } from '@/core/reminders/engine'
import { findJob } from '@/server/jobs'
import { dispatch } from '@/server/dispatch'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

/** A test-only source: "your activity is tomorrow" for three people. */
const tomorrowSource: ReminderSource = {
  name: '测试：明天的活动',
  async collect(_ctx, now) {
    return ['m09', 'm17', 'm20'].map((memberId): OutgoingMessage => ({
      key: `activity:a-test:${memberId}:day-before`,
      unionId: 'u-syxx',
      memberId,
      kind: 'activity',
      title: '明天的活动：教工羽毛球赛',
      body: `开始时间 ${now.toISOString().slice(0, 10)} 次日 15:30`,
      template: 'activity',
      templateData: {
        title: '教工羽毛球赛',
        startsAt: '2026-12-02T07:30:00Z',
        endsAt: '2026-12-02T09:30:00Z',
        place: '体育馆',
        note: '明天的活动',
      },
    }))
  },
}

const brokenSource: ReminderSource = {
  name: '测试：出错的来源',
  async collect() {
    throw new Error('数据库暂时不可用')
  },
}

/** A notifier that dies after `n` sends, like a cloud function killed by its timeout midway. */
function dyingAfter(n: number, inner: Notifier): Notifier {
  let left = n
  return {
    async send(m) {
      if (left-- <= 0) throw new Error('function timed out')
      return inner.send(m)
    },
  }
}

const activityMessages = () => cloud.ports.store.count(C.messages, { kind: 'activity' })

describe('the reminders engine', () => {
  test('sends what a source reports as due; a second run sends nothing new', async () => {
    // The demo seed may already hold activity messages (e.g. a team join); count only what this run adds.
    const before = await activityMessages()
    const first = await runReminders(cloud.ports, [tomorrowSource])
    expect(first).toMatchObject({ sent: 3, alreadySent: 0 })
    const second = await runReminders(cloud.ports, [tomorrowSource])
    expect(second).toMatchObject({ sent: 0, alreadySent: 3 })
    expect(await activityMessages()).toBe(before + 3)
    expect((await cloud.ok(DEMO.delegate, 'messages.list', {})).items[0]).toMatchObject({
      title: '明天的活动：教工羽毛球赛',
      kindLabel: '活动',
    })
  })

  test('a failing source is reported and does not stop the others', async () => {
    const r = await runReminders(cloud.ports, [brokenSource, tomorrowSource])
    expect(r.sources[0]).toMatchObject({ name: '测试：出错的来源', error: '数据库暂时不可用' })
    expect(r.sent).toBe(3)
  })

  test('a run that crashes midway resumes on the next run without sending anything twice', async () => {
    const before = await activityMessages()
    const crashing = { ...cloud.ports, notifier: dyingAfter(1, cloud.ports.notifier) }
    const r = await runReminders(crashing, [tomorrowSource])
    expect(r.sources[0].error).toBe('function timed out')
    expect(await activityMessages()).toBe(before + 1)
    const resumed = await runReminders(cloud.ports, [tomorrowSource])
    expect(resumed).toMatchObject({ sent: 2, alreadySent: 1 })
    expect(await activityMessages()).toBe(before + 3)
  })

  test('a run cut by its deadline says where it stopped, and the next goes on from there', async () => {
    // 25 people told something in-app, in the order the engine goes (by key).
    const crowd: ReminderSource = {
      name: '测试：很多人',
      async collect() {
        return Array.from({ length: 25 }, (_, i): OutgoingMessage => {
          const memberId = `m${String(i + 1).padStart(2, '0')}`
          return {
            key: `test-crowd:${memberId}`,
            unionId: 'u-syxx',
            memberId,
            kind: 'activity',
            title: '测试',
            body: '测试',
          }
        })
      },
    }
    const send = jest.spyOn(cloud.ports.notifier, 'send')
    // A deadline already past: one batch, then it stops with a cursor.
    const first = await runReminders(cloud.ports, [crowd, tomorrowSource], { deadline: 0 })
    expect(first).toMatchObject({ sent: 10, next: { source: 0, after: 'test-crowd:m10' } })
    const second = await runReminders(cloud.ports, [crowd, tomorrowSource], { deadline: 0, from: first.next })
    expect(second).toMatchObject({ sent: 10, next: { source: 0, after: 'test-crowd:m20' } })
    const third = await runReminders(cloud.ports, [crowd, tomorrowSource], { deadline: 0, from: second.next })
    expect(third).toMatchObject({ sent: 5, next: { source: 1, after: null } })
    const last = await runReminders(cloud.ports, [crowd, tomorrowSource], { deadline: 0, from: third.next })
    expect(last).toMatchObject({ sent: 3, alreadySent: 0 })
    expect(last.next).toBeUndefined()
    // Nothing was tried twice on the way.
    expect(send).toHaveBeenCalledTimes(28)
  })

  test('the scheduled `reminders` job runs every source and is idempotent', async () => {
    const job = findJob('reminders')
    expect(job?.cron).toBe('0 */10 * * * * *')
    const first = await job!.run(cloud.ports)
    const again = await job!.run(cloud.ports)
    expect(again.sent).toBe(0)
    expect(typeof first.summary).toBe('string')
  })
})

describe('notice reminders', () => {
  test('members who have not replied are reminded once before the deadline, in daytime only', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', {
      requestKey: newRequestKey(),
      title: '体检时间确认',
      body: '请回复是否参加',
      audience: 'groups',
      groupIds: ['g1'],
      confirmOptions: ['参加', '不参加'],
      confirmBy: '2026-12-02',
    })
    await cloud.ok(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '参加' })
    const job = findJob('reminders')!
    cloud.ports.clock.set(new Date('2026-11-30T23:00:00Z')) // 07:00 on 12-01: too early
    await job.run(cloud.ports)
    expect(await cloud.ports.store.count(C.messages, { kind: 'notice-confirm' })).toBe(0)
    cloud.ports.clock.set(new Date('2026-12-01T02:00:00Z'))
    await job.run(cloud.ports)
    // Ten minutes on, the same reminders are due: the job sees they were delivered in one read, sending none.
    const send = jest.spyOn(cloud.ports.notifier, 'send')
    cloud.ports.clock.set(new Date('2026-12-01T02:10:00Z'))
    const again = await job.run(cloud.ports)
    expect(again.sent).toBe(0)
    // The seven, and what the demo school's activities had due.
    expect(again.alreadySent).toBeGreaterThanOrEqual(7)
    expect(send).not.toHaveBeenCalled()
    const reminded = await cloud.ports.store.find(C.messages, { kind: 'notice-confirm' })
    expect(reminded.map((m) => m.memberId).sort()).toEqual(['m03', 'm11', 'm16', 'm18', 'm22', 'm28', 'm32'])
  })

  test('a publish cut short is finished by the job; who already has it gets nothing twice', async () => {
    const crashing = { ...cloud.ports, notifier: dyingAfter(3, cloud.ports.notifier) }
    const reply = await dispatch(
      crashing,
      { openid: DEMO.chair },
      {
        action: 'notices.publish',
        data: { requestKey: newRequestKey(), title: '全体会员大会', body: '周五下午开会', audience: 'all' },
      },
    )
    expect(reply.ok).toBe(false)
    expect(await cloud.ports.store.count(C.messages, { kind: 'notice' })).toBe(3)
    cloud.ports.clock.set(new Date('2026-12-01T02:10:00Z'))
    const report = await findJob('reminders')!.run(cloud.ports)
    expect(report.summary).toContain('补发通知 1 条')
    // All 40 members, minus the chair who wrote it.
    expect(await cloud.ports.store.count(C.messages, { kind: 'notice' })).toBe(39)
    expect(await cloud.ports.store.findOne('notices', { title: '全体会员大会' })).toMatchObject({ delivered: true })
  })
})
