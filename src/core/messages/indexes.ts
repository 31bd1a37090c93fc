import type { IndexSpec } from '../shared/ports'

/** Indexes for this capability's collections; each leads with unionId. */
export const messagesIndexes: IndexSpec[] = [
  { collection: 'messages', fields: ['unionId', 'memberId', 'createdAt'] },
  { collection: 'messages', fields: ['unionId', 'memberId', 'read'] },
  { collection: 'subscriptionCredits', fields: ['unionId', 'memberId'] },
]
