import crypto from 'crypto'
import http from 'http'
import type { AddressInfo } from 'net'
import { C } from '@/core/shared/collections'
import type { GroupDoc, MemberDoc } from '@/core/members/model'
import type { Store } from '@/core/shared/ports'
import { ROLE_LABELS } from '@/core/shared/roles'
import { dispatch } from '../dispatch'
import { INVITE_ALPHABET } from '../ids'
import { findJob, type Job } from '../jobs'
import { ensureSchema } from '../schema'
import { seedDemo } from '../seed'
import { startCronRunner, runJobLogged } from './cron-runner'
import { serveFile } from './files'
import { ownOrigins, refuseUnsafePost } from './http-guard'
import { createLocalPorts, type LocalPorts } from './ports'
import { closeToOthers, ensurePrivateDir } from './private-files'
import { bindingMark, boundMember, DevAccess, Sessions } from './session'
import { serveStatic } from './static-files'
import { ROUTES } from '@/core/shared/routes'

export interface LocalCloudOptions {
  dataDir: string
  /** 0 picks a free port (tests). */
  port: number
  h5Dir: string
  /** Seed the demo school when the store has no union yet. */
  seed: boolean
  /** Run timed triggers on their cron (off in tests, which fire jobs through /dev/trigger). */
  cron?: boolean
  /** Allow POST /dev/clock to move the clock (tests and demos only). */
  settableClock?: boolean
  /** Where phones on the LAN reach this server (default JG_PUBLIC_URL): QR codes, and an origin of its own. */
  publicUrl?: string
  /** The sessions' and dev passes' clock, epoch ms (tests; default real time, whatever the app's clock says). */
  sessionClock?: () => number
  log?: (line: string) => void
}

/** A running front: its address, and the dev routes' token of this run (see DevAccess in session.ts). */
export interface CloudFront {
  url: string
  /** For scripts and tests: `Authorization: Bearer <devToken>` opens the dev routes. */
  devToken: string
  /** The link `npm start` prints: opening it gives that browser a dev pass. */
  devLink: string
  close(): Promise<void>
}

export interface LocalCloud extends CloudFront {
  ports: LocalPorts
}

/**
 * What the browser's calls reach behind the HTTP front: the handlers in this process (the local cloud), or
 * the built functions on the CloudBase emulator (src/server/local/emulated.ts).
 */
export interface CloudBackend {
  /** Where the dev sign-in page reads the demo people and sessions check bindings (emulator: the console's view). */
  store: Store
  /**
   * The `api` function called as this person: its reply, or the failure WeChat would report instead.
   * `member`: whom the session check found the openid bound to, for a backend that dispatches in this
   * process (it then need not read it again); a CloudBase function resolves its caller itself.
   */
  callApi(openid: string | undefined, body: unknown, member?: MemberDoc | null): Promise<ApiOutcome>
  /** Serves a GET for a stored file when the path is one of this backend's; resolves false otherwise. */
  serveFile(url: URL, caller: () => Promise<string | undefined>, res: http.ServerResponse): Promise<boolean>
  /** Runs one job by hand, resolving its summary. */
  runJob(job: Job): Promise<string>
  /** Moves the clock the handlers read; absent when they read real time only. */
  setClock?(instant: Date | null): Date
}

/** `failed`: wx.cloud.callFunction's fail (e.g. -504003 when the function ran out of time). */
export type ApiOutcome = { reply: unknown } | { failed: { errCode: number; errMsg: string } }

export interface FrontOptions {
  /** Holds the sessions, the secret that signs dev passes, and this run's dev token. */
  dataDir: string
  port: number
  h5Dir: string
  settableClock?: boolean
  publicUrl?: string
  sessionClock?: () => number
  log: (line: string) => void
}

