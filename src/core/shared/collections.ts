/** Collection names, in one place so indexes, seeds and use cases agree. */
export const C = {
  unions: 'unions',
  members: 'members',
  groups: 'groups',
  bindings: 'bindings',
  bindingAttempts: 'bindingAttempts',
  messages: 'messages',
  audit: 'auditLog',
  memberImports: 'memberImports',
} as const
