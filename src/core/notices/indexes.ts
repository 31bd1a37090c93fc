import type { IndexSpec } from '../shared/ports'

/** Indexes for this capability's collections; each leads with unionId. */
export const noticesIndexes: IndexSpec[] = [
  { collection: 'notices', fields: ['unionId', 'publishedAt'] },
  { collection: 'notices', fields: ['unionId', 'audienceKeys', 'publishedAt'] },
  // Global: the reminders job sweeps every union for unfinished sends and reply deadlines.
  { collection: 'notices', fields: ['delivered', 'publishedAt'] },
  { collection: 'notices', fields: ['confirmBy', 'status'] },
  { collection: 'notices', fields: ['unionId', 'fileIds'] },
  // Global: the follow-ups job finds corrections whose readers were not all told (correct.ts).
  { collection: 'notices', fields: ['followUpAt'] },
  { collection: 'noticeReads', fields: ['unionId', 'noticeId'] },
  { collection: 'noticeReads', fields: ['unionId', 'memberId', 'noticeId'] },
  // Global: WeChat's picture verdict names only its ticket (src/core/shared/image-checks.ts).
  { collection: 'noticeFiles', fields: ['checkTicket'] },
]
