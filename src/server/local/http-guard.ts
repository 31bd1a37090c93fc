import type http from 'http'

export interface Refusal {
  status: number
  code: 'FORBIDDEN' | 'BAD_INPUT'
  message: string
}

/**
 * Why a state-changing request (every POST: the api, uploads inside it, the dev routes) is refused before
 * anything is read or written, or null to let it through.
 *
 * - From another page: a browser names the page's origin in `Origin` on every POST and says where the request
 *   started in `Sec-Fetch-Site`. Only this server's own origins pass. SameSite cookies alone do not stop a
 *   page on another localhost port (the same site), which is how a form once made a member admin.
 * - Not JSON: the app sends only `application/json` (files travel as base64 inside it). A plain HTML form can
 *   send text/plain, urlencoded or multipart without asking first, but never JSON.
 * A request with neither header comes from a script on this machine (curl, `npm run trigger`), not a page.
 */
export function refuseUnsafePost(req: http.IncomingMessage, ownOrigins: ReadonlySet<string>): Refusal | null {
  const site = req.headers['sec-fetch-site']
  const origin = req.headers.origin
  if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && !ownOrigins.has(origin)))
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: '已拒绝：这个请求来自其他网页，不是本地云自己的页面。请直接在本地云的页面里操作。',
    }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json')
    return { status: 415, code: 'BAD_INPUT', message: '请求格式不正确：只接受 JSON（application/json）' }
  return null
}

/** The origins this server's own pages have: how it is reached on this machine, and JG_PUBLIC_URL on the LAN. */
export function ownOrigins(port: number, publicUrl: string | undefined): Set<string> {
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`])
  if (publicUrl) origins.add(new URL(publicUrl).origin)
  return origins
}
