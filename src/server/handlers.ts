import type { ActionName } from '@/core/contract'
import { activitiesHandlers, activitiesReadAhead } from './handlers/activities'
import { greetingsHandlers } from './handlers/greetings'
import { homeHandlers } from './handlers/home'
import { membersHandlers } from './handlers/members'
import { messagesHandlers } from './handlers/messages'
import { noticesHandlers } from './handlers/notices'
import { proposalsHandlers } from './handlers/proposals'
import { suggestionsHandlers } from './handlers/suggestions'
import type { Contract } from '@/core/contract'
import type { Handler, ReadAheadFor } from './handlers/types'

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
  ...homeHandlers,
}

/** What an action may read before the caller is known (see ReadAheadFor): only where a round trip counts. */
export const readAheads: ReadAheadFor<Contract> = {
  ...activitiesReadAhead,
}
