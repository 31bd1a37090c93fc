import type { IndexSpec } from '../shared/ports'

export const membersIndexes: IndexSpec[] = [
  { collection: 'unions', fields: ['code'], unique: true },
  { collection: 'members', fields: ['unionId', 'staffNo'], unique: true },
  { collection: 'members', fields: ['inviteCode'], unique: true },
  { collection: 'members', fields: ['unionId', 'groupId'] },
  { collection: 'members', fields: ['unionId', 'status'] },
  { collection: 'members', fields: ['unionId', 'birthday'] },
  // Every call finds its caller by the openid the member carries (src/server/identity.ts).
  { collection: 'members', fields: ['openid'] },
  { collection: 'groups', fields: ['unionId', 'order'] },
  { collection: 'bindingAttempts', fields: ['unionId', 'at'] },
  { collection: 'bindingAttempts', fields: ['openid', 'at'] },
  { collection: 'auditLog', fields: ['unionId', 'at'] },
  // The follow-ups job looks for interrupted imports across unions (src/core/shared/follow-up.ts).
  { collection: 'memberImports', fields: ['followUpAt'] },
]
