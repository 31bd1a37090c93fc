/** Roles a member can hold; every bound member is at least 'member'. */
export const ROLES = ['member', 'delegate', 'committee', 'deptHead', 'groupLeader', 'chair', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  member: '会员',
  delegate: '教代会代表',
  committee: '提案委员会',
  deptHead: '部门负责人',
  groupLeader: '工会小组长',
  chair: '工会主席',
  admin: '管理员',
}

export const MEMBER_STATUSES = ['active', 'retired', 'left'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]
export const STATUS_LABELS: Record<MemberStatus, string> = { active: '在职', retired: '退休', left: '已调离' }

/** Who may call an action. */
export type Access =
  /** any caller WeChat has identified, bound or not (whoami) */
  | 'anyone'
  /** identified but not yet bound to a roster entry (binding) */
  | 'unbound'
  /** any bound member who has not left */
  | 'member'
  /** bound member holding at least one of these roles */
  | readonly Role[]
