import * as XLSX from '@e965/xlsx'
import { AC } from '@/core/activities/collections'
import { signupId, type ActivityDoc, type SecretDoc, type SignupDoc } from '@/core/activities/model'
import { checkinCodeAt } from '@/core/activities/rules'
import { activitiesReminders } from '@/core/activities/reminders'
import { C } from '@/core/shared/collections'
import { demoOpenid } from '@/server/seed/demo-school'
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
const signupsOf = (activityId: string) =>
  cloud.ports.store.find<SignupDoc>(AC.signups, { activityId }, { limit: 1000, sort: { queueKey: 1 } })
const activity = async (id: string) =>
  (await cloud.ports.store.findOne<ActivityDoc>(AC.activities, { _id: id })) as ActivityDoc

/** n extra bound members (openid `t-<i>`), written straight to the store, for concurrency tests. */
const addMembers = (n: number, gender: 'M' | 'F' = 'M') => addBoundMembers(cloud, n, gender)
/** Moves the test clock forward: the fixture's activity starts 2 hours after it is created. */
const later = (ms: number) => cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + ms))
/** Half an hour before the fixture's start: check-in is open (it opens 1 hour before). */
const intoCheckin = () => later(1.5 * HOUR)

describe('seats and the waitlist', () => {
  test('200 concurrent sign-ups for quota 10: exactly 10 confirmed, the rest waitlisted in arrival order', async () => {
    const activityId = await create({ quota: 10 })
    const people = await addMembers(200)
    const replies = await Promise.all(people.map((openid) => cloud.call(openid, 'activities.signUp', { activityId })))
    expect(replies.every((r) => r.ok)).toBe(true)
    const list = await signupsOf(activityId)
    expect(list).toHaveLength(200)
    expect(list.filter((s) => s.status === 'confirmed')).toHaveLength(10)
    const waiting = list.filter((s) => s.status === 'waitlisted')
    expect(waiting).toHaveLength(190)
    expect((await activity(activityId)).taken).toBe(10)
    // Positions follow arrival (queueKey) order: 1..190 without gaps.
    const positions = await Promise.all(
      waiting.map(async (s) => (await cloud.ok(`t-${s.memberId}`, 'activities.get', { activityId })).mine?.position),
    )
    expect(positions).toEqual(waiting.map((_, i) => i + 1))
  })

  test('a double tap makes one sign-up and one seat; every tap hears how it went; a later tap is told', async () => {
    const activityId = await create({ quota: 5 })
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => cloud.call(DEMO.teacher, 'activities.signUp', { activityId })),
    )
    // A tap that finds the sign-up still being made finishes it too (the same as a retry after a timeout).
    for (const r of replies)
      if (r.ok) expect(r.data).toMatchObject({ status: 'confirmed', message: '报名成功' })
      else expect(r).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/报/) })
    expect(replies.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1)
    expect(await signupsOf(activityId)).toHaveLength(1)
    expect((await activity(activityId)).taken).toBe(1)
    const before = cloud.writes()
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId })).message).toContain('已经报过名了')
    expect(cloud.writes()).toBe(before)
  })

  test('when a confirmed teacher cancels, the first on the waitlist is promoted and told', async () => {
    const activityId = await create({ quota: 1 })
    expect((await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })).status).toBe('confirmed')
    expect(await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })).toMatchObject({
      status: 'waitlisted',
      position: 1,
    })
    expect(await cloud.ok(DEMO.retired, 'activities.signUp', { activityId })).toMatchObject({
      status: 'waitlisted',
      position: 2,
    })
    await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '临时有课' })
    const detail = await cloud.ok(DEMO.delegate, 'activities.get', { activityId })
    expect(detail.mine?.status).toBe('confirmed')
    expect((await cloud.ok(DEMO.retired, 'activities.get', { activityId })).mine?.position).toBe(1)
    expect((await activity(activityId)).taken).toBe(1)
    const messages = await cloud.ports.store.find(C.messages, { memberId: 'm09' }, { limit: 10 })
    expect(messages.map((m) => m.title)).toContain('候补成功，已为您保留名额')
    // The cancelled sign-up is kept with its reason and time.
    const cancelled = (await signupsOf(activityId)).find((s) => s.memberId === 'm17') as SignupDoc
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '临时有课' })
    expect(cancelled.cancelledAt).toBeTruthy()
    expect(cancelled.history.map((h) => h.status)).toEqual(['pending', 'confirmed', 'cancelled'])
  })

  test('取消 with someone waiting: a policy still refuses, and a sign-up cut short before confirmed is handed on', async () => {
    // The seat would go straight to 郭婷, but this activity's sign-ups cannot be cancelled: nothing is written.
    const never = await create({ quota: 1, cancelPolicy: 'never' })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: never })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId: never })
    const before = cloud.writes()
    expect((await cloud.refused(DEMO.teacher, 'activities.cancel', { activityId: never, reason: '' })).message).toBe(
      '这个活动报名后不能取消，如有特殊情况请联系工会主席',
    )
    expect(cloud.writes()).toBe(before)

    // 胡军's sign-up was cut short after its seat was taken, before it said confirmed: 取消 still goes through.
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const at = cloud.ports.clock.now().toISOString()
    await cloud.ports.store.updateOne(
      AC.signups,
      { _id: signupId(activityId, 'm17') },
      { $set: { status: 'pending', followUpAt: at } },
    )
    const cancelled = await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    expect(cancelled.activity.mine?.status).toBe('cancelled')
    const list = await signupsOf(activityId)
    expect(list.map((s) => [s.memberId, s.status, s.followUpAt])).toEqual(
      expect.arrayContaining([
        ['m17', 'cancelled', undefined],
        ['m09', 'confirmed', undefined],
      ]),
    )
    expect(Object.keys((await activity(activityId)).seats ?? {})).toEqual(['m09'])
  })

  test('concurrent cancels and sign-ups never overfill the quota', async () => {
    const activityId = await create({ quota: 5 })
    const people = await addMembers(30)
    await Promise.all(people.slice(0, 15).map((o) => cloud.call(o, 'activities.signUp', { activityId })))
    await Promise.all([
      ...people.slice(0, 5).map((o) => cloud.call(o, 'activities.cancel', { activityId, reason: '' })),
      ...people.slice(15).map((o) => cloud.call(o, 'activities.signUp', { activityId })),
    ])
    const list = await signupsOf(activityId)
    expect(list.filter((s) => s.status === 'confirmed')).toHaveLength(5)
    expect((await activity(activityId)).taken).toBe(5)
    // The seats freed by the cancels went to the earliest waiting (6th..10th arrivals).
    const confirmed = list.filter((s) => s.status === 'confirmed').map((s) => s.memberId)
    for (const id of confirmed) expect(people.indexOf(`t-${id}`)).toBeLessThan(15)
  })

  test('a cancelled teacher can sign up again; family members count against the quota', async () => {
    const activityId = await create({ quota: 3, maxGuests: 2 })
    expect((await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId, guests: 2 })).status).toBe('confirmed')
    expect((await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId, guests: 1 })).status).toBe('waitlisted')
    expect((await cloud.refused(DEMO.retired, 'activities.signUp', { activityId, guests: 3 })).code).toBe('BAD_INPUT')
    await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    expect((await cloud.ok(DEMO.delegate, 'activities.get', { activityId })).mine?.status).toBe('confirmed')
    expect((await activity(activityId)).taken).toBe(2)
    expect((await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })).status).toBe('confirmed')
    expect((await signupsOf(activityId)).find((s) => s.memberId === 'm17')?.history.map((h) => h.status)).toEqual([
      'pending',
      'confirmed',
      'cancelled',
      'pending',
      'confirmed',
    ])
  })
})

