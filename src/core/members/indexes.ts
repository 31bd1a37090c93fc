import type { IndexSpec } from '../shared/ports'

export const membersIndexes: IndexSpec[] = [
  { collection: 'unions', fields: ['code'], unique: true },
  { collection: 'members', fields: ['unionId', 'staffNo'], unique: true },
  { collection: 'members', fields: ['inviteCode'], unique: true },
  { collection: 'members', fields: ['unionId', 'groupId'] },
  { collection: 'members', fields: ['unionId', 'status'] },
  { collection: 'members', fields: ['unionId', 'birthday'] },
  // 会员名册's search: a name or a phone number's first digits, as a range (roster.ts listRoster).
  { collection: 'members', fields: ['unionId', 'name'] },
  { collection: 'members', fields: ['unionId', 'phone'] },
  // Every call finds its caller by the openid the member carries (src/server/identity.ts).
  { collection: 'members', fields: ['openid'] },
  { collection: 'groups', fields: ['unionId', 'order'] },
  { collection: 'bindingAttempts', fields: ['unionId', 'at'] },
  { collection: 'bindingAttempts', fields: ['openid', 'at'] },
  { collection: 'auditLog', fields: ['unionId', 'at'] },
  // The follow-ups job looks for interrupted imports across unions (src/core/shared/follow-up.ts).
  { collection: 'memberImports', fields: ['followUpAt'] },
]
