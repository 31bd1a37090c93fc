import type { ActionInput, ActionName, ActionOutput } from '@/core/contract'
import type { ErrorCode, Reply } from '@/core/shared/errors'
import type { WhoAmI } from '@/core/members/views'
import { heardServerTime } from './server-clock'
import { send } from './transport'

/** A refused call, carrying the Chinese message to show and per-field messages for forms. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/**
 * How a call carries the caller's session home (the server's `session: true`): the session store sets this,
 * so a page opened cold asks for the session with its own call instead of a second call before it.
 */
export interface SessionRider {
  /** Whether this call should bring the session back (nobody has it, nobody is fetching it). */
  wanted(): boolean
  /** The session the reply carried, or undefined when the call failed or the server sent none. */
  arrived(session: Promise<WhoAmI | undefined>): void
}

let rider: SessionRider | undefined

export function carrySessionWith(next: SessionRider): void {
  rider = next
}

export interface CallOptions {
  /** Bring the caller's session back with this call even when the app has one (pull-down refresh). */
  withSession?: boolean
}

/** Calls one action of the `api` cloud function, typed end to end by the action table. */
export async function call<N extends ActionName>(
  action: N,
  data: ActionInput<N>,
  options: CallOptions = {},
): Promise<ActionOutput<N>> {
  const withSession = options.withSession === true || rider?.wanted() === true
  let settleSession: (s: WhoAmI | undefined) => void = () => undefined
  if (withSession && rider) rider.arrived(new Promise((resolve) => (settleSession = resolve)))
  let reply: Reply<ActionOutput<N>> & { session?: WhoAmI; now?: string }
  try {
    reply = (await send('api', withSession ? { action, data, session: true } : { action, data })) as typeof reply
  } catch {
    settleSession(undefined)
    throw new ApiError('INTERNAL', '网络不太好，请稍后再试')
  }
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    settleSession(undefined)
    throw new ApiError('INTERNAL', '服务暂时不可用，请稍后再试')
  }
  settleSession(reply.session)
  heardServerTime(reply.now)
  if (!reply.ok) throw new ApiError(reply.code, reply.message, reply.fields)
  return reply.data
}