// Import files arrive as base64 inside JSON: 2 MB of base64 plus the envelope.
const MAX_BODY = 3 * 1024 * 1024
const UNBOUND_DEMO_OPENIDS = ['demo-visitor-1', 'demo-visitor-2']
/** Where the printed link lands once it has set the dev pass (the H5 app routes by hash). */
const DEV_LOGIN_PAGE = `/#${ROUTES.devLogin}`

/**
 * The local cloud: the H5 build and `POST /api/<fn>` on 127.0.0.1, handled by the same dispatcher as the
 * CloudBase function, with the openid from a server-side session instead of getWXContext().
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.log ?? ((line: string) => console.log(line))
  ensurePrivateDir(options.dataDir)
  const ports = createLocalPorts(options.dataDir)
  await ensureSchema(ports.store)
  if (options.seed && (await ports.store.count(C.unions, {})) === 0) {
    await seedDemo(ports)
    log('[local-cloud] 已创建演示学校：实验小学工会（学校代码 SYXX）')
  }
  const cron = options.cron ? startCronRunner(ports, log) : null
  const backend: CloudBackend = {
    store: ports.store,
    callApi: async (openid, body, member) => ({
      reply: await dispatch(ports, member === undefined ? { openid } : { openid, member }, body),
    }),
    async serveFile(url, caller, res) {
      if (!url.pathname.startsWith('/files/')) return false
      await serveFile(ports, await caller(), url.pathname.slice('/files/'.length), res)
      return true
    },
    runJob: (job) => runJobLogged(ports, job, log),
    setClock(instant) {
      ports.clock.set(instant)
      return ports.clock.now()
    },
  }
  const publicUrl = options.publicUrl ?? process.env.JG_PUBLIC_URL
  const front = await serveCloud(backend, { ...options, publicUrl, log })
  // A phone cannot open 127.0.0.1: the public URL names the address phones on the LAN reach.
  ports.qrCodes.setPublicUrl(publicUrl ?? front.url)
  return {
    ...front,
    ports,
    close: async () => {
      cron?.stop()
      await front.close()
    },
  }
}

/** Running fronts in this process by URL, so a browser test holding only the URL can open the dev link. */
const RUNNING = new Map<string, string>()

/** The dev link of the front running in this process at `url` (test harnesses), if any. */
export function devLinkFor(url: string): string | undefined {
  return RUNNING.get(url.replace(/\/$/, ''))
}

/**
 * The HTTP front both runtimes share: the H5 build, `POST /api/api` as the signed-in person, stored files, and
 * the dev routes (sign-in, jobs by hand, the clock) for whoever holds this run's token.
 */
