import type { IndexSpec } from '../shared/ports'
import { AC } from './collections'

/** Indexes for this capability's collections; each leads with unionId. */
export const activitiesIndexes: IndexSpec[] = [
  { collection: AC.activities, fields: ['unionId', 'endAt', 'startAt'] },
  { collection: AC.activities, fields: ['unionId', 'startAt'] },
  { collection: AC.activities, fields: ['unionId', 'signupCloseAt'] },
  // One activity's line in arrival order: a place in line is a count below one's own key, the next in line
  // the first key (firstWaiting); never the whole line read.
  { collection: AC.signups, fields: ['unionId', 'activityId', 'status', 'queueKey'] },
  // Global: 取消 reads the first in line by the activity's id alone, before the caller's union is known
  // (read-ahead.ts); an activity's sign-ups all carry its union, which is checked on what comes back.
  { collection: AC.signups, fields: ['activityId', 'status', 'queueKey'] },
  // 我的活动: one member's sign-ups, latest first, a page at a time.
  { collection: AC.signups, fields: ['unionId', 'memberId', 'queueKey'] },
  // Global: the follow-ups job finds interrupted changes of every union (src/core/shared/follow-up.ts).
  { collection: AC.signups, fields: ['followUpAt'] },
  { collection: AC.teams, fields: ['unionId', 'activityId', 'status'] },
  { collection: AC.checkinFailures, fields: ['unionId', 'activityId', 'window'] },
  { collection: AC.covers, fields: ['unionId', 'uploadedAt'] },
  // Global: WeChat's picture verdict names only its ticket (src/core/shared/image-checks.ts).
  { collection: AC.covers, fields: ['checkTicket'] },
]
