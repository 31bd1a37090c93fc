import type { IndexSpec } from '../shared/ports'
import { SC } from './collections'

/** Indexes for this capability's collections; each leads with unionId. */
export const suggestionsIndexes: IndexSpec[] = [
  // The lists: by status, newest day first.
  { collection: SC.suggestions, fields: ['unionId', 'status', 'submittedOn'] },
  { collection: SC.suggestions, fields: ['unionId', 'authorId'] },
  // Conversions cut short, for the follow-ups job (suggestionConversionFollowUp).
  { collection: SC.suggestions, fields: ['followUpAt'] },
]
