import { AC } from '@/core/activities/collections'
import type { ActivityDoc, SignupDoc, TeamDoc } from '@/core/activities/model'
import { teamId } from '@/core/activities/model'
import { seatsOf } from '@/core/activities/rules'
import { MC } from '@/core/messages/collections'
import type { StoredMessageDoc } from '@/core/messages/model'
import { afterGrace, atEveryKillPoint, type KillPoint, type KilledOutcome } from '../support/fault-injection'
import { activityInput } from '../support/fixtures/activities'
import { DEMO, RUNTIME, addBoundMembers, makeTestCloud, type TestCloud } from '../support/test-cloud'

/**
 * Sign-ups killed at every request (CloudBase's timeout is such a kill): after the member's retry or the
 * follow-ups job, nothing is left `pending`, the seat counters equal the seats confirmed people hold, and
 * nobody is told anything twice.
 */
const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud?.cleanup())

const create = async (o: Parameters<typeof activityInput>[1] = {}) =>
  (await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, o))).id
const signupsOf = (activityId: string) =>
  cloud.ports.store.find<SignupDoc>(AC.signups, { activityId }, { limit: 1000, sort: { queueKey: 1 } })
const activity = async (id: string) =>
  (await cloud.ports.store.findOne<ActivityDoc>(AC.activities, { _id: id })) as ActivityDoc
const statusOf = async (activityId: string, memberId: string) =>
  (await signupsOf(activityId)).find((s) => s.memberId === memberId)?.status
/** Messages about one activity to one member. */
const messagesTo = async (memberId: string, activityId: string) =>
  (await cloud.ports.store.find<StoredMessageDoc>(MC.messages, { memberId }, { limit: 1000 })).filter((m) =>
    m._id.startsWith(`activity:${activityId}:`),
  )

/** What must hold after any recovery: the ledger, the counters and the sign-ups agree; nothing is unfinished. */
async function expectConsistent(activityId: string, point: KillPoint): Promise<void> {
  const a = await activity(activityId)
  const list = await signupsOf(activityId)
  const unfinished = list.filter((s) => s.status === 'pending' || s.followUpAt)
  expect({ point: point.label, unfinished: unfinished.map((s) => `${s.memberId}:${s.status}`) }).toEqual({
    point: point.label,
    unfinished: [],
  })
  const confirmed = list.filter((s) => s.status === 'confirmed')
  const counted =
    a.team.mode === 'captain' ? confirmed.filter((s) => s.teamId === teamId(a._id, s.memberId)) : confirmed
  const seats = Object.entries(a.seats ?? {})
  expect({ point: point.label, taken: a.taken, holders: seats.map(([m]) => m).sort() }).toEqual({
    point: point.label,
    taken: counted.reduce((n, s) => n + (a.team.mode === 'captain' ? 1 : seatsOf(s)), 0),
    holders: counted.map((s) => s.memberId).sort(),
  })
  for (const [memberId, hold] of seats)
    expect({ memberId, q: hold.q }).toEqual({ memberId, q: counted.find((s) => s.memberId === memberId)?.queueKey })
  for (const item of a.items)
    expect({ item: item.name, n: a.itemTaken[item.id] ?? 0 }).toEqual({
      item: item.name,
      n: confirmed.filter((s) => s.itemIds.includes(item.id)).length,
    })
  if (a.team.mode === 'captain') {
    const teams = await cloud.ports.store.find<TeamDoc>(AC.teams, { activityId }, { limit: 100 })
    for (const t of teams.filter((x) => x.status === 'active'))
      expect({ team: t.name, size: t.size, places: Object.keys(t.places ?? {}).sort() }).toEqual({
        team: t.name,
        size: confirmed.filter((s) => s.teamId === t._id).length,
        places: confirmed
          .filter((s) => s.teamId === t._id)
          .map((s) => s.memberId)
          .sort(),
      })
  }
}

/**
 * What happens after a kill: the person saw an error and taps again, and the follow-ups job runs — in
 * either order (odd kill points: the tap first). A tap that finds the change done is refused harmlessly.
 */
async function recover(point: KillPoint, tapAgain: () => Promise<unknown>): Promise<void> {
  if (point.atRequest % 2) await tapAgain()
  await afterGrace(cloud)
  if (!(point.atRequest % 2)) await tapAgain()
}

const ask =
  (openid: string, action: string, data: unknown) => (kill: Parameters<TestCloud['callKilledAt']>[2] | undefined) =>
    kill ? cloud.callKilledAt(openid, { action, data }, kill) : cloud.raw(openid, { action, data })

