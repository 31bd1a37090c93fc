import { C } from '@/core/shared/collections'
import type { Store } from '@/core/shared/ports'
import { findJob } from '@/server/jobs'
import { DEMO, makeTestCloud, type TestCloud, type TestPorts } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const daily = findJob('daily')
async function runDaily(ports: TestPorts = cloud.ports) {
  if (!daily) throw new Error('no daily job')
  return daily.run(ports)
}
const at = (iso: string) => cloud.ports.clock.set(new Date(iso))
const inbox = (memberId: string) => cloud.ports.store.find(C.messages, { memberId, kind: 'birthday' })

describe('the 08:00 birthday job', () => {
  test('greets 郭婷 on 12-03 once, however often it runs; her card shows, 何平 has none', async () => {
    at('2026-12-03T00:00:00Z') // 08:00 Shanghai
    expect((await runDaily()).summary).toContain('发送祝福 1 条')
    const again = await runDaily()
    expect(again).toMatchObject({ sent: 0, alreadySent: 1 })
    expect(await inbox('m09')).toHaveLength(1)
    const card = await cloud.ok(DEMO.delegate, 'greetings.today', {})
    expect(card).toMatchObject({ date: '2026-12-03', unionName: '实验小学工会', title: '郭婷老师，生日快乐！' })
    expect(card?.body).toContain('郭婷老师，祝您生日快乐')
    // README: the card is signed by the chair (王建国), not only by the union.
    expect(card?.signature).toBe('实验小学工会主席 王建国')
    expect(await cloud.ok(DEMO.groupLeader, 'greetings.today', {})).toBeNull()
    // The card is also kept in her message center.
    const page = await cloud.ok(DEMO.delegate, 'messages.list', {})
    expect(page.items[0]).toMatchObject({ kind: 'birthday', kindLabel: '生日祝福', read: false })
    // The next day there is no card.
    at('2026-12-04T00:00:00Z')
    expect(await cloud.ok(DEMO.delegate, 'greetings.today', {})).toBeNull()
  })

  test('23:59 Shanghai is still 12-02 (周敏); 00:00 is 12-03 (郭婷)', async () => {
    at('2026-12-02T15:59:00Z')
    await runDaily()
    expect(await inbox('m08')).toHaveLength(1)
    expect(await inbox('m09')).toHaveLength(0)
    at('2026-12-02T16:00:00Z')
    await runDaily()
    expect(await inbox('m09')).toHaveLength(1)
  })

  test('29 Feb: 马丽 is greeted on 28 Feb in a common year, on 29 Feb in a leap year', async () => {
    at('2027-02-28T00:00:00Z')
    await runDaily()
    expect((await inbox('m11')).map((m) => m._id)).toEqual(['birthday:u-syxx:m11:2027-02-28'])
    at('2028-02-28T00:00:00Z')
    await runDaily()
    expect(await inbox('m11')).toHaveLength(1)
    at('2028-02-29T00:00:00Z')
    await runDaily()
    expect(await inbox('m11')).toHaveLength(2)
  })

  test('opted out, left and (if the chair says so) retired members are not greeted', async () => {
    await cloud.ok(DEMO.delegate, 'members.setPrivacy', { hideBirthday: false, noGreetings: true })
    at('2026-12-03T00:00:00Z')
    const r = await runDaily()
    expect(r).toMatchObject({ birthdays: 1, sent: 0, skipped: { optedOut: 1, retired: 0 } })

    // 陆桂英 (m37, retired) on 12-05: greeted by default, not after the chair turns it off.
    await cloud.ok(DEMO.chair, 'greetings.saveSettings', { template: '{name}老师，生日快乐！', includeRetired: false })
    at('2026-12-05T00:00:00Z')
    expect(await runDaily()).toMatchObject({ sent: 0, skipped: { retired: 1 } })
    await cloud.ok(DEMO.chair, 'greetings.saveSettings', { template: '{name}老师，生日快乐！', includeRetired: true })
    at('2026-12-05T01:00:00Z')
    await runDaily()
    expect((await inbox('m37'))[0]).toMatchObject({ body: '陆桂英老师，生日快乐！' })

    // 周敏 (m08, 12-02) has left: never greeted.
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm08', status: 'left' })
    at('2027-12-02T00:00:00Z')
    expect(await runDaily()).toMatchObject({ birthdays: 0, sent: 0 })
  })

  test('reads grow with unions and birthdays, not with members', async () => {
    const counted = countReads(cloud.ports.store)
    at('2026-12-03T00:00:00Z')
    const r = await runDaily({ ...cloud.ports, store: counted.store })
    expect(counted.reads()).toBeLessThanOrEqual(2 * (Number(r.birthdays) + Number(r.unions)))
  })
})

