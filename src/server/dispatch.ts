import type { Reply } from '@/core/shared/errors'
import type { Identity, ServerPorts } from './ports'

/**
 * The only door in: identity from the runtime → access check → whitelisted input → use case.
 * `body` is whatever the client sent ({ action, data }); nothing else in it is read.
 */
export async function dispatch(_ports: ServerPorts, _identity: Identity, _body: unknown): Promise<Reply<unknown>> {
  return { ok: false, code: 'INTERNAL', message: '尚未实现' }
}
