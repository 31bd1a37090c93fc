/**
 * The server's clock as the app last heard it. Every reply carries the server's time (dispatch.ts), and pages
 * ask `serverNow()` for "today" — the 生日会's quarter, a form's default dates — so what a page offers agrees
 * with what the server will accept even when the phone's clock is wrong or set to another zone.
 * Minutes of network delay would not matter: pages use it for dates, never to time anything.
 */

let phoneAheadMs = 0

/** Notes the server's time from a reply (called by api.ts for every reply that carries it). */
export function heardServerTime(serverIso: unknown, phoneNowMs: number = Date.now()): void {
  if (typeof serverIso !== 'string') return
  const server = Date.parse(serverIso)
  if (Number.isFinite(server)) phoneAheadMs = phoneNowMs - server
}

/** Now by the server's clock; the phone's own until the first reply arrives. */
export function serverNow(phoneNowMs: number = Date.now()): Date {
  return new Date(phoneNowMs - phoneAheadMs)
}
