// Issue 12 for 活动: a change answers with the page it leaves (no second call), the line is served by arrival
// key, 活动列表 is paged on the server, and each screen's round trips stay few on CloudBase.
import { AC } from '@/core/activities/collections'
import { SIGNUP_WINDOW_LABELS, mySignupLabel } from '@/core/activities/labels'
import { signupId, type ActivityDoc } from '@/core/activities/model'
import type { ActivityDetail } from '@/core/activities/views'
import { activityInput } from '../support/fixtures/activities'
import { DEMO, RUNTIME, addBoundMembers, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const HOUR = 3600_000
const create = async (o: Parameters<typeof activityInput>[1] = {}) =>
  (await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, o))).id
const page = (openid: string, activityId: string) => cloud.ok(openid, 'activities.get', { activityId })

describe('a change answers with the page as it now stands', () => {
  test('报名, 候补, 取消 and 签到 each bring back what the page shows next, the same as opening it again', async () => {
    const activityId = await create({ quota: 1 })

    const seat = await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    expect(seat).toMatchObject({ status: 'confirmed', message: '报名成功' })
    expect(seat.activity).toMatchObject({ seatsLeft: 0, confirmedCount: 1, mine: { status: 'confirmed' } })
    expect(seat.activity).toEqual(await page(DEMO.teacher, activityId))

    const waiting = await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    expect(waiting).toMatchObject({ status: 'waitlisted', position: 1 })
    expect(waiting.activity).toMatchObject({ waitlistCount: 1, mine: { status: 'waitlisted', position: 1 } })
    expect(waiting.activity).toEqual(await page(DEMO.delegate, activityId))

    // The seat goes straight to 郭婷: 胡军's page says he is out, and the seat is not free.
    const cancelled = await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    expect(cancelled).toMatchObject({ status: 'cancelled', message: '已取消报名' })
    expect(cancelled.activity).toMatchObject({ seatsLeft: 0, confirmedCount: 1, waitlistCount: 0 })
    expect(cancelled.activity.mine?.status).toBe('cancelled')
    expect(cancelled.activity).toEqual(await page(DEMO.teacher, activityId))
    expect((await page(DEMO.delegate, activityId)).mine?.status).toBe('confirmed')

    // Half an hour before the start: check-in is open (from 1 hour before).
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 1.5 * HOUR))
    const code = await cloud.ok(DEMO.chair, 'activities.checkinCode', { activityId })
    const present = await cloud.ok(DEMO.delegate, 'activities.checkIn', { activityId, code: code.code })
    expect(present.message).toBe('签到成功')
    expect(present.activity.mine?.checkedInAt).toBeTruthy()
    expect(present.activity).toEqual(await page(DEMO.delegate, activityId))
  })

  test('an application and leaving the line answer with the page too', async () => {
    const reviewed = await create({ quota: 5, needsApproval: true })
    const applied = await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: reviewed })
    expect(applied).toMatchObject({ status: 'applied', activity: { mine: { status: 'applied', canCancel: true } } })
    expect(applied.activity).toEqual(await page(DEMO.teacher, reviewed))

    const full = await create({ quota: 1 })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId: full })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: full })
    const left = await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId: full, reason: '' })
    expect(left.activity).toMatchObject({ waitlistCount: 0, confirmedCount: 1, mine: { status: 'cancelled' } })
    expect(left.activity).toEqual(await page(DEMO.teacher, full))
  })

  test('captain-formed teams: joining and taking someone off answer with the teams as they now are', async () => {
    const activityId = await create({ quota: 4, teamMode: 'captain', teamSizeMin: 2, teamSizeMax: 3 })
    const formed = await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    const joined = await cloud.ok(DEMO.delegate, 'activities.joinTeam', { activityId, teamId: formed.teams[0].id })
    expect(joined.activity.teams[0].members.map((m) => m.name)).toEqual(['胡军', '郭婷'])
    expect(joined.activity).toEqual(await page(DEMO.delegate, activityId))
    const removed = await cloud.ok(DEMO.teacher, 'activities.removeFromTeam', { activityId, memberId: 'm09' })
    expect(removed.activity.teams[0]).toMatchObject({ size: 1, members: [{ name: '胡军' }] })
  })
})

