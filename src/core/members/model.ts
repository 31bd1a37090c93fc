import type { MemberStatus, Role } from '../shared/roles'

/**
 * Rows of one roster page by default, and at most: a page plus the one that says more follow stays within
 * one CloudBase read (100 documents).
 */
export const ROSTER_PAGE = 50
export const MAX_ROSTER_PAGE = 90

/** A roster entry as stored. Birthday is month-day; the year, if known, is for the chair only. */
export interface MemberDoc {
  _id: string
  unionId: string
  name: string
  staffNo: string
  gender: 'M' | 'F'
  phone: string
  birthday: string
  birthYear?: number
  groupId: string
  roles: Role[]
  /** Department a deptHead answers for, e.g. 教务处. */
  department?: string
  status: MemberStatus
  inviteCode: string
  openid?: string
  boundAt?: string
  privacy: { hideBirthday: boolean; noGreetings: boolean }
  /** The clock hour (ISO, to the hour) that `identityChecks` counts binding checks of this entry in. */
  identityCheckHour?: string
  identityChecks?: number
  createdAt: string
  updatedAt: string
  [key: string]: unknown
}

export interface UnionDoc {
  _id: string
  /** Short code teachers type when binding without an invite code, e.g. SYXX. */
  code: string
  name: string
  /** A district union's id for a school union; absent for a top-level union. */
  parentId?: string
  createdAt: string
  [key: string]: unknown
}

export interface GroupDoc {
  _id: string
  unionId: string
  name: string
  order: number
  createdAt: string
  [key: string]: unknown
}

/** openid → member, one document per WeChat identity; its _id makes a second binding impossible. */
export interface BindingDoc {
  _id: string
  unionId: string
  memberId: string
  createdAt: string
  [key: string]: unknown
}

/** A refused binding attempt, kept for the chair and for rate limiting. */
export interface BindingAttemptDoc {
  _id: string
  openid: string
  unionId: string
  memberId?: string
  method: 'code' | 'identity'
  reason: string
  at: string
  [key: string]: unknown
}
