import crypto from 'crypto'
import fs from 'fs'
import path from 'path'
import type { MemberDoc } from '@/core/members/model'
import { writePrivateFile } from './private-files'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** A session ends after a week without a request… */
export const SESSION_IDLE_MS = 7 * DAY
/** …and a month after sign-in however busy: a lost or shared browser does not stay someone forever. */
export const SESSION_MAX_MS = 30 * DAY
/** Last use is written at most hourly: idleness counts in hours, and a busy page costs no disk writes. */
const TOUCH_EVERY_MS = HOUR
/** How long the printed link's dev pass lasts in a browser: a working day of demos. */
export const DEV_PASS_MS = 12 * HOUR

const SESSION_COOKIE = 'jg_session'
const DEV_COOKIE = 'jg_dev'
// SameSite=Strict: never sent when another site starts the request. Ports do not make sites, so a page on
// another localhost port is the same site: the Origin check in http-guard.ts covers that case.
const COOKIE_ATTRIBUTES = 'Path=/; HttpOnly; SameSite=Strict'
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

/**
 * Which roster entry the openid was bound to: the member and when they bound (members.bind sets `boundAt`,
 * members.resetBinding clears it), so a reset followed by a new binding is still a different binding.
 */
export interface BindingMark {
  memberId: string
  boundAt: string
}

interface SessionRecord {
  openid: string
  /** The binding this session started with; null while unbound; absent until first looked up. */
  binding?: BindingMark | null
  issuedAt: number
  lastSeenAt: number
}

export { boundMember } from '../identity'

export function bindingMark(member: MemberDoc | null): BindingMark | null {
  return member ? { memberId: member._id, boundAt: member.boundAt ?? '' } : null
}

/** One live Sessions per data folder in this process: two would overwrite each other's file. */
const OPEN = new Map<string, Sessions>()

/**
 * The local stand-in for WeChat's identity: a session per sign-in, kept server-side in `<dataDir>/sessions.json`
 * so that logging out, a binding reset, a week idle or a month old ends it for good, whatever the browser
 * still holds. The cookie is a random id; the file keeps only its SHA-256, so reading the file signs nobody in.
 */
export class Sessions {
  private constructor(
    private readonly file: string,
    private readonly records: Map<string, SessionRecord>,
    private readonly now: () => number,
  ) {}

  /** The data folder's sessions (loaded from its file the first time); `now` is the sessions' clock (tests). */
  static forDataDir(dataDir: string, now: () => number = Date.now): Sessions {
    const file = path.resolve(dataDir, 'sessions.json')
    let sessions = OPEN.get(file)
    if (!sessions) {
      sessions = new Sessions(file, new Map(Object.entries(readSaved(file))), now)
      OPEN.set(file, sessions)
    }
    return sessions
  }

  /** Forgets this instance (the server closed): the next forDataDir reads the file again. */
  release(): void {
    if (OPEN.get(this.file) === this) OPEN.delete(this.file)
  }

  /** A new session for this openid; the Set-Cookie value. `binding`: as looked up now, if known. */
  issue(openid: string, binding?: BindingMark | null): string {
    const id = crypto.randomBytes(32).toString('base64url')
    const now = this.now()
    this.records.set(keyOf(id), {
      openid,
      ...(binding === undefined ? {} : { binding }),
      issuedAt: now,
      lastSeenAt: now,
    })
    this.save()
    return `${SESSION_COOKIE}=${id}; ${COOKIE_ATTRIBUTES}; Max-Age=${SESSION_MAX_MS / 1000}`
  }

  /**
   * The openid of a live session, else undefined (and an ended one is removed). `bindingNow` looks up whom
   * the openid is bound to: a session that started bound to one binding ends when that binding is gone or
   * replaced; an unbound one takes on the binding its own openid makes (a new user binding in the app).
   */
  async identify(
    cookieHeader: string | undefined,
    bindingNow: (openid: string) => Promise<BindingMark | null>,
  ): Promise<string | undefined> {
    const key = sessionKey(cookieHeader)
    const record = key ? this.records.get(key) : undefined
    if (!key || !record) return undefined
    const now = this.now()
    if (now - record.issuedAt >= SESSION_MAX_MS || now - record.lastSeenAt >= SESSION_IDLE_MS)
      return void this.drop(key)
    const current = await bindingNow(record.openid)
    // Logged out meanwhile.
    if (this.records.get(key) !== record) return undefined
    if (record.binding && !sameBinding(record.binding, current)) return void this.drop(key)
    let changed = false
    if (!record.binding && (current || record.binding === undefined)) {
      record.binding = current
      changed = true
    }
    if (now - record.lastSeenAt >= TOUCH_EVERY_MS) {
      record.lastSeenAt = now
      changed = true
    }
    if (changed) this.save()
    return record.openid
  }

