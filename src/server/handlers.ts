import type { ActionName } from '@/core/contract'
import { membersHandlers } from './handlers/members'
import type { Handler } from './handlers/types'

export type { Handler } from './handlers/types'

/** Action name → use case, one capability per file; the mapped type makes a missing handler a compile error. */
export const handlers: { [N in ActionName]: Handler<N> } = {
  ...membersHandlers,
}
