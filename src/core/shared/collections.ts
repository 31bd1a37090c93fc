/** Collection names, in one place so indexes, seeds and use cases agree. */
export const C = {
  unions: 'unions',
  members: 'members',
  groups: 'groups',
  bindings: 'bindings',
  bindingAttempts: 'bindingAttempts',
  /** Per WeChat identity: binding tries this hour (`_id` = openid), moved by conditional updates only. */
  bindingLimits: 'bindingLimits',
  messages: 'messages',
  audit: 'auditLog',
  memberImports: 'memberImports',
} as const
