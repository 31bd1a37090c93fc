import type { ActionInput, ActionName } from '@/core/contract'
import { activitiesFixtures } from './fixtures/activities'
import { greetingsFixtures } from './fixtures/greetings'
import { homeFixtures } from './fixtures/home'
import { membersFixtures } from './fixtures/members'
import { messagesFixtures } from './fixtures/messages'
import { noticesFixtures } from './fixtures/notices'
import { proposalsFixtures } from './fixtures/proposals'
import { suggestionsFixtures } from './fixtures/suggestions'
import type { TestCloud } from './test-cloud'

/**
 * A valid input for every action. The mapped type makes a new action without a fixture a compile error,
 * so the authorization matrix and the fuzz cover every action added later.
 */
export const FIXTURES: { [N in ActionName]: (cloud: TestCloud) => Promise<ActionInput<N>> } = {
  ...membersFixtures,
  ...activitiesFixtures,
  ...noticesFixtures,
  ...greetingsFixtures,
  ...messagesFixtures,
  ...proposalsFixtures,
  ...suggestionsFixtures,
  ...homeFixtures,
}
