import { spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import http from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import { startLocalCloud, type LocalCloud } from '@/server/local/server'
import { launchChromium } from '../support/browser'
import { PNG_1PX } from '../support/fixtures/notices'
import { DEMO, RUNTIME } from '../support/test-cloud'

/**
 * What an attacker reached over HTTP on the local cloud (`npm start`): the dev routes without credentials,
 * state changes posted from another page on the same machine, sessions that never ended, and data files
 * readable by every account on the machine.
 */

const HOUR = 3600_000
const DAY = 24 * HOUR
const ROOT = path.resolve(__dirname, '..', '..')

let cloud: LocalCloud
let dataDir: string
let h5Dir: string
/** The sessions' clock: tests move it to see sessions and dev access expire. */
let nowMs = Date.now()

async function startFresh(): Promise<void> {
  cloud = await startLocalCloud({
    dataDir,
    port: 0,
    h5Dir,
    seed: true,
    settableClock: true,
    sessionClock: () => nowMs,
    log: () => undefined,
  })
}

beforeAll(async () => {
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-sec-')), 'data')
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-sec-h5-'))
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<html>教工之家</html>')
  await startFresh()
})
afterAll(async () => {
  await cloud.close()
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
  fs.rmSync(h5Dir, { recursive: true, force: true })
})
beforeEach(() => {
  nowMs = Date.now()
})

const JSON_TYPE = { 'content-type': 'application/json' }
const dev = () => ({ authorization: `Bearer ${cloud.devToken}` })

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${cloud.url}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...JSON_TYPE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]

/** Signs in as a demo person the way the harness does: the dev routes with this run's token. */
async function signIn(openid: string | { newUser: true }): Promise<string> {
  const res = await post('/dev/login', typeof openid === 'string' ? { openid } : openid, dev())
  expect(res.status).toBe(200)
  return cookieOf(res)
}

async function api<T = unknown>(
  cookie: string,
  action: string,
  data: unknown = {},
): Promise<{ ok: boolean; data: T; message?: string; code?: string }> {
  return (await (await post('/api/api', { action, data }, { cookie })).json()) as {
    ok: boolean
    data: T
    message?: string
    code?: string
  }
}

async function whoami(cookie: string): Promise<{ signedIn: boolean; bound: boolean; name?: string }> {
  const reply = await api<{ signedIn: boolean; bound: boolean; profile?: { name: string } }>(cookie, 'session.whoami')
  return { signedIn: reply.data.signedIn, bound: reply.data.bound, name: reply.data.profile?.name }
}

const member = (id: string) => cloud.ports.store.findOne<MemberDoc>(C.members, { _id: id })

