// 首页 in one call: what a teacher sees when the app opens, and nothing for someone who is not a member.
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud.cleanup())

test('a teacher gets every section at once: notices, activities, 提案 and (on other days) no card', async () => {
  const home = await cloud.ok(DEMO.teacher, 'home.open', {})
  if (!home) throw new Error('a bound teacher gets the home')
  const notices = await cloud.ok(DEMO.teacher, 'notices.list', {})
  // The same first rows as the lists they lead to, at most three of each.
  expect(home.notices.items.map((n) => n.id)).toEqual(notices.items.slice(0, 3).map((n) => n.id))
  expect(home.notices.unread).toBe(notices.unread)
  const activities = await cloud.ok(DEMO.teacher, 'activities.list', {})
  expect(home.activities.items.map((a) => a.id)).toEqual(activities.items.slice(0, 3).map((a) => a.id))
  expect(home.proposals).toEqual(await cloud.ok(DEMO.teacher, 'proposals.todo', {}))
  expect(home.birthdayCard).toBeNull() // 胡军's birthday is 09-10; the suite's clock is in December
})

test('opening a notice from 首页 shows it read on the next 首页', async () => {
  const before = await cloud.ok(DEMO.teacher, 'home.open', {})
  const unread = before?.notices.items.find((n) => !n.read)
  if (!unread || !before) throw new Error('the demo teacher has an unread notice')
  await cloud.ok(DEMO.teacher, 'notices.open', { noticeId: unread.id })
  const after = await cloud.ok(DEMO.teacher, 'home.open', {})
  expect(after?.notices.items.find((n) => n.id === unread.id)?.read).toBe(true)
  expect(after?.notices.unread).toBe(before.notices.unread - 1)
})

test('nobody signed in, a WeChat user not yet bound, and a member who left get nothing but null', async () => {
  expect(await cloud.ok(undefined, 'home.open', {})).toBeNull()
  expect(await cloud.ok('never-bound-openid', 'home.open', {})).toBeNull()
  await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm16', status: 'left' })
  expect(await cloud.ok('demo-m16', 'home.open', {})).toBeNull()
})

test('on CloudBase, opening the app cold is one call within three round trips', async () => {
  const emulator = cloud.emulator
  if (!emulator) return
  const reply = (await cloud.raw(DEMO.teacher, { action: 'home.open', data: {}, session: true })) as {
    ok: boolean
    session?: { bound: boolean }
  }
  expect(reply).toMatchObject({ ok: true, session: { bound: true } })
  expect(emulator.invocations.at(-1)?.sequential).toBeLessThanOrEqual(3)
})
