import type { MemberDoc } from '../members/model'
import type { Clock, ContentCheck, Files, Ids, Notifier, QrCodes, Signer, Store, SubscribeTemplates } from './ports'
import { AppError } from './errors'
import type { ReadAhead } from './read-ahead'

/** Every port, built once per runtime (local cloud or a CloudBase function). */
export interface Ports {
  store: Store
  clock: Clock
  ids: Ids
  notifier: Notifier
  contentCheck: ContentCheck
  qrCodes: QrCodes
  signer: Signer
  files: Files
  subscribeTemplates: SubscribeTemplates
}

/** What every use case receives: the ports and the caller as the runtime identified them. */
export interface Ctx extends Ports {
  /** From getWXContext() or the local signed session; absent when nobody is signed in. */
  openid?: string
  /** The caller's roster entry when their openid is bound to one. */
  member: MemberDoc | null
  /** Reads started before the caller was known (shared/read-ahead.ts); absent outside the dispatcher. */
  ahead?: ReadAhead
}

/** The bound caller; the dispatcher has already checked access, this only narrows the type. */
export function me(ctx: Ctx): MemberDoc {
  if (!ctx.member) throw new AppError('NOT_BOUND', '请先绑定会员信息')
  return ctx.member
}

export function nowIso(ctx: Pick<Ctx, 'clock'>): string {
  return ctx.clock.now().toISOString()
}

/** What a timed job receives: the ports, no caller (a CloudBase timer run has no OPENID). */
export type JobCtx = Pick<Ctx, 'store' | 'clock' | 'ids' | 'notifier' | 'contentCheck'>
