// A page opened cold (a QR code, a shared card) asks for the caller's session with its own call: the reply
// carries `session` beside the data, computed from the caller the dispatcher already resolved.
import type { WhoAmI } from '@/core/members/views'
import type { ActivitySummary } from '@/core/activities/views'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
let activityId: string

beforeAll(async () => {
  cloud = await makeTestCloud()
  const listed = (await cloud.raw(DEMO.teacher, { action: 'activities.list', data: {} })) as {
    ok: true
    data: ActivitySummary[] | { items: ActivitySummary[] }
  }
  const rows = Array.isArray(listed.data) ? listed.data : listed.data.items
  activityId = rows[0].id
})
afterAll(() => cloud.cleanup())

type WithSession = { ok: boolean; data?: { id?: string }; code?: string; session?: WhoAmI }

test('the activity and who I am come back in one call', async () => {
  const reply = (await cloud.raw(DEMO.teacher, {
    action: 'activities.get',
    data: { activityId },
    session: true,
  })) as WithSession
  expect(reply.ok).toBe(true)
  expect(reply.data?.id).toBe(activityId)
  expect(reply.session).toMatchObject({ signedIn: true, bound: true, profile: { name: '胡军' } })
  expect(reply.session?.can?.['activities.signUp']).toBe(true)
})

test('a refused call still says who the caller is, so the page can show the next step (bind)', async () => {
  const reply = (await cloud.raw('never-bound-openid', {
    action: 'activities.get',
    data: { activityId },
    session: true,
  })) as WithSession
  expect(reply).toMatchObject({ ok: false, code: 'NOT_BOUND' })
  expect(reply.session).toMatchObject({ signedIn: true, bound: false })
  expect(reply.session).not.toHaveProperty('profile')
})

test('without the flag, or with anything but true, no session rides along', async () => {
  for (const session of [undefined, 'true', 1, { yes: true }]) {
    const reply = (await cloud.raw(DEMO.teacher, {
      action: 'activities.get',
      data: { activityId },
      session,
    })) as WithSession
    expect(reply.ok).toBe(true)
    expect(reply).not.toHaveProperty('session')
  }
})

test('on CloudBase the session costs no extra round trip: it runs beside the action', async () => {
  const emulator = cloud.emulator
  if (!emulator) return
  const sequentialOf = async (body: unknown): Promise<number> => {
    await cloud.raw(DEMO.teacher, body)
    return emulator.invocations[emulator.invocations.length - 1].sequential
  }
  const alone = await sequentialOf({ action: 'activities.get', data: { activityId } })
  const whoami = await sequentialOf({ action: 'session.whoami', data: {} })
  const together = await sequentialOf({ action: 'activities.get', data: { activityId }, session: true })
  expect(together).toBe(Math.max(alone, whoami))
})