onEmulator('a sign-up killed at every request', () => {
  test('with seats free: the retry (or the job) confirms it, one seat taken', async () => {
    const activityId = await create({ quota: 3 })
    const points = await atEveryKillPoint(
      cloud,
      ask(DEMO.teacher, 'activities.signUp', { activityId }),
      async (point) => {
        await recover(point, async () => {
          // A second tap finishes the sign-up, or says it is already done.
          const retry = await cloud.call(DEMO.teacher, 'activities.signUp', { activityId })
          if (retry.ok) expect(retry.data.status).toBe('confirmed')
          else expect(retry.message).toContain('已经报过名了')
        })
        expect({ point: point.label, status: await statusOf(activityId, 'm17') }).toEqual({
          point: point.label,
          status: 'confirmed',
        })
        await expectConsistent(activityId, point)
      },
    )
    expect(points.length).toBeGreaterThan(4)
  })

  test('when full: it ends on the waitlist, never holding a seat', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    await atEveryKillPoint(cloud, ask(DEMO.teacher, 'activities.signUp', { activityId }), async (point) => {
      await recover(point, () => cloud.call(DEMO.teacher, 'activities.signUp', { activityId }))
      expect({ point: point.label, status: await statusOf(activityId, 'm17') }).toEqual({
        point: point.label,
        status: 'waitlisted',
      })
      await expectConsistent(activityId, point)
    })
  })

  test('signing up again when full: back on the waitlist, never holding a seat', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.retired, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    const again = ask(DEMO.teacher, 'activities.signUp', { activityId })
    const later: typeof again = (kill) => {
      // A moment after 陆桂英 joined: arrival keys carry the time (a restarted instance counts from 0 again).
      cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 1000))
      return again(kill)
    }
    await atEveryKillPoint(cloud, later, async (point) => {
      await recover(point, () => cloud.call(DEMO.teacher, 'activities.signUp', { activityId }))
      const line = (await signupsOf(activityId)).filter((s) => s.status === 'waitlisted').map((s) => s.memberId)
      expect({ point: point.label, line }).toEqual({ point: point.label, line: ['m37', 'm17'] })
      await expectConsistent(activityId, point)
    })
  })

  test('with items: the item seats are held and given back with the sign-up', async () => {
    const activityId = await create({
      quota: 0,
      items: [
        { name: '跳绳', quota: 1, gender: 'any' },
        { name: '踢毽', quota: 0, gender: 'any' },
      ],
      itemCap: 2,
    })
    const a = await activity(activityId)
    await atEveryKillPoint(
      cloud,
      ask(DEMO.teacher, 'activities.signUp', { activityId, itemIds: a.items.map((i) => i.id) }),
      async (point) => {
        await recover(point, () =>
          cloud.call(DEMO.teacher, 'activities.signUp', { activityId, itemIds: a.items.map((i) => i.id) }),
        )
        await expectConsistent(activityId, point)
        expect((await activity(activityId)).itemTaken[a.items[0].id]).toBe(1)
      },
    )
  })
})

onEmulator('a cancellation killed at every request', () => {
  test('the seat goes to the first in line, who is told exactly once', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.retired, 'activities.signUp', { activityId })
    await atEveryKillPoint(
      cloud,
      ask(DEMO.teacher, 'activities.cancel', { activityId, reason: '临时有课' }),
      async (point) => {
        await recover(point, async () => {
          // Tapping 取消 again goes through, or finds it already done.
          const again = await cloud.call(DEMO.teacher, 'activities.cancel', { activityId, reason: '临时有课' })
          if (!again.ok) expect(again.message).toContain('没有找到有效的报名')
        })
        const status = { teacher: await statusOf(activityId, 'm17'), delegate: await statusOf(activityId, 'm09') }
        expect({ point: point.label, ...status }).toEqual({
          point: point.label,
          teacher: 'cancelled',
          delegate: 'confirmed',
        })
        expect(await statusOf(activityId, 'm37')).toBe('waitlisted')
        const promoted = (await messagesTo('m09', activityId)).filter((m) => m._id.includes(':promoted:'))
        expect({ point: point.label, told: promoted.length }).toEqual({ point: point.label, told: 1 })
        await expectConsistent(activityId, point)
      },
    )
  })

  test('a WeChat push for the promotion is sent once, whatever the kill point', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const openapi = cloud.emulator!.openapi
    const pushesTo = (openid: string) => openapi.sent.filter((m) => m.touser === openid).length
    // 郭婷 allowed one push: WeChat holds the consent (granted again before each run), the app a credit (in the
    // database every run starts from).
    await cloud.ok(DEMO.delegate, 'messages.recordConsent', { templates: ['activity'] })
    let before = 0
    let pushed = 0
    await atEveryKillPoint(
      cloud,
      async (kill) => {
        openapi.grantConsent(DEMO.delegate, 'tpl-activity', 5)
        before = pushesTo(DEMO.delegate)
        return ask(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })(kill)
      },
      async (point) => {
        await recover(point, () => cloud.call(DEMO.teacher, 'activities.cancel', { activityId, reason: '' }))
        await afterGrace(cloud)
        // Pushed by the killed call or by the job, never by both; lost only when killed before WeChat took it.
        const pushes = pushesTo(DEMO.delegate) - before
        expect({ point: point.label, atMostOnce: pushes <= 1 }).toEqual({ point: point.label, atMostOnce: true })
        pushed += pushes
        const total = (await messagesTo('m09', activityId)).filter((m) => m._id.includes(':promoted:'))
        expect(total).toHaveLength(1)
        await expectConsistent(activityId, point)
      },
    )
    // Pushes really went out (without the app's credit none would, and "at most once" would prove nothing).
    expect(pushed).toBeGreaterThan(0)
  })
})

