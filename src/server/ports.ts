import type { Ports } from '@/core/shared/context'

/** Everything a handler may touch; the same ports the domain declares, built by each runtime. */
export type ServerPorts = Ports

/** Who is calling, as the runtime says: CloudBase's getWXContext().OPENID, or the local signed session. */
export interface Identity {
  openid?: string
}
