import type { IndexSpec } from '@/core/shared/ports'

/**
 * Every query's filter fields, indexed; each leads with unionId so one deployment can serve many unions.
 * `init` creates these on CloudBase and locally.
 */
export const INDEXES: IndexSpec[] = [
  { collection: 'unions', fields: ['code'], unique: true },
  { collection: 'members', fields: ['unionId', 'staffNo'], unique: true },
  { collection: 'members', fields: ['inviteCode'], unique: true },
  { collection: 'members', fields: ['unionId', 'groupId'] },
  { collection: 'members', fields: ['unionId', 'status'] },
  { collection: 'members', fields: ['unionId', 'birthday'] },
  { collection: 'groups', fields: ['unionId', 'order'] },
  { collection: 'bindingAttempts', fields: ['unionId', 'at'] },
  { collection: 'bindingAttempts', fields: ['openid', 'at'] },
  { collection: 'messages', fields: ['unionId', 'memberId', 'createdAt'] },
]