onEmulator("the chair's review killed at every request", () => {
  test('an approval ends confirmed with one message; a rejection ends rejected with one message', async () => {
    for (const approve of [true, false]) {
      const activityId = await create({ quota: 2, needsApproval: true })
      await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
      await atEveryKillPoint(
        cloud,
        ask(DEMO.chair, 'activities.review', { activityId, memberId: 'm17', approve }),
        async (point) => {
          await recover(point, () =>
            cloud.call(DEMO.chair, 'activities.review', { activityId, memberId: 'm17', approve }),
          )
          expect({ point: point.label, status: await statusOf(activityId, 'm17') }).toEqual({
            point: point.label,
            status: approve ? 'confirmed' : 'rejected',
          })
          const told = (await messagesTo('m17', activityId)).filter((m) =>
            m._id.includes(approve ? ':approved:' : ':rejected:'),
          )
          expect(told).toHaveLength(1)
          await expectConsistent(activityId, point)
        },
      )
    }
  })
})

onEmulator('captain-formed teams killed at every request', () => {
  const teamActivity = () => create({ quota: 4, teamMode: 'captain', teamSizeMin: 2, teamSizeMax: 3, teamMinWomen: 0 })

  test('forming a team: the team exists with its captain, or not at all', async () => {
    const activityId = await teamActivity()
    await atEveryKillPoint(
      cloud,
      ask(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' }),
      async (point) => {
        await recover(point, () => cloud.call(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' }))
        expect({ point: point.label, status: await statusOf(activityId, 'm17') }).toEqual({
          point: point.label,
          status: 'confirmed',
        })
        const team = await cloud.ports.store.findOne<TeamDoc>(AC.teams, { _id: teamId(activityId, 'm17') })
        expect(team).toMatchObject({ status: 'active', size: 1, name: '数学先锋' })
        await expectConsistent(activityId, point)
      },
    )
  })

  test('joining a team: one place taken, the captain told once; leaving gives it back', async () => {
    const activityId = await teamActivity()
    await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    const team = teamId(activityId, 'm17')
    await atEveryKillPoint(
      cloud,
      ask(DEMO.delegate, 'activities.joinTeam', { activityId, teamId: team }),
      async (point) => {
        await recover(point, async () => {
          const again = await cloud.call(DEMO.delegate, 'activities.joinTeam', { activityId, teamId: team })
          if (!again.ok) expect(again.message).toContain('已经在一支队伍里了')
        })
        expect(await statusOf(activityId, 'm09')).toBe('confirmed')
        const told = (await messagesTo('m17', activityId)).filter((m) => m._id.includes(':joined:'))
        expect({ point: point.label, told: told.length }).toEqual({ point: point.label, told: 1 })
        await expectConsistent(activityId, point)
      },
    )
    // The last run left the delegate on the team: now leaving, killed at every request.
    await atEveryKillPoint(
      cloud,
      ask(DEMO.delegate, 'activities.cancel', { activityId, reason: '' }),
      async (point) => {
        await recover(point, () => cloud.call(DEMO.delegate, 'activities.cancel', { activityId, reason: '' }))
        expect(await statusOf(activityId, 'm09')).toBe('cancelled')
        await expectConsistent(activityId, point)
      },
    )
  })
})

onEmulator('many members at once', () => {
  test('a sign-up burst with kills in the middle leaves every counter right after the job', async () => {
    const activityId = await create({ quota: 5 })
    const people = await addBoundMembers(cloud, 12, 'F', 'k')
    // Every other sign-up dies somewhere between its 4th and 9th request.
    const outcomes: KilledOutcome[] = await Promise.all(
      people.map((openid, i) =>
        i % 2 === 0
          ? cloud.callKilledAt(
              openid,
              { action: 'activities.signUp', data: { activityId } },
              { atRequest: 4 + (i % 6), when: i % 4 ? 'after' : 'before' },
            )
          : cloud.raw(openid, { action: 'activities.signUp', data: { activityId } }),
      ),
    )
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThan(0)
    await afterGrace(cloud)
    await expectConsistent(activityId, { atRequest: 0, when: 'after', label: 'burst' })
    const list = await signupsOf(activityId)
    // Those killed before their sign-up was written have none (they saw an error); the rest are all placed.
    expect(list.length).toBeGreaterThan(6)
    expect(list.filter((s) => s.status === 'confirmed')).toHaveLength(5)
    expect(list.filter((s) => s.status === 'waitlisted')).toHaveLength(list.length - 5)
  })
})
