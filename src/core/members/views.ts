import type { TemplateName } from '../messages/model'
import type { Abilities } from '../shared/abilities'
import type { PageInfo } from '../shared/page-input'
import type { MemberStatus, Role } from '../shared/roles'

/** What a member sees of themself. */
export interface MyProfile {
  id: string
  name: string
  staffNo: string
  gender: 'M' | 'F'
  phoneMasked: string
  birthday: string
  groupId: string
  groupName: string
  roles: Role[]
  department?: string
  status: MemberStatus
  privacy: { hideBirthday: boolean; noGreetings: boolean }
  unionId: string
  unionName: string
}

export interface WhoAmI {
  /** False when WeChat has not identified the caller (local: not signed in). */
  signedIn: boolean
  bound: boolean
  profile?: MyProfile
  /**
   * What a bound caller may do: the actions the server admits them to and the finer rules pages show by
   * (shared/abilities.ts). Pages ask these flags (hooks/useCan) instead of reading role names.
   */
  can?: Abilities
  /**
   * WeChat subscribe-template id per template name, as the server is configured (SUBSCRIBE_TEMPLATES), for
   * the consent dialog. Sent to a signed-in caller when at least one template is configured.
   */
  subscribeTemplateIds?: Partial<Record<TemplateName, string>>
}

/** A roster entry as the chair or an admin sees it: the only view with the full phone. */
export interface RosterEntry {
  id: string
  name: string
  staffNo: string
  gender: 'M' | 'F'
  phone: string
  birthday: string
  /** For the chair only. */
  birthYear?: number
  groupId: string
  groupName: string
  roles: Role[]
  department?: string
  status: MemberStatus
  /** Absent where the viewer may not change the entry (an admin looking at a chair's or an admin's). */
  inviteCode?: string
  bound: boolean
  boundAt?: string
  /** Whether the viewer may change this entry's details, status, roles and binding. */
  canChange: boolean
}

/** One page of 会员名册, in 工号 order. */
export interface RosterPage extends PageInfo {
  items: RosterEntry[]
  /** How many match, on a first page without a keyword (or with one naming only one kind of field). */
  total?: number
}

export interface GroupView {
  id: string
  name: string
  memberCount: number
}

export interface ImportRowProblem {
  /** 1-based row number in the file as the chair sees it in Excel (header is row 1). */
  row: number
  name: string
  reasons: string[]
}

export interface ImportPreview {
  total: number
  toCreate: number
  toUpdate: number
  problems: ImportRowProblem[]
  /** Rows that would be written, for the preview table (first 200). */
  sample: { row: number; name: string; staffNo: string; groupName: string; action: 'create' | 'update' }[]
}

export interface ImportResult {
  created: number
  updated: number
}

export interface BindingAttemptView {
  at: string
  method: 'code' | 'identity'
  reason: string
  memberName?: string
}