describe('joining the line when full', () => {
  /** 郭婷 holds the only seat; with `again`, 胡军 waited and cancelled before (his sign-up is signed up again). */
  async function full(again: boolean): Promise<string> {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    if (again) {
      expect((await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })).status).toBe('waitlisted')
      await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    }
    return activityId
  }

  test('signing up again: back in line at the end, and nothing left unfinished', async () => {
    const activityId = await full(true)
    await cloud.ok(DEMO.retired, 'activities.signUp', { activityId })
    expect(await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })).toMatchObject({
      status: 'waitlisted',
      position: 2,
    })
    const list = await signupsOf(activityId)
    expect(list.map((s) => [s.memberId, s.status, s.followUpAt])).toEqual([
      ['m09', 'confirmed', undefined],
      ['m37', 'waitlisted', undefined],
      ['m17', 'waitlisted', undefined],
    ])
    expect(Object.keys((await activity(activityId)).seats ?? {})).toEqual(['m09'])
  })

  /**
   * Right as 胡军's sign-up joins the line (written `waitlisted`, still marked), 郭婷 gives her seat up and it
   * is handed to him, the first in line, by a promotion that relies on his sign-up's mark and is cut short
   * before confirming him (none of its own is left). Only in process can a write land between another call's
   * steps.
   */
  function handOverOnJoining(activityId: string): () => boolean {
    const store = cloud.ports.store
    const mine = signupId(activityId, 'm17')
    let handed = false
    const handOver = async () => {
      handed = true
      const q = ((await store.findOne<SignupDoc>(AC.signups, { _id: mine })) as SignupDoc).queueKey
      await update(AC.signups, { _id: signupId(activityId, 'm09') }, { $set: { status: 'cancelled' } })
      await update(
        AC.activities,
        { _id: activityId, 'seats.m09': { $exists: true } },
        { $unset: { 'seats.m09': true }, $set: { 'seats.m17': { q, n: 1, items: [] } } },
      )
    }
    const insert = store.insert.bind(store)
    const update = store.updateOne.bind(store)
    jest.spyOn(store, 'insert').mockImplementation(async (collection, doc) => {
      await insert(collection, doc)
      if (!handed && doc._id === mine && doc.status === 'waitlisted') await handOver()
    })
    jest.spyOn(store, 'updateOne').mockImplementation(async (collection, filter, change) => {
      const done = await update(collection, filter, change)
      if (!handed && done && filter._id === mine && change.$set?.status === 'waitlisted') await handOver()
      return done
    })
    return () => handed
  }

  const locally = RUNTIME === 'local' ? test.each : test.skip.each
  locally([
    ['signing up', false],
    ['signing up again', true],
  ])('%s: a seat handed over as the sign-up joins the line is confirmed, not left stranded', async (_, again) => {
    const activityId = await full(again)
    const handed = handOverOnJoining(activityId)
    expect(await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })).toMatchObject({ status: 'confirmed' })
    jest.restoreAllMocks()
    expect(handed()).toBe(true)
    const list = await signupsOf(activityId)
    expect(list.map((s) => [s.memberId, s.status, s.followUpAt])).toEqual([
      ['m09', 'cancelled', undefined],
      ['m17', 'confirmed', undefined],
    ])
    expect(await activity(activityId)).toMatchObject({ taken: 1, seats: { m17: expect.anything() } })
    const told = await cloud.ports.store.find(C.messages, { memberId: 'm17' }, { limit: 10 })
    expect(told.map((m) => m.title)).toContain('候补成功，已为您保留名额')
  })
})