describe('1. the dev routes open only to whoever started the server', () => {
  test('without this run’s link or token, nobody lists the people, signs in as them, runs a job or moves the clock', async () => {
    const people = await fetch(`${cloud.url}/dev/people`)
    expect(people.status).toBe(403)
    const text = await people.text()
    expect(text).not.toContain('demo-m01')
    expect(text).not.toContain('王建国')
    expect((JSON.parse(text) as { message: string }).message).toMatch(/终端.*链接/)

    const login = await post('/dev/login', { openid: DEMO.chair })
    expect(login.status).toBe(403)
    expect(login.headers.get('set-cookie')).toBeNull()
    expect((await post('/dev/login', { newUser: true })).status).toBe(403)
    expect((await post('/dev/trigger', { name: 'init' })).status).toBe(403)
    expect((await post('/dev/clock', { at: '2026-12-03T00:30:00Z' })).status).toBe(403)
    // A wrong token is no better than none.
    expect((await fetch(`${cloud.url}/dev/people`, { headers: { authorization: 'Bearer nope' } })).status).toBe(403)
  })

  test('the printed link gives this browser a signed, expiring dev pass; a wrong or edited one gives nothing', async () => {
    expect(cloud.devLink).toBe(`${cloud.url}/?token=${cloud.devToken}`)
    expect(cloud.devToken).toMatch(/^[A-Za-z0-9_-]{32,}$/)

    const wrong = await fetch(`${cloud.url}/?token=guess`, { redirect: 'manual' })
    expect(wrong.status).toBe(403)
    expect(wrong.headers.get('set-cookie')).toBeNull()

    const opened = await fetch(cloud.devLink, { redirect: 'manual' })
    expect(opened.status).toBe(303)
    // The token leaves the address bar: the browser lands on the dev sign-in page without it.
    expect(opened.headers.get('location')).not.toContain('token')
    const setCookie = opened.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    const pass = cookieOf(opened)
    expect(pass).not.toContain(cloud.devToken)

    const people = await fetch(`${cloud.url}/dev/people`, { headers: { cookie: pass } })
    expect(people.status).toBe(200)
    const list = ((await people.json()) as { people: { name: string }[] }).people
    expect(list[0].name).toBe('王建国')

    const login = await post('/dev/login', { openid: DEMO.teacher }, { cookie: pass })
    expect(login.status).toBe(200)
    expect(await whoami(cookieOf(login))).toMatchObject({ signedIn: true, name: '胡军' })

    // Edited (a later expiry with the old signature) or simply old: refused.
    const [name, value] = pass.split('=')
    const [, mac] = value.split('.')
    const edited = `${name}=${Date.now() + 365 * DAY}.${mac}`
    expect((await fetch(`${cloud.url}/dev/people`, { headers: { cookie: edited } })).status).toBe(403)
    nowMs += 13 * HOUR
    expect((await fetch(`${cloud.url}/dev/people`, { headers: { cookie: pass } })).status).toBe(403)
  })

  test('a person’s session cookie is not a dev pass', async () => {
    const chair = await signIn(DEMO.chair)
    expect((await fetch(`${cloud.url}/dev/people`, { headers: { cookie: chair } })).status).toBe(403)
    expect((await post('/dev/trigger', { name: 'init' }, { cookie: chair })).status).toBe(403)
  })

  test('a job fired by hand reports what it did, never an invite code or an openid', async () => {
    process.env.FIRST_UNION = JSON.stringify({
      code: 'DYZX',
      name: '第一中学工会',
      chair: { name: '周强', staffNo: '0001', gender: 'M', phone: '13800000000', birthday: '05-12' },
    })
    try {
      const res = await post('/dev/trigger', { name: 'init' }, dev())
      expect(res.status).toBe(200)
      const reply = (await res.json()) as { ok: boolean; summary: string }
      expect(reply.ok).toBe(true)
      expect(reply.summary).toContain('已开通 第一中学工会')
      const chair = await cloud.ports.store.findOne<MemberDoc>(C.members, { name: '周强' })
      expect(chair?.inviteCode).toMatch(/^[A-Z0-9]{8}$/)
      const text = JSON.stringify(reply)
      expect(text).not.toContain(chair?.inviteCode ?? 'missing')
      expect(text).not.toMatch(/demo-|wx-new-/)
    } finally {
      delete process.env.FIRST_UNION
    }
  })
})

