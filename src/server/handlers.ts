import type { ActionName } from '@/core/contract'
import { activitiesHandlers } from './handlers/activities'
import { greetingsHandlers } from './handlers/greetings'
import { membersHandlers } from './handlers/members'
import { messagesHandlers } from './handlers/messages'
import { noticesHandlers } from './handlers/notices'
import { proposalsHandlers } from './handlers/proposals'
import { suggestionsHandlers } from './handlers/suggestions'
import type { Handler } from './handlers/types'

export type { Handler } from './handlers/types'

/** Action name → use case, one capability per file; the mapped type makes a missing handler a compile error. */
export const handlers: { [N in ActionName]: Handler<N> } = {
  ...membersHandlers,
  ...activitiesHandlers,
  ...noticesHandlers,
  ...greetingsHandlers,
  ...messagesHandlers,
  ...proposalsHandlers,
  ...suggestionsHandlers,
}