describe('who may sign up and when', () => {
  test('after close, outside the audience: a Chinese error and nothing written', async () => {
    const closed = await create({
      signupOpenAt: new Date(Date.parse('2026-12-01T00:00:00Z')).toISOString(),
      signupCloseAt: '2026-12-01T01:00:00Z',
    })
    const women = await create({ audience: 'women' })
    const retiredOnly = await create({ audience: 'retired' })
    const before = cloud.writes()
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId: closed })).message).toBe(
      '报名已经截止',
    )
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId: women })).message).toBe(
      '这个活动只面向女教职工',
    )
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId: retiredOnly })).message).toBe(
      '这个活动只面向退休教职工',
    )
    expect(cloud.writes()).toBe(before)
    expect((await cloud.ok(DEMO.retired, 'activities.signUp', { activityId: retiredOnly })).status).toBe('confirmed')
  })

  test('items: per-person cap, gender rule and item quota are enforced by the server, also under concurrency', async () => {
    const activityId = await create({
      quota: 0,
      items: [
        { name: '跳绳', quota: 3, gender: 'any' },
        { name: '踢毽', quota: 0, gender: 'F' },
        { name: '大绳', quota: 0, gender: 'any' },
      ],
      itemCap: 2,
    })
    const [jump, kick, rope] = (await cloud.ok(DEMO.chair, 'activities.get', { activityId })).items.map((i) => i.id)
    const before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId, itemIds: [jump, kick, rope] })).message,
    ).toBe('每人最多报2个项目')
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId, itemIds: [kick] })).message).toBe(
      '「踢毽」只限女教职工报名',
    )
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId })).message).toBe('请至少选择一个项目')
    expect(cloud.writes()).toBe(before)
    const people = await addMembers(20)
    const replies = await Promise.all(
      people.map((o) => cloud.call(o, 'activities.signUp', { activityId, itemIds: [jump, rope] })),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(3)
    for (const r of replies.filter((x) => !x.ok))
      expect(r).toMatchObject({ message: '「跳绳」名额已满，请选择其他项目' })
    const a = await activity(activityId)
    expect(a.itemTaken[jump]).toBe(3)
    expect(a.itemTaken[rope]).toBe(3)
    expect((await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId, itemIds: [kick, rope] })).status).toBe(
      'confirmed',
    )
  })

  test('team by 小组: each 小组 fields at most sizeMax; the roster shows what each team still lacks', async () => {
    const activityId = await create({ quota: 0, teamMode: 'byGroup', teamSizeMin: 3, teamSizeMax: 3, teamMinWomen: 1 })
    const people = await addMembers(6)
    const replies = await Promise.all(people.map((o) => cloud.call(o, 'activities.signUp', { activityId })))
    expect(replies.filter((r) => r.ok)).toHaveLength(3)
    const view = await cloud.ok(DEMO.chair, 'activities.roster', { activityId })
    expect(view.teams).toEqual([{ id: 'g1', name: '语文组', size: 3, women: 0, problems: ['女教师还差1人'] }])
  })

  test('a 小组长 signs up and cancels for their own 小组 only; a teacher only for themself', async () => {
    const activityId = await create()
    // 何平 (m10) leads 数学组; 胡军 (m17) is in 数学组, 郭婷 (m09) in 语文组.
    expect((await cloud.ok(DEMO.groupLeader, 'activities.signUpFor', { activityId, memberId: 'm17' })).status).toBe(
      'confirmed',
    )
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const before = cloud.writes()
    expect((await cloud.refused(DEMO.groupLeader, 'activities.signUpFor', { activityId, memberId: 'm09' })).code).toBe(
      'NOT_FOUND',
    )
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.cancel', { activityId, memberId: 'm09', reason: '' })).code,
    ).toBe('NOT_FOUND')
    expect(
      (await cloud.refused(DEMO.groupLeader, 'activities.cancel', { activityId, memberId: 'm09', reason: '' })).code,
    ).toBe('NOT_FOUND')
    expect(cloud.writes()).toBe(before)
    await cloud.ok(DEMO.groupLeader, 'activities.cancel', { activityId, memberId: 'm17', reason: '' })
    expect((await signupsOf(activityId)).find((s) => s.memberId === 'm17')).toMatchObject({
      status: 'cancelled',
      cancelReason: '何平代为取消',
    })
  })

  test('cancel policy: never, or only before the close', async () => {
    const never = await create({ cancelPolicy: 'never' })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: never })
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.cancel', { activityId: never, reason: '' })).message,
    ).toContain('不能取消')
    const beforeClose = await create({ cancelPolicy: 'beforeClose' })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: beforeClose })
    cloud.ports.clock.set(new Date(Date.parse('2026-12-01T02:00:00Z') + 1.5 * HOUR))
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.cancel', { activityId: beforeClose, reason: '' })).message,
    ).toContain('报名已截止')
  })

  test('approval: applications wait for the chair, who approves or declines', async () => {
    const activityId = await create({ needsApproval: true, quota: 1 })
    expect((await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })).status).toBe('applied')
    expect((await activity(activityId)).taken).toBe(0)
    expect(
      (await cloud.ok(DEMO.chair, 'activities.review', { activityId, memberId: 'm17', approve: true })).status,
    ).toBe('confirmed')
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    expect(
      (await cloud.ok(DEMO.chair, 'activities.review', { activityId, memberId: 'm09', approve: false })).status,
    ).toBe('rejected')
    expect((await activity(activityId)).taken).toBe(1)
  })
})