describe("the chair's birthday lists", () => {
  test('upcoming week: soonest first, ages for the chair only, no birth year to anyone', async () => {
    await cloud.ok(DEMO.delegate, 'members.setPrivacy', { hideBirthday: true, noGreetings: false })
    const week = await cloud.ok(DEMO.chair, 'greetings.upcoming', { range: 'week' })
    expect(week.rows.map((r) => [r.name, r.date, r.daysAway])).toEqual([
      ['周敏', '2026-12-02', 1],
      ['郭婷', '2026-12-03', 2],
      ['陆桂英', '2026-12-05', 4],
      ['蒋欣', '2026-12-08', 7],
    ])
    // 郭婷 hides her birthday from colleagues, but the chair still sees her (for the cake).
    expect(week.rows[1]).toMatchObject({ age: 36, hideBirthday: true })
    expect(JSON.stringify(week)).not.toContain('1990')
    const forAdmin = await cloud.ok(DEMO.admin, 'greetings.upcoming', { range: 'week' })
    expect(forAdmin.rows.every((r) => r.age === undefined)).toBe(true)
    expect((await cloud.refused(DEMO.teacher, 'greetings.upcoming', { range: 'week' })).code).toBe('FORBIDDEN')
    const month = await cloud.ok(DEMO.chair, 'greetings.upcoming', { range: 'month' })
    expect(month.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['朱红', '韩冬', '蒋欣']))
    const quarter = await cloud.ok(DEMO.chair, 'greetings.upcoming', { range: 'quarter' })
    expect(quarter.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['林小燕', '马丽']))
    expect(quarter.rows.find((r) => r.name === '马丽')?.date).toBe('2027-02-28')
  })

  test('「7天内」 ends with the 7th day after today, counted in Shanghai days', async () => {
    const week = async () =>
      (await cloud.ok(DEMO.chair, 'greetings.upcoming', { range: 'week' })).rows.map((r) => [r.name, r.daysAway])
    // 23:59 on 30 Nov in Shanghai (15:59 UTC): 蒋欣's 12-08 is 8 days away, not yet in the week.
    at('2026-11-30T15:59:00Z')
    expect(await week()).toEqual([
      ['周敏', 2],
      ['郭婷', 3],
      ['陆桂英', 5],
    ])
    // 00:00 on 1 Dec in Shanghai, still 30 Nov in UTC: 12-08 is the 7th day, and on the list.
    at('2026-11-30T16:00:00Z')
    expect(await week()).toEqual([
      ['周敏', 1],
      ['郭婷', 2],
      ['陆桂英', 4],
      ['蒋欣', 7],
    ])
    // 「30天内」 likewise keeps its 30th day: 韩冬's 12-22 from 22 Nov, not from 21 Nov.
    const month = async () =>
      (await cloud.ok(DEMO.chair, 'greetings.upcoming', { range: 'month' })).rows.find((r) => r.name === '韩冬')
    at('2026-11-21T15:59:00Z')
    expect(await month()).toBeUndefined()
    at('2026-11-21T16:00:00Z')
    expect((await month())?.daysAway).toBe(30)
  })

  test('季度生日会 roster by month, and gifts marked per member per year with history', async () => {
    const q4 = await cloud.ok(DEMO.chair, 'greetings.quarter', { year: 2026, quarter: 4 })
    expect(q4.months.map((m) => m.month)).toEqual([10, 11, 12])
    expect(q4.months[2].rows.map((r) => r.name)).toEqual(['周敏', '郭婷', '陆桂英', '蒋欣', '朱红', '韩冬'])
    expect(q4.giftsGiven).toBe(0)

    const row = await cloud.ok(DEMO.chair, 'greetings.markGift', {
      memberId: 'm09',
      year: 2026,
      given: true,
      kind: '生日蛋糕',
      note: '',
    })
    expect(row.gift).toEqual({ given: true, kind: '生日蛋糕', note: '' })
    await cloud.ok(DEMO.admin, 'greetings.markGift', {
      memberId: 'm09',
      year: 2026,
      given: false,
      kind: '生日蛋糕',
      note: '记错了',
    })
    await cloud.ok(DEMO.chair, 'greetings.markGift', {
      memberId: 'm09',
      year: 2026,
      given: true,
      kind: '生日卡',
      note: '',
    })
    const gift = await cloud.ports.store.findOne('birthdayGifts', { _id: 'm09_2026' })
    expect((gift?.history as unknown[]).length).toBe(3)
    expect((await cloud.ok(DEMO.chair, 'greetings.quarter', { year: 2026, quarter: 4 })).giftsGiven).toBe(1)
    // Next year is a separate gift.
    expect((await cloud.ok(DEMO.chair, 'greetings.quarter', { year: 2027, quarter: 4 })).giftsGiven).toBe(0)

    expect(
      (await cloud.refused(DEMO.chair, 'greetings.markGift', { memberId: 'nobody', year: 2026, given: true })).code,
    ).toBe('NOT_FOUND')
  })

  test('settings: the template must keep {name} and pass the content check; a refusal writes nothing', async () => {
    expect((await cloud.ok(DEMO.chair, 'greetings.settings', {})).isDefault).toBe(true)
    const before = cloud.writes()
    const flagged = await cloud.refused(DEMO.chair, 'greetings.saveSettings', {
      template: '{name}老师，赌博快乐',
      includeRetired: true,
    })
    expect(flagged.code).toBe('CONTENT_REJECTED')
    expect(flagged.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(
      (await cloud.refused(DEMO.chair, 'greetings.saveSettings', { template: '老师生日快乐！', includeRetired: true }))
        .fields,
    ).toHaveProperty('template')
    expect(cloud.writes()).toBe(before)
    expect(
      (await cloud.refused(DEMO.admin, 'greetings.saveSettings', { template: '{name}老师好', includeRetired: true }))
        .code,
    ).toBe('FORBIDDEN')
    const saved = await cloud.ok(DEMO.chair, 'greetings.saveSettings', {
      template: '亲爱的{name}老师，生日快乐！',
      includeRetired: false,
    })
    // The preview reads like the real greeting: a full example name and 老师 once (it read 「亲爱的张老老师」).
    expect(saved).toMatchObject({ preview: '亲爱的李华老师，生日快乐！', includeRetired: false, isDefault: false })
  })
})

/** Counts every read a job makes. */
function countReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0
  const counted: Store = {
    ...store,
    insert: (c, d) => store.insert(c, d),
    updateOne: (c, f, u) => store.updateOne(c, f, u),
    updateMany: (c, f, u) => store.updateMany(c, f, u),
    ensureIndexes: (i) => store.ensureIndexes(i),
    findOne: (c, f) => {
      reads++
      return store.findOne(c, f)
    },
    find: (c, f, o) => {
      reads++
      return store.find(c, f, o)
    },
    count: (c, f) => {
      reads++
      return store.count(c, f)
    },
  }
  return { store: counted, reads: () => reads }
}
