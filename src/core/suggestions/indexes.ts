import type { IndexSpec } from '../shared/ports'

/** Indexes for this capability's collections; each leads with unionId. */
export const suggestionsIndexes: IndexSpec[] = []