describe('check-in', () => {
  const secret = async () =>
    ((await cloud.ports.store.findOne<SecretDoc>(AC.secrets, { _id: 'u-syxx' })) as SecretDoc).secret

  test('a confirmed teacher checks in with the current or previous code; an old or wrong code is refused', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    intoCheckin()
    const shown = await cloud.ok(DEMO.chair, 'activities.checkinCode', { activityId })
    expect(shown.code).toMatch(/^\d{6}$/)
    expect(shown.code).toBe(checkinCodeAt(cloud.ports.signer, await secret(), activityId, cloud.ports.clock.now()))
    const t0 = cloud.ports.clock.now().getTime()
    cloud.ports.clock.set(new Date(t0 + 10_000))
    expect((await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code: shown.code })).message).toBe(
      '签到成功',
    )
    expect((await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code: shown.code })).message).toBe(
      '您已经签到过了',
    )
    cloud.ports.clock.set(new Date(t0 + 30_000))
    const before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.delegate, 'activities.checkIn', { activityId, code: shown.code })).message,
    ).toContain('签到码不对或已过期')
    // The only write of a wrong code is its failure record (the guessing limit counts it).
    expect(cloud.writes()).toBe(before + 1)
    const roster = await cloud.ok(DEMO.chair, 'activities.roster', { activityId })
    expect(roster.checkedInCount).toBe(1)
    expect(roster.lines.find((l) => l.memberId === 'm17')?.checkedInAt).toBeTruthy()
  })

  test('nobody checks in someone else by crafting a request; someone not signed up cannot check in', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    intoCheckin()
    const code = checkinCodeAt(cloud.ports.signer, await secret(), activityId, cloud.ports.clock.now())
    const forged = await cloud.raw(DEMO.delegate, {
      action: 'activities.checkIn',
      data: { activityId, code, memberId: 'm17' },
    })
    expect(forged).toMatchObject({ ok: false, code: 'BAD_INPUT' })
    expect((await cloud.refused(DEMO.delegate, 'activities.checkIn', { activityId, code })).message).toContain(
      '没有报名',
    )
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.markAttendance', { activityId, memberId: 'm17', present: true }))
        .code,
    ).toBe('FORBIDDEN')
    expect((await signupsOf(activityId))[0].checkedInAt).toBeUndefined()
  })

  test('the chair checks in by hand and can undo; the history keeps both', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    intoCheckin()
    await cloud.ok(DEMO.chair, 'activities.markAttendance', { activityId, memberId: 'm17', present: true })
    expect((await signupsOf(activityId))[0].checkedInBy).toBe('m01')
    await cloud.ok(DEMO.chair, 'activities.markAttendance', { activityId, memberId: 'm17', present: false })
    const s = (await signupsOf(activityId))[0]
    expect(s.checkedInAt).toBeUndefined()
    expect(s.history.map((h) => h.reason ?? '')).toEqual(expect.arrayContaining(['手工签到', '撤销签到']))
  })
})

