import { AC } from '@/core/activities/collections'
import type { SecretDoc, SignupDoc } from '@/core/activities/model'
import { activitiesReminders } from '@/core/activities/reminders'
import { checkinCodeAt } from '@/core/activities/rules'
import { activityInput } from '../support/fixtures/activities'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/** Issue 13 item 1: check-in, cancelling, reminders and results each at the right time. */

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const HOUR = 3600_000
/** The fixture's activity starts 2 hours after it is created and ends 2 hours later. */
const create = async (o: Parameters<typeof activityInput>[1] = {}) =>
  (await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, o))).id
const later = (ms: number) => cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + ms))
const signupOf = async (activityId: string, memberId: string) =>
  (await cloud.ports.store.findOne<SignupDoc>(AC.signups, { activityId, memberId })) as SignupDoc
const codeNow = async (activityId: string) => {
  const secret = ((await cloud.ports.store.findOne<SecretDoc>(AC.secrets, { _id: 'u-syxx' })) as SecretDoc).secret
  return checkinCodeAt(cloud.ports.signer, secret, activityId, cloud.ports.clock.now())
}

describe('check-in is open from 1 hour before the start until the end', () => {
  test('two hours ahead nobody checks in, no code is shown, and the page shows no check-in box', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    expect((await cloud.ok(DEMO.teacher, 'activities.get', { activityId })).mine?.canCheckIn).toBeUndefined()
    const code = await codeNow(activityId)
    const before = cloud.writes()
    const early = await cloud.refused(DEMO.teacher, 'activities.checkIn', { activityId, code })
    expect(early).toMatchObject({ code: 'CONFLICT', message: '还没到签到时间，活动开始前1小时起才能签到' })
    expect((await cloud.refused(DEMO.chair, 'activities.checkinCode', { activityId })).message).toContain(
      '还没到签到时间',
    )
    const byHand = await cloud.refused(DEMO.chair, 'activities.markAttendance', {
      activityId,
      memberId: 'm17',
      present: true,
    })
    expect(byHand.message).toContain('还没到签到时间')
    expect(cloud.writes()).toBe(before)
    expect((await signupOf(activityId, 'm17')).checkedInAt).toBeUndefined()
  })

  test('an hour before the start the box shows and the code works; after the end it is refused', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    later(1 * HOUR) // exactly 1 hour before the start
    expect((await cloud.ok(DEMO.teacher, 'activities.get', { activityId })).mine?.canCheckIn).toBe(true)
    const { code } = await cloud.ok(DEMO.chair, 'activities.checkinCode', { activityId })
    const done = await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code })
    expect(done.message).toBe('签到成功')
    // Checked in: no box and no 取消报名 any more.
    expect(done.activity.mine).toMatchObject({ canCancel: false })
    expect(done.activity.mine?.canCheckIn).toBeUndefined()

    later(3 * HOUR) // the activity ended an hour ago
    expect((await cloud.ok(DEMO.delegate, 'activities.get', { activityId })).mine?.canCheckIn).toBeUndefined()
    const before = cloud.writes()
    const late = await cloud.refused(DEMO.delegate, 'activities.checkIn', {
      activityId,
      code: await codeNow(activityId),
    })
    expect(late.message).toBe('活动已经结束，不能再签到')
    expect(cloud.writes()).toBe(before)
  })
})

describe('a checked-in member cannot cancel', () => {
  test('refused with a clear message, also with someone waiting for the seat; nothing written', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId }) // waits for 胡军's seat
    later(1.5 * HOUR)
    await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code: await codeNow(activityId) })
    const before = cloud.writes()
    const reply = await cloud.refused(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })
    expect(reply).toMatchObject({
      code: 'CONFLICT',
      message: '您已经签到，不能再取消报名，如有特殊情况请联系工会主席',
    })
    expect(cloud.writes()).toBe(before)
    expect(await signupOf(activityId, 'm17')).toMatchObject({ status: 'confirmed', checkedInAt: expect.any(String) })
    expect((await signupOf(activityId, 'm09')).status).toBe('waitlisted')
  })
})

describe('the 2-hour reminder', () => {
  test('goes to those not yet checked in, not to those already there', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    later(1.5 * HOUR)
    await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code: await codeNow(activityId) })
    const now = cloud.ports.clock.now()
    const soon = (await Promise.all(activitiesReminders.map((r) => r.collect(cloud.ports, now))))
      .flat()
      .filter((m) => m.key.includes(activityId) && m.key.includes(':two-hours:'))
    expect(soon.map((m) => m.memberId)).toEqual(['m09'])
  })
})

describe('results', () => {
  test('are refused before the activity has started, and nothing is written; once under way they are kept', async () => {
    const activityId = await create({ quota: 0 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    const result = { activityId, itemId: '', entrantId: 'm17', place: 1, score: '第一名' }
    const before = cloud.writes()
    const early = await cloud.refused(DEMO.chair, 'activities.recordResult', result)
    expect(early).toMatchObject({ code: 'CONFLICT', message: '活动还没有开始，开始后才能登记成绩' })
    expect(cloud.writes()).toBe(before)
    expect((await cloud.ok(DEMO.teacher, 'activities.results', { activityId })).sections[0].lines).toEqual([])
    later(2.5 * HOUR)
    const view = await cloud.ok(DEMO.chair, 'activities.recordResult', result)
    expect(view.sections[0].lines).toMatchObject([{ place: 1, score: '第一名' }])
  })
})
