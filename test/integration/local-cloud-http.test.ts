import fs from 'fs'
import os from 'os'
import path from 'path'
import { C } from '@/core/shared/collections'
import { startLocalCloud, type LocalCloud } from '@/server/local/server'

/** A reply without the server's clock stamped on every reply (checked to be there). */
function withoutClock(reply: { now?: unknown }): object {
  expect(typeof reply.now).toBe('string')
  const { now: _now, ...rest } = reply
  return rest
}

let cloud: LocalCloud
let dataDir: string
let h5Dir: string

async function startFresh() {
  cloud = await startLocalCloud({ dataDir, port: 0, h5Dir, seed: true, log: () => undefined })
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-http-'))
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-h5-'))
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<html>教工之家</html>')
  fs.mkdirSync(path.join(h5Dir, 'js'))
  fs.writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.log(1)')
  await startFresh()
})
afterAll(async () => {
  await cloud.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(h5Dir, { recursive: true, force: true })
})

const JSON_TYPE = { 'content-type': 'application/json' }

const api = (body: unknown, cookie = '') =>
  fetch(`${cloud.url}/api/api`, { method: 'POST', headers: { cookie, ...JSON_TYPE }, body: JSON.stringify(body) })

/** A dev route as the harness calls it: with this run's token (test/integration/local-cloud-security.test.ts). */
const devPost = (route: string, body: unknown) =>
  fetch(`${cloud.url}${route}`, {
    method: 'POST',
    headers: { ...JSON_TYPE, authorization: `Bearer ${cloud.devToken}` },
    body: JSON.stringify(body),
  })

async function signIn(openid: string): Promise<string> {
  return ((await devPost('/dev/login', { openid })).headers.get('set-cookie') ?? '').split(';')[0]
}

test('the dev sign-in page lists the demo people, chair first, plus unbound users', async () => {
  const dev = { authorization: `Bearer ${cloud.devToken}` }
  const { people } = (await (await fetch(`${cloud.url}/dev/people`, { headers: dev })).json()) as {
    people: { name: string; label: string; bound: boolean }[]
  }
  expect(people[0]).toMatchObject({ name: '王建国', label: expect.stringContaining('工会主席'), bound: true })
  expect(people.filter((p) => !p.bound)).toHaveLength(2)
  expect(JSON.stringify(people)).not.toMatch(/139\d{8}/)
})

test('a signed session identifies the caller; a forged or edited cookie identifies nobody', async () => {
  const cookie = await signIn('demo-m01')
  const who = (await (await api({ action: 'session.whoami' }, cookie)).json()) as {
    data: { profile: { name: string } }
  }
  expect(who.data.profile.name).toBe('王建国')
  const forged = cookie.replace(/.{4}$/, (tail) => (tail === 'AAAA' ? 'BBBB' : 'AAAA'))
  expect(withoutClock(await (await api({ action: 'session.whoami' }, forged)).json())).toEqual({
    ok: true,
    data: { signedIn: false, bound: false },
  })
  // The old cookie format (the openid, signed) names nobody now.
  const otherUser = `jg_session=${Buffer.from('demo-m02').toString('base64url')}.AAAA`
  expect(
    ((await (await api({ action: 'session.whoami' }, otherUser)).json()) as { data: { signedIn: boolean } }).data
      .signedIn,
  ).toBe(false)
})

test('a call looks up whom the caller is bound to once: the session check’s answer serves the action too', async () => {
  const cookie = await signIn('demo-m01')
  const findOne = jest.spyOn(cloud.ports.store, 'findOne')
  try {
    const reply = (await (await api({ action: 'groups.list', data: {} }, cookie)).json()) as { data: unknown[] }
    expect(reply.data.length).toBeGreaterThan(0)
    expect(findOne.mock.calls.filter(([collection]) => collection === C.bindings)).toHaveLength(1)
  } finally {
    findOne.mockRestore()
  }
})

test('an openid in the body is ignored: identity comes only from the session', async () => {
  const reply = await (await api({ action: 'members.list', data: {}, openid: 'demo-m01' })).json()
  expect(reply).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
})

test('a new WeChat user gets a fresh unbound identity', async () => {
  const res = await devPost('/dev/login', { newUser: true })
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]
  expect(withoutClock(await (await api({ action: 'session.whoami' }, cookie)).json())).toEqual({
    ok: true,
    data: { signedIn: true, bound: false },
  })
})

test('malformed and oversized bodies get a Chinese refusal', async () => {
  const bad = await fetch(`${cloud.url}/api/api`, { method: 'POST', headers: JSON_TYPE, body: '{not json' })
  expect(bad.status).toBe(400)
  expect(((await bad.json()) as { message: string }).message).toBe('请求格式不正确')
  const big = await fetch(`${cloud.url}/api/api`, {
    method: 'POST',
    headers: JSON_TYPE,
    body: 'x'.repeat(4 * 1024 * 1024),
  }).catch(() => null)
  if (big) expect(big.status).toBe(413)
  expect((await fetch(`${cloud.url}/api/other`, { method: 'POST', headers: JSON_TYPE, body: '{}' })).status).toBe(404)
})

test('serves the H5 build and never a file outside it', async () => {
  expect(await (await fetch(`${cloud.url}/js/app.js`)).text()).toBe('console.log(1)')
  expect(await (await fetch(`${cloud.url}/pages/me/index`)).text()).toContain('教工之家')
  expect(await (await fetch(`${cloud.url}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`)).text()).toContain('教工之家')
})

test('data survives a restart and the demo is not seeded twice', async () => {
  const cookie = await signIn('demo-m01')
  await api({ action: 'groups.create', data: { name: '体育组' } }, cookie)
  await cloud.close()
  await startFresh()
  const cookieAfter = await signIn('demo-m01')
  const groups = (await (await api({ action: 'groups.list', data: {} }, cookieAfter)).json()) as {
    data: { name: string }[]
  }
  expect(groups.data.map((g) => g.name)).toContain('体育组')
  expect(groups.data).toHaveLength(7)
})

test('a timed job can be fired now', async () => {
  const res = await devPost('/dev/trigger', { name: 'init' })
  expect(await res.json()).toMatchObject({ ok: true, summary: expect.stringContaining('索引') })
  expect((await devPost('/dev/trigger', { name: 'nope' })).status).toBe(404)
})