describe('privacy, export, edits, results, reminders', () => {
  test('only the chair and office see phone numbers, in the roster and the export', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    expect((await cloud.ok(DEMO.delegate, 'activities.roster', { activityId })).lines[0].phone).toBeUndefined()
    expect((await cloud.ok(DEMO.chair, 'activities.roster', { activityId })).lines[0].phone).toMatch(/^1\d{10}$/)
    const sheet = async (openid: string) => {
      const file = await cloud.ok(openid, 'activities.export', { activityId })
      expect(file.fileName).toMatch(/\.xlsx$/)
      const book = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer' })
      return XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false })
    }
    const chairRows = await sheet(DEMO.chair)
    expect(chairRows[0]).toContain('手机号')
    expect(chairRows[1]).toEqual(expect.arrayContaining(['胡军', '数学组', '已报名']))
    const committeeRows = await sheet(DEMO.committee)
    expect(committeeRows[0]).not.toContain('手机号')
    expect(JSON.stringify(committeeRows)).not.toMatch(/1\d{10}/)
  })

  test('a private roster shows counts only to teachers', async () => {
    const activityId = await create({ rosterPublic: false })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    expect(await cloud.ok(DEMO.delegate, 'activities.roster', { activityId })).toMatchObject({
      visible: false,
      confirmedCount: 1,
      lines: [],
    })
  })

  test('edits: quota never below the seats taken, an item with entrants stays; a moved time is announced', async () => {
    const activityId = await create({ quota: 3 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const refusal = await cloud.refused(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { quota: 1 }),
    })
    expect(refusal).toMatchObject({ code: 'BAD_INPUT', fields: { quota: expect.stringContaining('不能少于2') } })
    await cloud.ok(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { quota: 2, place: '报告厅' }),
    })
    const messages = await cloud.ports.store.find(C.messages, { memberId: 'm17' }, { limit: 10 })
    expect(messages.map((m) => m.title)).toContain('活动时间或地点有变化')

    const meet = await create({
      quota: 0,
      items: [
        { name: '跳绳', quota: 5, gender: 'any' },
        { name: '踢毽', quota: 5, gender: 'any' },
      ],
      itemCap: 1,
    })
    const items = (await cloud.ok(DEMO.chair, 'activities.get', { activityId: meet })).items
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: meet, itemIds: [items[0].id] })
    const drop = await cloud.refused(DEMO.chair, 'activities.update', {
      activityId: meet,
      ...activityInput(cloud, {
        quota: 0,
        items: [{ id: items[1].id, name: '踢毽', quota: 5, gender: 'any' }],
        itemCap: 1,
      }),
    })
    expect(drop.message).toBe('「跳绳」已有人报名，不能删除')
  })

  test('raising the quota promotes the waitlist in order', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.retired, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.chair, 'activities.update', { activityId, ...activityInput(cloud, { quota: 2 }) })
    expect((await cloud.ok(DEMO.delegate, 'activities.get', { activityId })).mine?.status).toBe('confirmed')
    expect((await cloud.ok(DEMO.retired, 'activities.get', { activityId })).mine).toMatchObject({
      status: 'waitlisted',
      position: 1,
    })
  })

  test('results: rankings per item and points per 小组', async () => {
    const activityId = await create({
      quota: 0,
      items: [{ name: '跳绳', quota: 0, gender: 'any' }],
      itemCap: 1,
      points: [7, 5, 4],
    })
    const [jump] = (await cloud.ok(DEMO.chair, 'activities.get', { activityId })).items
    for (const o of [DEMO.teacher, DEMO.delegate, DEMO.groupLeader])
      await cloud.ok(o, 'activities.signUp', { activityId, itemIds: [jump.id] })
    later(2.5 * HOUR) // results are recorded once the activity has started
    await cloud.ok(DEMO.chair, 'activities.recordResult', {
      activityId,
      itemId: jump.id,
      entrantId: 'm09',
      place: 1,
      score: '150个',
    })
    await cloud.ok(DEMO.chair, 'activities.recordResult', {
      activityId,
      itemId: jump.id,
      entrantId: 'm17',
      place: 2,
      score: '140个',
    })
    const view = await cloud.ok(DEMO.chair, 'activities.recordResult', {
      activityId,
      itemId: jump.id,
      entrantId: 'm10',
      place: 3,
      score: '120个',
    })
    expect(view.sections[0].lines.map((l) => [l.place, l.name, l.points])).toEqual([
      [1, '郭婷', 7],
      [2, '胡军', 5],
      [3, '何平', 4],
    ])
    expect(view.groupTotals).toEqual([
      { groupId: 'g2', name: '数学组', points: 9 },
      { groupId: 'g1', name: '语文组', points: 7 },
    ])
    expect(
      (
        await cloud.refused(DEMO.chair, 'activities.recordResult', {
          activityId,
          itemId: jump.id,
          entrantId: 'm20',
          place: 1,
          score: '',
        })
      ).code,
    ).toBe('BAD_INPUT')
  })

  test('reminders: tomorrow and in two hours to the confirmed, closing soon to those who have not signed up; once', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    const now = cloud.ports.clock.now()
    const collect = async () => (await Promise.all(activitiesReminders.map((r) => r.collect(cloud.ports, now)))).flat()
    const due = (await collect()).filter((m) => m.key.includes(activityId))
    const soon = due.filter((m) => m.key.includes(':two-hours:'))
    expect(soon.map((m) => m.memberId)).toEqual(['m17'])
    const closing = due.filter((m) => m.key.includes(':closing:'))
    expect(closing.map((m) => m.memberId)).not.toContain('m17')
    expect(closing.map((m) => m.memberId)).toContain('m09')
    expect(closing.map((m) => m.memberId)).not.toContain('m31')
    expect(new Set(due.map((m) => m.key)).size).toBe(due.length)
  })

  test('another union cannot see our activity', async () => {
    const activityId = await create()
    await cloud.ports.store.updateOne(AC.activities, { _id: activityId }, { $set: { unionId: 'u-other' } })
    expect((await cloud.refused(DEMO.teacher, 'activities.get', { activityId })).code).toBe('NOT_FOUND')
  })

  test('a member of another union cannot 报名 or 取消 with our activity’s id: not found, and nothing written', async () => {
    // Our activity with its one seat taken and one teacher waiting: a 取消 that went through would hand it on.
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    const [outsider] = await addBoundMembers(cloud, 1, 'M', 'o')
    // addBoundMembers' first id with tag 'o', moved to another union.
    await cloud.ports.store.updateOne(C.members, { _id: 'to0000' }, { $set: { unionId: 'u-other' } })
    const before = {
      writes: cloud.writes(),
      activity: await activity(activityId),
      signups: await signupsOf(activityId),
    }

    const notFound = { ok: false, code: 'NOT_FOUND', message: '找不到这个活动，可能已被删除或链接不完整' }
    const asked = [
      await cloud.raw(outsider, { action: 'activities.signUp', data: { activityId } }),
      await cloud.raw(outsider, { action: 'activities.cancel', data: { activityId, reason: '' } }),
      // Even naming our teacher: nothing of this activity reaches another union, not even who holds a seat.
      await cloud.raw(outsider, { action: 'activities.cancel', data: { activityId, memberId: 'm17', reason: '' } }),
    ]
    expect(
      asked.map(({ ok, code, message }: { ok: boolean; code?: string; message?: string }) => ({ ok, code, message })),
    ).toEqual([notFound, notFound, { ...notFound, message: expect.any(String) }])
    expect(asked.every((reply) => !('data' in reply))).toBe(true)
    expect({
      writes: cloud.writes(),
      activity: await activity(activityId),
      signups: await signupsOf(activityId),
    }).toEqual(before)
  })
})

describe('seed', () => {
  test('the demo has an open activity with a waitlist, a meet with items, a team event and a past one with results', async () => {
    const list = (await cloud.ok(DEMO.chair, 'activities.list', {})).items
    expect(list.map((a) => a.title)).toEqual(
      expect.arrayContaining(['教职工乒乓球单打赛', '冬季趣味运动会', '拔河比赛（按工会小组）']),
    )
    const pingpong = list.find((a) => a.title === '教职工乒乓球单打赛')
    expect(pingpong?.seatsLeft).toBe(0)
    const mine = await cloud.ok(DEMO.teacher, 'activities.mine', {})
    expect(mine.past[0]).toMatchObject({ title: '秋季登山活动', results: ['第3名（2小时10分）'] })
    expect(mine.upcoming.map((a) => a.title)).toEqual(
      expect.arrayContaining(['教职工乒乓球单打赛', '冬季趣味运动会', '拔河比赛（按工会小组）']),
    )
    const waiting = await cloud.ok(demoOpenid('m21'), 'activities.get', { activityId: pingpong?.id ?? '' })
    expect(waiting.mine).toMatchObject({ status: 'waitlisted', position: 2 })
  })
})