describe('the line', () => {
  test('each waiting teacher learns their place from 报名 itself, and moves up when someone ahead leaves', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    const extra = await addBoundMembers(cloud, 2)
    const line = [DEMO.delegate, DEMO.retired, DEMO.groupLeader, ...extra]
    for (const [i, who] of line.entries()) {
      const reply = await cloud.ok(who, 'activities.signUp', { activityId })
      expect({ who, position: reply.position, page: reply.activity.mine?.position }).toEqual({
        who,
        position: i + 1,
        page: i + 1,
      })
      expect(reply.activity.waitlistCount).toBe(i + 1)
    }

    // The second in line leaves: everyone behind moves up one, nobody ahead moves.
    const left = await cloud.ok(DEMO.retired, 'activities.cancel', { activityId, reason: '' })
    expect(left.activity.waitlistCount).toBe(4)
    const places = async () =>
      Promise.all(line.map(async (who) => (await page(who, activityId)).mine?.position ?? null))
    expect(await places()).toEqual([1, null, 2, 3, 4])

    // The seat is given back: the first in line takes it, the rest move up again.
    await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    expect((await page(DEMO.delegate, activityId)).mine?.status).toBe('confirmed')
    expect(await places()).toEqual([null, null, 1, 2, 3])
    const roster = await cloud.ok(DEMO.chair, 'activities.roster', { activityId })
    expect(roster.lines.filter((l) => l.status === 'waitlisted').map((l) => l.position)).toEqual([1, 2, 3])
  })

  test('候补 from 报名 counts the whole line, also someone behind who got in first (a clock running ahead)', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    // 陆桂英 joined the line through a function instance whose clock runs ahead: her arrival key sorts after
    // any made here, so she is behind whoever signs up next although her sign-up is already written.
    const at = cloud.ports.clock.now().toISOString()
    await cloud.ports.store.insert(AC.signups, {
      _id: signupId(activityId, 'm37'),
      unionId: 'u-syxx',
      activityId,
      memberId: 'm37',
      status: 'waitlisted',
      queueKey: 'zzzzzzzzzzzzzzzzzzz',
      itemIds: [],
      guests: 0,
      signedUpBy: 'm37',
      signedUpAt: at,
      history: [{ at, status: 'waitlisted', by: 'm37' }],
    })
    const reply = await cloud.ok(DEMO.groupLeader, 'activities.signUp', { activityId })
    expect(reply).toMatchObject({ status: 'waitlisted', position: 2 })
    expect(reply.activity).toMatchObject({ waitlistCount: 3, mine: { status: 'waitlisted', position: 2 } })
    expect(reply.activity).toEqual(await page(DEMO.groupLeader, activityId))
    expect((await page(DEMO.retired, activityId)).mine?.position).toBe(3)
  })
})

