import type { IndexSpec } from '../shared/ports'
import { SC } from './collections'

/** Indexes for this capability's collections; each leads with unionId. */
export const suggestionsIndexes: IndexSpec[] = [
  { collection: SC.suggestions, fields: ['unionId', 'status'] },
  { collection: SC.suggestions, fields: ['unionId', 'authorId'] },
]