export async function serveCloud(backend: CloudBackend, options: FrontOptions): Promise<CloudFront> {
  const { log } = options
  ensurePrivateDir(options.dataDir)
  const sessions = Sessions.forDataDir(options.dataDir, options.sessionClock)
  const devAccess = DevAccess.forDataDir(options.dataDir, options.sessionClock)
  // Last, after the stores loaded (a load rewrites their files with the library's default mode).
  closeToOthers(options.dataDir)
  let origins: ReadonlySet<string> = new Set()
  const bindingNow = async (openid: string) => bindingMark(await boundMember(backend.store, openid))

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      log(`[local-cloud] ${req.method} ${req.url} failed: ${e instanceof Error ? e.stack : String(e)}`)
      if (!res.headersSent) json(res, 500, { ok: false, code: 'INTERNAL', message: '服务出了点问题，请稍后再试' })
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST') {
      // Before anything is read or written.
      const refusal = refuseUnsafePost(req, origins)
      if (refusal) return json(res, refusal.status, { ok: false, code: refusal.code, message: refusal.message })
    }
    // The session check reads whom the caller is bound to; the dispatcher is handed that member rather than
    // reading it again.
    const resolved: { openid?: string; member?: MemberDoc | null } = {}
    const callerBinding = async (openid: string) => {
      const member = await boundMember(backend.store, openid)
      Object.assign(resolved, { openid, member })
      return bindingMark(member)
    }
    let caller: Promise<string | undefined> | undefined
    const identify = () => (caller ??= sessions.identify(req.headers.cookie, callerBinding))
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const fn = url.pathname.slice('/api/'.length)
      if (fn !== 'api') return json(res, 404, { ok: false, code: 'UNKNOWN_ACTION', message: '未知的云函数' })
      const body = await readJson(req)
      if (body === TOO_LARGE) return json(res, 413, { ok: false, code: 'BAD_INPUT', message: '提交的内容太大' })
      if (body === INVALID) return json(res, 400, { ok: false, code: 'BAD_INPUT', message: '请求格式不正确' })
      const openid = await identify()
      const outcome = await backend.callApi(openid, body, resolved.openid === openid ? resolved.member : undefined)
      if ('reply' in outcome) return json(res, 200, outcome.reply)
      // What wx.cloud.callFunction's fail carries. Not JSON on purpose: the H5 transport then throws, as the
      // mini-program's does on fail, and the page shows its network error rather than a reply it cannot read.
      const { errCode, errMsg } = outcome.failed
      log(`[local-cloud] api: ${errCode} ${errMsg}`)
      res.writeHead(errCode === -504003 ? 504 : 502, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end(`cloud.callFunction:fail errCode: ${errCode} | errMsg: ${errMsg}`)
    }
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token'))
      return openDevLink(url.searchParams.get('token'), res)
    if (req.method === 'GET' && (await backend.serveFile(url, identify, res))) return
    if (url.pathname === '/dev/logout' && req.method === 'POST') {
      sessions.end(req.headers.cookie)
      res.setHeader('set-cookie', sessions.clearCookie())
      return json(res, 200, { ok: true })
    }
    if (url.pathname.startsWith('/dev/') && !devAccess.allows(req.headers))
      return json(res, 403, {
        ok: false,
        code: 'FORBIDDEN',
        message: '演示登录和开发工具只对启动本地云的人开放：请用启动时终端里打印的链接（带 token）打开本地云。',
      })
    if (url.pathname === '/dev/people' && req.method === 'GET')
      return json(res, 200, { people: await demoPeople(backend.store) })
    if (url.pathname === '/dev/login' && req.method === 'POST') {
      const body = await readJson(req)
      const wanted = typeof body === 'object' && body !== null ? (body as { openid?: unknown; newUser?: unknown }) : {}
      const id =
        wanted.newUser === true
          ? `wx-new-${crypto.randomBytes(6).toString('hex')}`
          : typeof wanted.openid === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(wanted.openid)
            ? wanted.openid
            : null
      if (!id) return json(res, 400, { ok: false, message: '请选择一位演示用户' })
      // Whoever was signed in in this browser is signed out, not left with a live session behind.
      sessions.end(req.headers.cookie)
      res.setHeader('set-cookie', sessions.issue(id, await bindingNow(id)))
      return json(res, 200, { ok: true, openid: id })
    }
    if (url.pathname === '/dev/trigger' && req.method === 'POST') {
      const body = await readJson(req)
      const name = typeof body === 'object' && body !== null ? (body as { name?: unknown }).name : undefined
      const job = typeof name === 'string' ? findJob(name) : undefined
      if (!job) return json(res, 404, { ok: false, message: `没有名为 ${String(name)} 的定时任务` })
      // The full summary is in the terminal's log; the reply leaves out what signs someone in.
      return json(res, 200, { ok: true, summary: withoutSecrets(await backend.runJob(job)) })
    }
    if (url.pathname === '/dev/clock' && req.method === 'POST' && options.settableClock) {
      if (!backend.setClock) return json(res, 400, { ok: false, message: '云开发模拟环境按真实时间运行，不能调整时钟' })
      const body = await readJson(req)
      const at = typeof body === 'object' && body !== null ? (body as { at?: unknown }).at : undefined
      const instant = typeof at === 'string' ? new Date(at) : null
      if (instant && Number.isNaN(instant.getTime())) return json(res, 400, { ok: false, message: '时间格式不正确' })
      return json(res, 200, { ok: true, now: backend.setClock(instant).toISOString() })
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(options.h5Dir, url.pathname, res)
    json(res, 405, { ok: false, message: '不支持的请求' })
  }

  /** The printed link: a dev pass for this browser, then the sign-in page without the token in the address. */
  function openDevLink(token: string | null, res: http.ServerResponse): void {
    const headers = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }
    if (!devAccess.tokenMatches(token)) {
      res.writeHead(403, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      return void res.end('这个链接无效：请使用本地云这次启动时在终端里打印的链接（每次启动都会换新）。')
    }
    res.writeHead(303, { ...headers, location: DEV_LOGIN_PAGE, 'set-cookie': devAccess.passCookie() })
    res.end()
  }

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origins = ownOrigins(port, options.publicUrl)
  const url = `http://127.0.0.1:${port}`
  const devLink = `${url}/?token=${devAccess.token}`
  RUNNING.set(url, devLink)
  return {
    url,
    devToken: devAccess.token,
    devLink,
    close: async () => {
      RUNNING.delete(url)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      devAccess.close()
      sessions.release()
    },
  }
}

