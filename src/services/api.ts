import type { ActionInput, ActionName, ActionOutput } from '@/core/contract'
import type { ErrorCode, Reply } from '@/core/shared/errors'
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

/** Calls one action of the `api` cloud function, typed end to end by the action table. */
export async function call<N extends ActionName>(action: N, data: ActionInput<N>): Promise<ActionOutput<N>> {
  let reply: Reply<ActionOutput<N>>
  try {
    reply = (await send('api', { action, data })) as Reply<ActionOutput<N>>
  } catch {
    throw new ApiError('INTERNAL', '网络不太好，请稍后再试')
  }
  if (!reply || typeof reply !== 'object' || !('ok' in reply))
    throw new ApiError('INTERNAL', '服务暂时不可用，请稍后再试')
  if (!reply.ok) throw new ApiError(reply.code, reply.message, reply.fields)
  return reply.data
}
