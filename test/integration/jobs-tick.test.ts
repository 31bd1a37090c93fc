/**
 * `cron` has one timer trigger, `tick`: each tick runs every job whose period still has work, once per period,
 * in time-boxed runs that the next tick resumes. Greetings are what a teacher notices: one each, on the day.
 */
import { AC } from '@/core/activities/collections'
import type { SignupDoc } from '@/core/activities/model'
import { creditId, MAX_CREDITS } from '@/core/messages/consent'
import { MC } from '@/core/messages/collections'
import type { StoredMessageDoc, SubscriptionCreditDoc } from '@/core/messages/model'
import { findAll } from '@/core/shared/paging'
import { JC } from '@/server/collections'
import type { JobRunDoc } from '@/server/jobs/tick'
import { atEveryKillPoint, atPoint } from '../support/fault-injection'
import { activityInput } from '../support/fixtures/activities'
import { addBoundMembers, DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import { outcomes, tick, tickKilledAt } from '../support/ticks'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const at = (iso: string) => cloud.ports.clock.set(new Date(iso))
/** 08:00 on 1 January in Shanghai: the birthday of every member addBoundMembers adds. */
const NEW_YEAR_0800 = '2027-01-01T00:00:00Z'

const greetings = () => findAll<StoredMessageDoc>(cloud.ports.store, MC.messages, { kind: 'birthday' })
const runsOf = (job: string) => cloud.ports.store.find<JobRunDoc>(JC.runs, { job }, { sort: { period: 1 } })

/** The members tapped 允许 for birthday pushes: WeChat holds their consents, the app as many credits. */
async function allowBirthdayPushes(openids: string[]): Promise<void> {
  const updatedAt = cloud.ports.clock.now().toISOString()
  for (const openid of openids) {
    const memberId = openid.replace(/^t-/, '')
    const credit: SubscriptionCreditDoc = {
      _id: creditId(memberId, 'birthday'),
      unionId: 'u-syxx',
      memberId,
      template: 'birthday',
      count: MAX_CREDITS,
      updatedAt,
    }
    await cloud.ports.store.insert(MC.credits, credit)
    // Kill tests run the morning many times over while WeChat's side is not rolled back: plenty of consents.
    cloud.emulator?.openapi.grantConsent(openid, 'tpl-birthday', 1000)
  }
}

describe('the tick', () => {
  test('runs each due job once per period; another tick in the same period runs nothing', async () => {
    await addBoundMembers(cloud, 3)
    at('2027-01-01T00:00:30Z')
    const first = await tick(cloud)
    expect(outcomes(first)).toEqual({
      init: 'done',
      daily: 'done',
      reminders: 'done',
      'proposals-auto-close': 'done',
      'follow-ups': 'done',
    })
    expect(first.jobs.find((l) => l.job === 'daily')).toMatchObject({
      period: '2027-01-01T08:00',
      summary: expect.stringContaining('发送祝福 3 条') as unknown,
    })
    expect(await greetings()).toHaveLength(3)

    at('2027-01-01T00:05:00Z')
    expect(await tick(cloud)).toEqual({ summary: '没有到期的任务', jobs: [] })
    // Ten minutes on, only the jobs that run every ten minutes have a new period.
    at('2027-01-01T00:10:00Z')
    expect(outcomes(await tick(cloud))).toEqual({ reminders: 'done', 'follow-ups': 'done' })
    expect(await greetings()).toHaveLength(3)

    const [daily] = await runsOf('daily')
    expect(daily).toMatchObject({ _id: 'daily:2027-01-01T08:00', status: 'done', runs: 1 })
    expect(JSON.parse(daily.report ?? 'null')).toMatchObject({ date: '2027-01-01', sent: 3, alreadySent: 0 })
    // The next morning is the next period (nobody's birthday on 2 January).
    at('2027-01-02T00:00:00Z')
    expect(outcomes(await tick(cloud))).toMatchObject({ daily: 'done' })
    expect((await runsOf('daily')).map((r) => r.period)).toEqual(['2027-01-01T08:00', '2027-01-02T08:00'])
  })

  test('two ticks at the same moment never both work a period', async () => {
    await addBoundMembers(cloud, 20)
    at(NEW_YEAR_0800)
    const both = await Promise.all([tick(cloud), tick(cloud)])
    for (const job of ['init', 'daily', 'reminders', 'follow-ups']) {
      const ran = both.flatMap((r) => r.jobs).filter((l) => l.job === job && l.outcome !== 'busy')
      expect([job, ran.map((l) => l.outcome)]).toEqual([job, ['done']])
    }
    const [daily] = await runsOf('daily')
    expect(daily).toMatchObject({ status: 'done', runs: 1 })
    expect(JSON.parse(daily.report ?? 'null')).toMatchObject({ sent: 20, alreadySent: 0 })
    expect(await greetings()).toHaveLength(20)
  })

  test('a period held by a run that died is taken up by the next tick once its lease has ended', async () => {
    await addBoundMembers(cloud, 3)
    // What a tick killed right after claiming the 08:00 greetings leaves: a claim nobody will release.
    const dead: JobRunDoc = {
      _id: 'daily:2027-01-01T08:00',
      job: 'daily',
      period: '2027-01-01T08:00',
      status: 'running',
      leaseUntil: '2027-01-01T00:02:00.000Z',
      token: 'dead-run',
      version: 1,
      runs: 1,
      progress: null,
      summary: '',
      report: null,
      startedAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
    }
    await cloud.ports.store.insert(JC.runs, dead)
    at('2027-01-01T00:01:00Z')
    expect(outcomes(await tick(cloud))).toMatchObject({ daily: 'busy' })
    expect(await greetings()).toHaveLength(0)

    at('2027-01-01T00:10:00Z')
    expect(outcomes(await tick(cloud))).toMatchObject({ daily: 'done' })
    expect(await greetings()).toHaveLength(3)
    expect(await runsOf('daily')).toEqual([expect.objectContaining({ status: 'done', runs: 2 })])
  })

  test('a morning too big for one tick is greeted over several ticks, each member once', async () => {
    const openids = await addBoundMembers(cloud, 300)
    await allowBirthdayPushes(openids)
    at(NEW_YEAR_0800)
    // No time at all: each tick sends one batch per job and saves where it stopped.
    const first = await tick(cloud, { budgetMs: 0 })
    expect(outcomes(first)).toMatchObject({ daily: 'paused' })
    expect(first.jobs.find((l) => l.job === 'daily')?.summary).toContain('未完，下次继续')
    const afterFirst = (await greetings()).length
    expect(afterFirst).toBeGreaterThan(0)
    expect(afterFirst).toBeLessThan(300)

    let ticks = 1
    while ((await runsOf('daily'))[0].status !== 'done' && ticks < 100) {
      await tick(cloud, { budgetMs: 0 })
      ticks++
    }
    const [daily] = await runsOf('daily')
    expect(daily).toMatchObject({ status: 'done', runs: ticks })
    // Each run went on where the last stopped: nothing was tried twice.
    expect(JSON.parse(daily.report ?? 'null')).toMatchObject({ birthdays: 300, sent: 300, alreadySent: 0 })
    const messages = await greetings()
    expect(new Set(messages.map((m) => m.memberId)).size).toBe(300)
    expect(messages).toHaveLength(300)
    if (cloud.emulator) {
      const pushedTo = cloud.emulator.openapi.sent.map((s) => s.touser)
      expect(new Set(pushedTo).size).toBe(300)
      expect(pushedTo).toHaveLength(300)
    }
    // Done is done: a later tick in the period leaves the greetings alone.
    at('2027-01-01T00:30:00Z')
    expect(outcomes(await tick(cloud))).not.toHaveProperty('daily')
  }, 120_000)
})

onEmulator('a tick killed at any request', () => {
  test('after the next tick every birthday member has exactly one greeting, pushed at most once', async () => {
    const openids = await addBoundMembers(cloud, 3)
    await allowBirthdayPushes(openids)
    const members = openids.map((o) => o.replace(/^t-/, '')).sort()
    // 07:50: init and the other jobs are done for their periods; at 08:00 the greetings fall due.
    at('2026-12-31T23:50:00Z')
    await tick(cloud)
    at(NEW_YEAR_0800)

    let pushesBefore = 0
    const act = (kill: Parameters<typeof tickKilledAt>[1]) => {
      pushesBefore = cloud.emulator!.openapi.sent.length
      return tickKilledAt(cloud, kill)
    }
    const points = await atEveryKillPoint(cloud, act, async (point) => {
      await atPoint(point, async () => {
        at('2027-01-01T00:10:00Z') // the next tick
        await tick(cloud)
        expect((await runsOf('daily')).find((r) => r.period === '2027-01-01T08:00')).toMatchObject({ status: 'done' })
        const messages = await greetings()
        expect(messages.map((m) => m.memberId).sort()).toEqual(members)
        const pushedTo = cloud.emulator!.openapi.sent.slice(pushesBefore).map((s) => s.touser)
        expect(new Set(pushedTo).size).toBe(pushedTo.length)
        for (const m of messages) {
          const pushed = pushedTo.includes(`t-${m.memberId}`)
          // Recorded as sent means WeChat has it; no push means the tick died around it, and it is never retried.
          if (m.push === 'sent') expect(pushed).toBe(true)
          if (!pushed) expect(m.push).toBe('pending')
        }
      })
    })
    // Reading the run records, claiming three periods, the greetings' reads and sends, the records saved.
    expect(points.length).toBeGreaterThanOrEqual(2 * 20)
  }, 300_000)
})

onEmulator('reminders and follow-ups in a tick killed at any request', () => {
  test('after the next tick: the interrupted sign-up is finished, each reminder sent once', async () => {
    // Init and the greetings run for their periods first; later ticks only have reminders and follow-ups due.
    await tick(cloud)
    const start = cloud.ports.clock.now().getTime()
    const minutes = (m: number) => new Date(start + m * 60_000).toISOString()
    const { id: activityId } = await cloud.ok(DEMO.chair, 'activities.create', {
      ...activityInput(cloud, { quota: 2 }),
      signupCloseAt: minutes(60),
      startAt: minutes(180),
      endAt: minutes(240),
    })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    // A third sign-up dies right after it was written: it waits, marked, for the follow-ups job.
    const killed = await cloud.callKilledAt(
      DEMO.retired,
      { action: 'activities.signUp', data: { activityId } },
      { atRequest: 6, when: 'after' },
    )
    expect(killed).toBe('killed')
    // At +90 min sign-up has closed, the activity starts within two hours, and the mark is old enough.
    at(minutes(90))
    const signups = () => cloud.ports.store.find<SignupDoc>(AC.signups, { activityId }, { limit: 10 })
    expect((await signups()).find((s) => s.memberId === 'm37')).toMatchObject({ followUpAt: expect.any(String) })
    const reminders = async () =>
      (await findAll<StoredMessageDoc>(cloud.ports.store, MC.messages, { kind: 'activity' })).filter(
        (m) => m._id.includes(`${activityId}:`) && m._id.includes(':two-hours:'),
      )

    const points = await atEveryKillPoint(
      cloud,
      (kill) => tickKilledAt(cloud, kill),
      async (point) => {
        await atPoint(point, async () => {
          at(minutes(100)) // the next tick
          await tick(cloud)
          const list = await signups()
          expect(list.filter((s) => s.status === 'pending' || s.followUpAt)).toEqual([])
          expect(list.find((s) => s.memberId === 'm37')?.status).toBe('waitlisted')
          const sent = await reminders()
          expect(sent.map((m) => m.memberId).sort()).toEqual(['m09', 'm17'])
        })
      },
    )
    // Reading the records, claiming two periods, the reminder reads and sends, the sign-up finished.
    expect(points.length).toBeGreaterThanOrEqual(20)
  }, 300_000)
})
