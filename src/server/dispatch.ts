import * as v from 'valibot'
import { contract, type ActionName } from '@/core/contract'
import type { Ctx } from '@/core/shared/context'
import { AppError, type Reply } from '@/core/shared/errors'
import { describeIssues } from '@/core/shared/fields'
import { accessRefusal } from '@/core/shared/access'
import { handlers, type Handler } from './handlers'
import { boundMember } from './identity'
import type { Identity, ServerPorts } from './ports'

/**
 * The only door in: identity from the runtime → access check → whitelisted input → use case.
 * Only `action` and `data` of the body are read; any openid, role or unionId a client adds is ignored.
 */
export async function dispatch(ports: ServerPorts, identity: Identity, body: unknown): Promise<Reply<unknown>> {
  try {
    const { name, data } = readBody(body)
    const spec = contract[name]
    const member = await boundMember(ports.store, identity.openid)
    const refusal = accessRefusal(spec.access, identity.openid, member)
    if (refusal) throw new AppError(refusal.code, refusal.message)
    const parsed = v.safeParse(spec.input, data)
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.issues)
      throw new AppError('BAD_INPUT', message, fields)
    }
    const ctx: Ctx = { ...ports, openid: identity.openid, member }
    const handler = handlers[name] as Handler<ActionName>
    return { ok: true, data: await handler(ctx, parsed.output as never) }
  } catch (e) {
    if (e instanceof AppError)
      return { ok: false, code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) }
    console.error('[dispatch] unexpected error', e)
    return { ok: false, code: 'INTERNAL', message: '服务出了点问题，请稍后再试' }
  }
}

function readBody(body: unknown): { name: ActionName; data: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('BAD_INPUT', '请求格式不正确')
  const { action, data } = body as { action?: unknown; data?: unknown }
  if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(contract, action)) {
    throw new AppError('UNKNOWN_ACTION', '未知的操作，请更新小程序后再试')
  }
  return { name: action as ActionName, data: data === undefined ? {} : data }
}