  /** Ends the session this cookie names, if any (logout, or another person signing in in this browser). */
  end(cookieHeader: string | undefined): void {
    const key = sessionKey(cookieHeader)
    if (key && this.records.has(key)) this.drop(key)
  }

  clearCookie(): string {
    return `${SESSION_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`
  }

  private drop(key: string): void {
    this.records.delete(key)
    this.save()
  }

  /** The whole file each time, without the sessions that have ended: a demo has tens of them, not thousands. */
  private save(): void {
    const now = this.now()
    const live = [...this.records].filter(
      ([, r]) => now - r.issuedAt < SESSION_MAX_MS && now - r.lastSeenAt < SESSION_IDLE_MS,
    )
    writePrivateFile(this.file, JSON.stringify(Object.fromEntries(live)))
  }
}

/** The saved sessions; an unreadable file (edited by hand) ends them all rather than stopping the server. */
function readSaved(file: string): Record<string, SessionRecord> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, SessionRecord>
  } catch {
    return {}
  }
}

function sameBinding(a: BindingMark, b: BindingMark | null): boolean {
  return b !== null && a.memberId === b.memberId && a.boundAt === b.boundAt
}

function keyOf(id: string): string {
  return crypto.createHash('sha256').update(id).digest('base64url')
}

function sessionKey(cookieHeader: string | undefined): string | undefined {
  const id = cookie(cookieHeader, SESSION_COOKIE)
  return id && SESSION_ID.test(id) ? keyOf(id) : undefined
}

function cookie(header: string | undefined, name: string): string | undefined {
  return (header ?? '')
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${name}=`))
    ?.slice(name.length + 1)
}

/**
 * Who may use the dev routes (sign in as anyone, list the people, fire jobs, move the clock): whoever started
 * the server. Each start makes a random token, printed in the terminal as a link (`/?token=…`), kept in memory
 * and in `<dataDir>/dev-token` (0600) for `npm run trigger`. The link gives its browser a dev pass: a cookie
 * signed with the data folder's secret that expires after DEV_PASS_MS. Scripts and tests send the token
 * itself (`Authorization: Bearer …`), which no other page can make a browser send.
 */
export class DevAccess {
  readonly token = crypto.randomBytes(32).toString('base64url')

  private constructor(
    private readonly secret: Buffer,
    private readonly tokenFile: string,
    private readonly now: () => number,
  ) {}

  static forDataDir(dataDir: string, now: () => number = Date.now): DevAccess {
    const secretFile = path.join(dataDir, 'session-secret')
    if (!fs.existsSync(secretFile)) writePrivateFile(secretFile, crypto.randomBytes(32).toString('hex'))
    const secret = Buffer.from(fs.readFileSync(secretFile, 'utf8').trim(), 'hex')
    const access = new DevAccess(secret, path.join(dataDir, 'dev-token'), now)
    writePrivateFile(access.tokenFile, access.token)
    return access
  }

  /** The token of this run, as given in the link. */
  tokenMatches(given: string | null | undefined): boolean {
    return typeof given === 'string' && safeEqual(given, this.token)
  }

  /** The token (scripts) or an unexpired dev pass (a browser that opened the link). */
  allows(headers: { authorization?: string; cookie?: string }): boolean {
    const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1]
    if (bearer) return this.tokenMatches(bearer)
    const [expires, mac] = (cookie(headers.cookie, DEV_COOKIE) ?? '').split('.')
    if (!expires || !mac || !/^\d{1,15}$/.test(expires)) return false
    return safeEqual(mac, this.sign(expires)) && Number(expires) > this.now()
  }

  passCookie(): string {
    const expires = String(this.now() + DEV_PASS_MS)
    return `${DEV_COOKIE}=${expires}.${this.sign(expires)}; ${COOKIE_ATTRIBUTES}; Max-Age=${DEV_PASS_MS / 1000}`
  }

  /** The token stops being on disk when the server stops (in memory it dies with the process). */
  close(): void {
    fs.rmSync(this.tokenFile, { force: true })
  }

  private sign(expires: string): string {
    return crypto.createHmac('sha256', this.secret).update(`dev-pass:${expires}`).digest('base64url')
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}
