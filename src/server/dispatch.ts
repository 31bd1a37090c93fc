import * as v from 'valibot'
import { contract, type ActionName } from '@/core/contract'
import type { Ctx } from '@/core/shared/context'
import { AppError, type ErrorReply, type Reply } from '@/core/shared/errors'
import { describeIssues } from '@/core/shared/fields'
import { accessRefusal } from '@/core/shared/access'
import { readAheadShare } from '@/core/shared/read-ahead'
import { whoami } from '@/core/members/profile'
import type { WhoAmI } from '@/core/members/views'
import { handlers, readAheads, type Handler } from './handlers'
import { boundMember } from './identity'
import type { Identity, ServerPorts } from './ports'

/**
 * A reply, the caller's session beside it when the call asked for it (`session: true`), and the server's
 * clock: pages take "today" from it, since a phone's clock may be wrong or in another zone (issue 13).
 */
export type DispatchReply = Answer & { now: string }
type Answer = Reply<unknown> & { session?: WhoAmI }

/**
 * The only door in: identity from the runtime → access check → whitelisted input → use case.
 * Only `action`, `data` and `session` of the body are read; any openid, role or unionId a client adds is ignored.
 *
 * `session: true` brings back `session.whoami` computed beside the action, from the caller already resolved:
 * a page opened cold (a QR code, a shared card) learns who the caller is and gets what it shows in one call.
 */
export async function dispatch(ports: ServerPorts, identity: Identity, body: unknown): Promise<DispatchReply> {
  const reply = await answer(ports, identity, body)
  return { ...reply, now: ports.clock.now().toISOString() }
}

async function answer(ports: ServerPorts, identity: Identity, body: unknown): Promise<Answer> {
  let request: Request
  try {
    request = readBody(body)
  } catch (e) {
    return failure(e)
  }
  const { name, data, withSession } = request
  // Parsed now (no round trip) so the action's reads that need only its input start beside the caller
  // lookup; a refused caller is still told the refusal first, and their read-ahead is simply dropped.
  const parsed = v.safeParse(contract[name].input, data)
  const ahead = readAheadShare()
  if (parsed.success) startReadAhead(name, { store: ports.store, ahead }, parsed.output)
  let member: Ctx['member']
  try {
    member = identity.member !== undefined ? identity.member : await boundMember(ports.store, identity.openid)
  } catch (e) {
    return failure(e)
  }
  const ctx: Ctx = { ...ports, openid: identity.openid, member, ahead }
  // Both start now and run side by side; neither waits for the other.
  const [reply, session] = await Promise.all([
    runAction(ctx, name, parsed),
    withSession ? whoami(ctx).catch((e: unknown) => logged(e)) : undefined,
  ])
  return session ? { ...reply, session } : reply
}

function startReadAhead(name: ActionName, ahead: Pick<Ctx, 'store' | 'ahead'>, input: unknown): void {
  const read = readAheads[name] as ((a: typeof ahead, i: unknown) => void) | undefined
  try {
    read?.(ahead, input)
  } catch (e) {
    logged(e)
  }
}

type Parsed = ReturnType<typeof v.safeParse>

async function runAction(ctx: Ctx, name: ActionName, parsed: Parsed): Promise<Reply<unknown>> {
  try {
    const spec = contract[name]
    const refusal = accessRefusal(spec.access, ctx.openid, ctx.member)
    if (refusal) throw new AppError(refusal.code, refusal.message)
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.issues)
      throw new AppError('BAD_INPUT', message, fields)
    }
    const handler = handlers[name] as Handler<ActionName>
    return { ok: true, data: await handler(ctx, parsed.output as never) }
  } catch (e) {
    return failure(e)
  }
}

function failure(e: unknown): ErrorReply {
  if (e instanceof AppError)
    return { ok: false, code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) }
  logged(e)
  return { ok: false, code: 'INTERNAL', message: '服务出了点问题，请稍后再试' }
}

/** An unexpected error: logged for the console, never shown; the session simply does not ride along. */
function logged(e: unknown): undefined {
  console.error('[dispatch] unexpected error', e)
  return undefined
}

interface Request {
  name: ActionName
  data: unknown
  withSession: boolean
}

function readBody(body: unknown): Request {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('BAD_INPUT', '请求格式不正确')
  const { action, data, session } = body as { action?: unknown; data?: unknown; session?: unknown }
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(contract, action)) {
    throw new AppError('UNKNOWN_ACTION', '未知的操作，请更新小程序后再试')
  }
  return { name: action as ActionName, data: data === undefined ? {} : data, withSession: session === true }
}