describe('活动列表 in pages', () => {
  test('a cursor walks every current activity exactly once, in order, and says when there is no more', async () => {
    const base = cloud.ports.clock.now().getTime()
    const created: string[] = []
    for (let i = 0; i < 45; i++) {
      // Fifteen start at the very same minute: a page boundary among them must neither repeat nor skip one.
      const start = base + (i < 15 ? 30 : 30 + i) * HOUR
      const at = (ms: number) => new Date(ms).toISOString()
      created.push(
        await create({
          title: `分页活动${i}`,
          startAt: at(start),
          endAt: at(start + 2 * HOUR),
          signupCloseAt: at(start - HOUR),
        }),
      )
    }
    const now = cloud.ports.clock.now().toISOString()
    const current = await cloud.ports.store.count(AC.activities, { unionId: 'u-syxx', endAt: { $gt: now } })

    const seen: string[] = []
    const starts: string[] = []
    let cursor: string | undefined
    for (let n = 0; n < 20; n++) {
      const reply = await cloud.ok(DEMO.chair, 'activities.list', { limit: 10, ...(cursor ? { cursor } : {}) })
      expect(reply.items.length).toBeLessThanOrEqual(10)
      seen.push(...reply.items.map((a) => a.id))
      starts.push(...reply.items.map((a) => a.startAt))
      expect(reply.more).toBe(reply.next !== undefined)
      if (!reply.more) break
      expect(reply.items).toHaveLength(10)
      cursor = reply.next
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toHaveLength(current)
    expect(created.filter((id) => !seen.includes(id))).toEqual([])
    expect(starts).toEqual([...starts].sort())

    // The default page is 20 rows and stays small; 首页's three rows smaller still.
    const first = await cloud.ok(DEMO.chair, 'activities.list', {})
    expect(first.items).toHaveLength(20)
    expect(JSON.stringify(first).length).toBeLessThan(30 * 1024)
    const home = await cloud.ok(DEMO.teacher, 'activities.list', { limit: 3 })
    expect(home.items).toHaveLength(3)
    expect(JSON.stringify(home).length).toBeLessThan(5 * 1024)
  })

  test('a teacher is shown only what they may join, without gaps in a page; past ones latest first', async () => {
    const women = await create({ title: '女教职工讲座', audience: 'women' })
    const otherGroup = await create({ title: '语文组活动', audience: 'group', audienceGroupId: 'g1' })
    const ownGroup = await create({ title: '数学组活动', audience: 'group', audienceGroupId: 'g2' })
    const teacherRows = (await cloud.ok(DEMO.teacher, 'activities.list', { limit: 50 })).items.map((a) => a.id)
    expect(teacherRows).toContain(ownGroup)
    expect(teacherRows).not.toContain(women)
    expect(teacherRows).not.toContain(otherGroup)
    const delegateRows = (await cloud.ok(DEMO.delegate, 'activities.list', { limit: 50 })).items.map((a) => a.id)
    expect(delegateRows).toEqual(expect.arrayContaining([women, otherGroup]))
    expect(delegateRows).not.toContain(ownGroup)
    // A page of one still finds the next visible row: nothing is filtered out after the read.
    const one = await cloud.ok(DEMO.teacher, 'activities.list', { limit: 1 })
    expect(one.items).toHaveLength(1)

    const past = await cloud.ok(DEMO.teacher, 'activities.list', { scope: 'past' })
    expect(past.items.map((a) => a.title)).toContain('秋季登山活动')
    expect(past.more).toBe(false)
  })

  test('a cursor from another list, a forged one or an oversized page is refused', async () => {
    const first = await cloud.ok(DEMO.chair, 'activities.list', { limit: 1 })
    expect(first.next).toBeDefined()
    const cursor = first.next ?? ''
    expect((await cloud.refused(DEMO.chair, 'activities.list', { scope: 'past', cursor })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.chair, 'activities.list', { cursor: 'x~y' })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.chair, 'activities.list', { cursor: '$where' })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.chair, 'activities.list', { limit: 51 })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.chair, 'activities.list', { limit: 0 })).code).toBe('BAD_INPUT')
  })
})

describe('我的活动', () => {
  test('after 签到 the row reads 已签到, after the activity 已参加; not 已报名 (issue 13)', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const row = async () => {
      const mine = await cloud.ok(DEMO.delegate, 'activities.mine', {})
      const a = [...mine.upcoming, ...mine.past].find((x) => x.id === activityId)
      if (!a?.myStatus) throw new Error('the sign-up is missing from 我的活动')
      return mySignupLabel(a.myStatus, Boolean(a.myCheckedIn), a.phase)
    }
    expect(await row()).toBe('已报名')
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 1.5 * HOUR)) // check-in is open
    const { code } = await cloud.ok(DEMO.chair, 'activities.checkinCode', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.checkIn', { activityId, code })
    expect(await row()).toBe('已签到')
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 5 * HOUR))
    expect(await row()).toBe('已参加')
  })

  test('「报名截止：…（…）」 says whether one can still sign up, not how far the activity is', async () => {
    const activityId = await create()
    const window = async () => SIGNUP_WINDOW_LABELS[(await page(DEMO.teacher, activityId)).phase]
    expect(await window()).toBe('还可报名')
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 2.5 * HOUR)) // the activity is under way
    expect(await window()).toBe('已截止')
  })

  test('a page of the latest sign-ups at a time; older ones follow with the cursor', async () => {
    const ids: string[] = []
    for (let i = 0; i < 35; i++) ids.push(await create({ title: `我的活动${i}`, quota: 0 }))
    for (const activityId of ids) await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const first = await cloud.ok(DEMO.delegate, 'activities.mine', {})
    expect(first.more).toBe(true)
    const next = await cloud.ok(DEMO.delegate, 'activities.mine', { cursor: first.next })
    const upcoming = [...first.upcoming, ...next.upcoming].map((a) => a.id)
    expect(new Set(upcoming).size).toBe(upcoming.length)
    expect(upcoming).toEqual(expect.arrayContaining(ids))
    // The latest sign-ups come first.
    expect(first.upcoming.map((a) => a.id)).toContain(ids[34])
    expect((await cloud.refused(DEMO.delegate, 'activities.mine', { cursor: 'c~x~y' })).code).toBe('BAD_INPUT')
  })
})

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