describe('2. state changes only from the app’s own pages, only as JSON', () => {
  // 胡军 (m17) is a plain teacher; the attack made him an admin.
  const makeAdmin = { action: 'members.setRoles', data: { memberId: 'm17', roles: ['member', 'admin'] } }

  test('another page on this machine cannot make a member admin while the chair is signed in', async () => {
    const chair = await signIn(DEMO.chair)
    const ownOrigin = new URL(cloud.url).origin
    const attempts: { headers: Record<string, string>; body?: string; status: number }[] = [
      // The form the attacker used: text/plain from a page on another port.
      {
        headers: { 'content-type': 'text/plain', origin: 'http://127.0.0.1:5555', 'sec-fetch-site': 'same-site' },
        status: 403,
      },
      { headers: { 'content-type': 'text/plain', origin: ownOrigin }, status: 415 },
      { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ownOrigin }, status: 415 },
      { headers: { 'content-type': 'multipart/form-data; boundary=x', origin: ownOrigin }, status: 415 },
      { headers: { origin: ownOrigin }, status: 415 },
      { headers: { ...JSON_TYPE, origin: 'http://localhost:5555' }, status: 403 },
      { headers: { ...JSON_TYPE, origin: 'null' }, status: 403 },
      { headers: { ...JSON_TYPE, 'sec-fetch-site': 'same-site' }, status: 403 },
      { headers: { ...JSON_TYPE, 'sec-fetch-site': 'cross-site' }, status: 403 },
    ]
    for (const attempt of attempts) {
      const res = await fetch(`${cloud.url}/api/api`, {
        method: 'POST',
        headers: { cookie: chair, ...attempt.headers },
        body: JSON.stringify(makeAdmin),
      })
      expect({ sent: attempt.headers, status: res.status }).toEqual({ sent: attempt.headers, status: attempt.status })
      const reply = (await res.json()) as { ok: boolean; message: string }
      expect(reply.ok).toBe(false)
      expect(reply.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect((await member('m17'))?.roles).toEqual(['member'])

    // The app's own page (same origin, JSON) still does it.
    const own = await post('/api/api', makeAdmin, { cookie: chair, origin: ownOrigin, 'sec-fetch-site': 'same-origin' })
    expect(((await own.json()) as { ok: boolean }).ok).toBe(true)
    expect((await member('m17'))?.roles).toEqual(['member', 'admin'])
    await api(chair, 'members.setRoles', { memberId: 'm17', roles: ['member'] })
  })

  test('the dev routes and uploads refuse the same way, writing nothing', async () => {
    const chair = await signIn(DEMO.chair)
    const foreign = { origin: 'http://127.0.0.1:5555' }
    const login = await post('/dev/login', { openid: DEMO.chair }, { ...dev(), ...foreign })
    expect(login.status).toBe(403)
    expect(login.headers.get('set-cookie')).toBeNull()
    expect((await post('/dev/trigger', { name: 'init' }, { ...dev(), ...foreign })).status).toBe(403)
    expect((await post('/dev/clock', { at: '2030-01-01T00:00:00Z' }, { ...dev(), ...foreign })).status).toBe(403)
    expect(cloud.ports.clock.now().getFullYear()).toBeLessThan(2030)
    const logout = await post('/dev/logout', {}, { cookie: chair, ...foreign })
    expect(logout.status).toBe(403)
    expect(await whoami(chair)).toMatchObject({ signedIn: true })

    const filesBefore = countFiles(path.join(dataDir, 'files'))
    const upload = { action: 'notices.uploadFile', data: { name: '流程.png', contentBase64: PNG_1PX } }
    const forged = await post('/api/api', upload, { cookie: chair, ...foreign })
    expect(forged.status).toBe(403)
    const plain = await post('/api/api', JSON.stringify(upload), { cookie: chair, 'content-type': 'text/plain' })
    expect(plain.status).toBe(415)
    expect(countFiles(path.join(dataDir, 'files'))).toBe(filesBefore)
    expect((await api(chair, 'notices.uploadFile', upload.data)).ok).toBe(true)
    expect(countFiles(path.join(dataDir, 'files'))).toBe(filesBefore + 1)
  })

  test('a real browser: an auto-submitting text/plain form on another port changes nothing', async () => {
    // The attacker's page: a form whose single field makes the text/plain body valid JSON.
    const field = JSON.stringify({ ...makeAdmin, pad: '' }).slice(0, -2)
    const evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(
        `<form method="post" enctype="text/plain" action="${cloud.url}/api/api">` +
          `<input name='${field}' value='"}'></form><script>document.forms[0].submit()</script>`,
      )
    })
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve))
    const browser = await launchChromium()
    try {
      const context = await browser.newContext()
      const page = await context.newPage()
      // The chair signs in in this browser (the dev pass, then 演示登录's request).
      await page.goto(cloud.devLink)
      const login = await page.request.post(`${cloud.url}/dev/login`, { data: { openid: DEMO.chair } })
      expect(login.ok()).toBe(true)
      const answered = page.waitForResponse(`${cloud.url}/api/api`)
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`)
      expect((await answered).status()).toBe(403)
      expect(await page.textContent('body')).toMatch(/其他网页/)
      expect((await member('m17'))?.roles).toEqual(['member'])
    } finally {
      await browser.close()
      evil.close()
    }
  })
})

describe('3. sessions end: logout, a binding reset, idleness and age', () => {
  test('after logout the same cookie identifies nobody, even replayed', async () => {
    const chair = await signIn(DEMO.chair)
    expect(await whoami(chair)).toMatchObject({ signedIn: true, name: '王建国' })
    const out = await post('/dev/logout', {}, { cookie: chair })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    expect(await whoami(chair)).toEqual({ signedIn: false, bound: false, name: undefined })
  })

  test('the cookie carries no openid, and signing in as someone else ends the previous session', async () => {
    const first = await signIn(DEMO.chair)
    expect(first).not.toContain(Buffer.from(DEMO.chair).toString('base64url'))
    expect(first).not.toContain(DEMO.chair)
    const second = cookieOf(await post('/dev/login', { openid: DEMO.teacher }, { ...dev(), cookie: first }))
    expect(await whoami(second)).toMatchObject({ name: '胡军' })
    expect(await whoami(first)).toMatchObject({ signedIn: false })
  })

  test('resetting a member’s binding ends their sessions, also once they bind again', async () => {
    const chair = await signIn(DEMO.chair)
    const teacher = await signIn(DEMO.teacher)
    // A second browser of his, not used again until he has bound anew: the same member, a new binding.
    const laptop = await signIn(DEMO.teacher)
    const other = await signIn(DEMO.delegate)
    expect(await whoami(teacher)).toMatchObject({ signedIn: true, bound: true, name: '胡军' })
    expect(await whoami(laptop)).toMatchObject({ signedIn: true, bound: true, name: '胡军' })
    const reset = await api<{ inviteCode: string }>(chair, 'members.resetBinding', { memberId: 'm17' })
    expect(reset.ok).toBe(true)
    expect(await whoami(teacher)).toEqual({ signedIn: false, bound: false, name: undefined })
    expect(await whoami(other)).toMatchObject({ signedIn: true, bound: true })

    // The same WeChat user signs in afresh and binds again: the new session works, the old one stays ended.
    const again = await signIn(DEMO.teacher)
    expect(await whoami(again)).toEqual({ signedIn: true, bound: false, name: undefined })
    expect((await api(again, 'members.bindByCode', { code: reset.data.inviteCode })).ok).toBe(true)
    expect(await whoami(again)).toMatchObject({ signedIn: true, bound: true, name: '胡军' })
    expect(await whoami(teacher)).toMatchObject({ signedIn: false })
    expect(await whoami(laptop)).toMatchObject({ signedIn: false })
  })

  test('a new WeChat user’s session keeps working once they bind', async () => {
    const chair = await signIn(DEMO.chair)
    const code = (await member(DEMO.unboundMemberId))?.inviteCode ?? ''
    const fresh = await signIn({ newUser: true })
    expect(await whoami(fresh)).toEqual({ signedIn: true, bound: false, name: undefined })
    expect((await api(fresh, 'members.bindByCode', { code })).ok).toBe(true)
    expect(await whoami(fresh)).toMatchObject({ signedIn: true, bound: true, name: '曹阳' })
    await api(chair, 'members.resetBinding', { memberId: DEMO.unboundMemberId })
  })

  test('a session ends after 7 idle days, and 30 days after sign-in however busy', async () => {
    const idle = await signIn(DEMO.chair)
    const busy = await signIn(DEMO.delegate)
    const start = nowMs
    nowMs = start + 6 * DAY
    expect(await whoami(idle)).toMatchObject({ signedIn: true })
    nowMs = start + 13 * DAY + HOUR
    expect(await whoami(idle)).toMatchObject({ signedIn: false })
    for (let day = 5; day < 30; day += 5) {
      nowMs = start + day * DAY
      expect(await whoami(busy)).toMatchObject({ signedIn: true })
    }
    nowMs = start + 30 * DAY + HOUR
    expect(await whoami(busy)).toMatchObject({ signedIn: false })
  })

  test('sessions and their ending survive a restart', async () => {
    const kept = await signIn(DEMO.chair)
    const ended = await signIn(DEMO.delegate)
    await post('/dev/logout', {}, { cookie: ended })
    await cloud.close()
    await startFresh()
    expect(await whoami(kept)).toMatchObject({ signedIn: true, name: '王建国' })
    expect(await whoami(ended)).toMatchObject({ signedIn: false })
  })
})

describe('4. the data folder is its owner’s alone', () => {
  test('folder 0700, every file in it 0600: databases, uploads, the session secret, the sessions', async () => {
    const chair = await signIn(DEMO.chair)
    expect((await api(chair, 'notices.uploadFile', { name: '流程.png', contentBase64: PNG_1PX })).ok).toBe(true)
    expect(listModes(dataDir)).toEqual(expectedModes(dataDir))
    expect(fs.readdirSync(dataDir)).toEqual(expect.arrayContaining(['session-secret', 'members.db', 'files']))

    // Still so after a restart, when the databases are rewritten as they load.
    await cloud.close()
    await startFresh()
    expect(listModes(dataDir)).toEqual(expectedModes(dataDir))
  })

  test('a data folder left readable by an older version is closed at start', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-sec-old-'))
    fs.chmodSync(old, 0o755)
    fs.writeFileSync(path.join(old, 'members.db'), '', { mode: 0o644 })
    fs.mkdirSync(path.join(old, 'files', 'u-syxx'), { recursive: true, mode: 0o755 })
    fs.writeFileSync(path.join(old, 'files', 'u-syxx', 'a.png'), Buffer.from(PNG_1PX, 'base64'), { mode: 0o644 })
    const other = await startLocalCloud({ dataDir: old, port: 0, h5Dir, seed: true, log: () => undefined })
    try {
      expect(listModes(old)).toEqual(expectedModes(old))
    } finally {
      await other.close()
      fs.rmSync(old, { recursive: true, force: true })
    }
  })
})

// The `npm start` process itself: the link it prints, and its umask for every file a library writes later.
const onLocal = RUNTIME === 'local' ? describe : describe.skip
onLocal('npm start', () => {
  let child: ChildProcess | undefined
  afterEach(() => {
    if (child?.pid && child.exitCode === null) child.kill('SIGTERM')
  })

  test('prints this run’s sign-in link; the link opens the dev routes; what it writes is owner-only', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-sec-start-')), 'data')
    try {
      child = spawn(
        process.execPath,
        [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/server/local/main.ts'],
        {
          cwd: ROOT,
          env: { ...process.env, JG_RUNTIME: 'local', JG_PORT: '0', JG_DATA_DIR: dir, JG_H5_DIR: h5Dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      const link = await new Promise<string>((resolve, reject) => {
        let out = ''
        const timer = setTimeout(() => reject(new Error(`no link printed:\n${out}`)), 25_000)
        child?.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const found = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out)
          if (found) {
            clearTimeout(timer)
            resolve(found[1])
          }
        })
        child?.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child?.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)))
      })
      const base = new URL(link).origin
      expect((await fetch(`${base}/dev/people`)).status).toBe(403)
      const pass = cookieOf(await fetch(link, { redirect: 'manual' }))
      expect((await fetch(`${base}/dev/people`, { headers: { cookie: pass } })).status).toBe(200)
      const login = await fetch(`${base}/dev/login`, {
        method: 'POST',
        headers: { ...JSON_TYPE, cookie: pass },
        body: JSON.stringify({ openid: DEMO.chair }),
      })
      const chair = cookieOf(login)
      const upload = await fetch(`${base}/api/api`, {
        method: 'POST',
        headers: { ...JSON_TYPE, cookie: chair },
        body: JSON.stringify({ action: 'groups.create', data: { name: '体育组' } }),
      })
      expect(((await upload.json()) as { ok: boolean }).ok).toBe(true)
      expect(listModes(dir)).toEqual(expectedModes(dir))
    } finally {
      if (child?.pid && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(path.dirname(dir), { recursive: true, force: true })
    }
  }, 60_000)
})

/** Every file and folder under `root` (itself included) with its permission bits, e.g. `files/u-syxx 700`. */
function listModes(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (p: string) => {
    const stat = fs.lstatSync(p)
    out[path.relative(root, p) || '.'] = (stat.mode & 0o777).toString(8)
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name))
  }
  walk(root)
  return out
}

function expectedModes(root: string): Record<string, string> {
  const modes = listModes(root)
  return Object.fromEntries(
    Object.keys(modes).map((p) => [p, fs.lstatSync(path.join(root, p)).isDirectory() ? '700' : '600']),
  )
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0)
}
