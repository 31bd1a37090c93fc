import crypto from 'crypto'
import fs from 'fs'
import path from 'path'

const COOKIE = 'jg_session'

/**
 * The local stand-in for WeChat's identity: an HMAC-signed cookie carrying the openid. The secret lives in
 * the data folder so sessions survive a restart, and a forged or edited cookie identifies nobody.
 */
export class SessionSigner {
  constructor(private readonly secret: Buffer) {}

  static forDataDir(dataDir: string): SessionSigner {
    const file = path.join(dataDir, 'session-secret')
    if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 })
    return new SessionSigner(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex'))
  }

  cookieFor(openid: string): string {
    const value = `${Buffer.from(openid).toString('base64url')}.${this.sign(openid)}`
    return `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`
  }

  clearCookie(): string {
    return `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`
  }

  openidFrom(cookieHeader: string | undefined): string | undefined {
    const raw = (cookieHeader ?? '')
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1)
    if (!raw) return undefined
    const [encoded, mac] = raw.split('.')
    if (!encoded || !mac) return undefined
    const openid = Buffer.from(encoded, 'base64url').toString()
    const expected = Buffer.from(this.sign(openid))
    const given = Buffer.from(mac)
    return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? openid : undefined
  }

  private sign(openid: string): string {
    return crypto.createHmac('sha256', this.secret).update(openid).digest('base64url')
  }
}