onEmulator('round trips on CloudBase', () => {
  /** The sequential round trips of one call (the dispatcher's one to find the caller included). */
  async function trips<T>(call: () => Promise<T>): Promise<{ reply: T; sequential: number }> {
    const emulator = cloud.emulator
    if (!emulator) throw new Error('emulator only')
    const before = emulator.invocations.length
    const reply = await call()
    const mine = emulator.invocations.slice(before).filter((r) => r.functionName === 'api')
    expect(mine).toHaveLength(1)
    return { reply, sequential: mine[0].sequential }
  }

  test('opening, 报名, 候补, 取消 and a list page each take a few round trips, in one call', async () => {
    const activityId = await create({ quota: 1 })
    expect((await trips(() => page(DEMO.teacher, activityId))).sequential).toBeLessThanOrEqual(3)
    const seat = await trips(() => cloud.ok(DEMO.teacher, 'activities.signUp', { activityId }))
    expect(seat.reply.activity.mine?.status).toBe('confirmed')
    const waiting = await trips(() => cloud.ok(DEMO.delegate, 'activities.signUp', { activityId }))
    expect(waiting.reply.activity.mine?.position).toBe(1)
    const handed = await trips(() => cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' }))
    expect(handed.reply.activity.confirmedCount).toBe(1)
    // The bench's figures (scripts/bench/round-trips.ts: 4, 4, 5), the caller's lookup included: the activity
    // (and for 取消 the first in line) read beside it. Here WeChat templates are configured (the bench has
    // none, where the message to the one promoted is one write beside the page): that message also tries a
    // push — the message with the member's openid, a credit asked for (郭婷 gave none), the outcome recorded —
    // so the hand-over counts the notifier's two more: 5 + 2.
    expect({ seat: seat.sequential, waiting: waiting.sequential, handed: handed.sequential }).toEqual({
      seat: 4,
      waiting: 4,
      handed: 5 + 2,
    })
    expect((await trips(() => cloud.ok(DEMO.teacher, 'activities.list', {}))).sequential).toBeLessThanOrEqual(3)
    expect((await trips(() => cloud.ok(DEMO.teacher, 'activities.mine', {}))).sequential).toBeLessThanOrEqual(4)
    const a = (await cloud.ports.store.findOne<ActivityDoc>(AC.activities, { _id: activityId })) as ActivityDoc
    expect(Object.keys(a.seats ?? {})).toEqual(['m09'])
  })

  test('a hand-over whose message is pushed on WeChat: the push is the only thing added', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    cloud.emulator!.openapi.grantConsent(DEMO.delegate, 'tpl-activity', 1)
    await cloud.ok(DEMO.delegate, 'messages.recordConsent', { templates: ['activity'] })
    const sentBefore = cloud.emulator!.openapi.sent.length
    const handed = await trips(() => cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' }))
    expect(cloud.emulator!.openapi.sent.length).toBe(sentBefore + 1)
    // As above, and the push itself (subscribeMessage.send) between the credit and the outcome: 5 + 3.
    expect(handed.sequential).toBe(5 + 3)
  })

  test('a captain-formed event opens in three round trips too', async () => {
    const activityId = await create({ quota: 4, teamMode: 'captain', teamSizeMin: 2, teamSizeMax: 3 })
    const formed: ActivityDetail = await cloud.ok(DEMO.teacher, 'activities.createTeam', {
      activityId,
      name: '数学先锋',
    })
    await cloud.ok(DEMO.delegate, 'activities.joinTeam', { activityId, teamId: formed.teams[0].id })
    const opened = await trips(() => page(DEMO.retired, activityId))
    expect(opened.reply.teams[0].members.map((m) => m.name)).toEqual(['胡军', '郭婷'])
    expect(opened.sequential).toBeLessThanOrEqual(3)
  })
})
