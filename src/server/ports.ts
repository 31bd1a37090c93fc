import type { MemberDoc } from '@/core/members/model'
import type { Ports } from '@/core/shared/context'

/** Everything a handler may touch; the same ports the domain declares, built by each runtime. */
export type ServerPorts = Ports

/** Who is calling, as the runtime says: CloudBase's getWXContext().OPENID, or the local signed session. */
export interface Identity {
  openid?: string
  /**
   * Whom the runtime already found the openid bound to (the local cloud's session check reads it), so the
   * dispatcher does not read it again; absent on CloudBase, where the dispatcher resolves it (identity.ts).
   */
  member?: MemberDoc | null
}
