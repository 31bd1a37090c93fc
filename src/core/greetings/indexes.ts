import type { IndexSpec } from '../shared/ports'

/** Indexes for this capability's collections; each leads with unionId. */
export const greetingsIndexes: IndexSpec[] = [
  { collection: 'greetingSettings', fields: ['unionId'] },
  { collection: 'birthdayGifts', fields: ['unionId', 'year'] },
]
