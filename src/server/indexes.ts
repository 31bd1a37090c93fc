import type { IndexSpec } from '@/core/shared/ports'
import { activitiesIndexes } from '@/core/activities/indexes'
import { greetingsIndexes } from '@/core/greetings/indexes'
import { membersIndexes } from '@/core/members/indexes'
import { messagesIndexes } from '@/core/messages/indexes'
import { noticesIndexes } from '@/core/notices/indexes'
import { proposalsIndexes } from '@/core/proposals/indexes'
import { suggestionsIndexes } from '@/core/suggestions/indexes'
import { JC } from './collections'

/**
 * Every query's filter fields, indexed, each capability listing its own; `init` creates these on CloudBase
 * (collections; indexes printed for the console) and locally.
 */
export const INDEXES: IndexSpec[] = [
  ...membersIndexes,
  ...activitiesIndexes,
  ...noticesIndexes,
  ...greetingsIndexes,
  ...messagesIndexes,
  ...proposalsIndexes,
  ...suggestionsIndexes,
  // Global (jobs belong to no union): a job's runs by period, as one reads them in the console (数据库 → jobRuns).
  { collection: JC.runs, fields: ['job', 'period'] },
]
