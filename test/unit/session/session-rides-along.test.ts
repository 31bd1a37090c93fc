// The app's session store and a page's first call: a page opened cold makes one call, and the session comes
// back with it; only when that call brings none does the store ask session.whoami itself.
import type { WhoAmI } from '@/core/members/views'

const send = jest.fn<Promise<unknown>, [string, { action: string; session?: boolean }]>()
jest.mock('@/services/transport', () => ({ send: (fn: string, payload: never) => send(fn, payload) }))

const ME: WhoAmI = { signedIn: true, bound: true }

beforeEach(() => {
  jest.resetModules()
  send.mockReset()
})

/** Fresh modules per test: the store is the app's one global state. */
function load() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('@/services/api') as typeof import('@/services/api')
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const store = require('@/hooks/session-store') as typeof import('@/hooks/session-store')
  return { api, store }
}

const actions = () => send.mock.calls.map(([, body]) => `${body.action}${body.session ? '+session' : ''}`)

test('a cold page: its own call brings the session, and nobody asks whoami', async () => {
  const { api, store } = load()
  send.mockResolvedValue({ ok: true, data: { id: 'a1' }, session: ME })
  const [data] = await Promise.all([api.call('activities.get', { activityId: 'a1' }), store.loadSession()])
  expect(data).toEqual({ id: 'a1' })
  expect(store.getSession().whoami).toEqual(ME)
  expect(actions()).toEqual(['activities.get+session'])
  // Known now: the next call does not ask again.
  await api.call('activities.get', { activityId: 'a1' })
  expect(actions()).toEqual(['activities.get+session', 'activities.get'])
})

test('when that call fails, the store asks whoami itself', async () => {
  const { api, store } = load()
  send.mockRejectedValueOnce(new Error('cloud.callFunction:fail timeout'))
  send.mockResolvedValueOnce({ ok: true, data: ME })
  const page = api.call('activities.get', { activityId: 'a1' }).catch((e: Error) => e.message)
  await Promise.all([page, store.loadSession()])
  expect(await page).toBe('网络不太好，请稍后再试')
  expect(actions()).toEqual(['activities.get+session', 'session.whoami'])
  expect(store.getSession().whoami).toEqual(ME)
})

test('a refused call still delivers the session (an unbound teacher sees the bind step)', async () => {
  const { api, store } = load()
  const unbound: WhoAmI = { signedIn: true, bound: false }
  send.mockResolvedValue({ ok: false, code: 'NOT_BOUND', message: '请先绑定会员信息', session: unbound })
  await Promise.all([api.call('activities.get', { activityId: 'a1' }).catch(() => undefined), store.loadSession()])
  expect(store.getSession().whoami).toEqual(unbound)
  expect(actions()).toEqual(['activities.get+session'])
})

test('pull-down refresh: a call may ask for the session again on purpose', async () => {
  const { api, store } = load()
  send.mockResolvedValueOnce({ ok: true, data: ME })
  await store.loadSession()
  const renamed: WhoAmI = { ...ME, signedIn: true }
  send.mockResolvedValueOnce({ ok: true, data: null, session: renamed })
  await api.call('greetings.today', {}, { withSession: true })
  expect(actions()).toEqual(['session.whoami', 'greetings.today+session'])
  expect(store.getSession().whoami).toBe(renamed)
})