/** Everyone the dev sign-in page offers: bound demo people (chair first) and two never-bound WeChat users. */
async function demoPeople(store: Store) {
  const members = await store.find<MemberDoc>(
    C.members,
    { openid: { $exists: true } },
    { sort: { _id: 1 }, limit: 200 },
  )
  const groups = await store.find<GroupDoc>(C.groups, {}, { limit: 500 })
  const groupName = new Map(groups.map((g) => [g._id, g.name]))
  const rank = (m: MemberDoc) =>
    m.roles.includes('chair') ? 0 : m.roles.includes('admin') ? 1 : m.roles.length > 1 ? 2 : 3
  const bound = members
    .filter((m) => m.status !== 'left')
    .sort((a, b) => rank(a) - rank(b))
    .map((m) => ({
      openid: m.openid as string,
      name: m.name,
      label: [
        ...m.roles
          .filter((r) => r !== 'member')
          .map((r) => (r === 'deptHead' && m.department ? `${m.department}负责人` : ROLE_LABELS[r])),
        groupName.get(m.groupId) ?? '',
        m.status === 'retired' ? '退休' : '',
      ]
        .filter(Boolean)
        .join(' · '),
      bound: true,
    }))
  const visitors = UNBOUND_DEMO_OPENIDS.map((openid, i) => ({
    openid,
    name: `未绑定的微信用户 ${i + 1}`,
    label: '尚未绑定会员',
    bound: false,
  }))
  return [...bound, ...visitors]
}

// An invite code (8 characters of its alphabet, at least one a letter) or an openid as this system makes them
// (demo people, new local users, WeChat's 28-character ids).
const INVITE_CODE = new RegExp(
  `(?<![A-Za-z0-9])(?=[${INVITE_ALPHABET}]*[A-Z])[${INVITE_ALPHABET}]{8}(?![A-Za-z0-9])`,
  'g',
)
const OPENID = /(?<![A-Za-z0-9_-])(?:demo-[A-Za-z0-9_-]+|wx-new-[a-f0-9]+|o[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/g

/** A job's summary for an HTTP reply: the chair's invite code of a union just opened stays in the terminal. */
function withoutSecrets(summary: string): string {
  return summary.replace(INVITE_CODE, '（已隐去，见本地云终端）').replace(OPENID, '（已隐去）')
}

const TOO_LARGE = Symbol('too large')
const INVALID = Symbol('invalid')

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        resolve(TOO_LARGE)
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'))
      } catch {
        resolve(INVALID)
      }
    })
    req.on('error', reject)
  })
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}
