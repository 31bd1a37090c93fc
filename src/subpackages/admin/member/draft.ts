import type { ActionInput } from '@/core/contract'
import type { RosterEntry } from '@/core/members/views'

/** The member form as typed: every box is text until we send it; gender is unset on a new member. */
export interface MemberDraft {
  name: string
  staffNo: string
  gender: 'M' | 'F' | ''
  phone: string
  /** MM-DD */
  birthday: string
  birthYear: string
  groupId: string
  department: string
}

export const EMPTY_DRAFT: MemberDraft = {
  name: '',
  staffNo: '',
  gender: '',
  phone: '',
  birthday: '',
  birthYear: '',
  groupId: '',
  department: '',
}

export function draftFrom(entry: RosterEntry): MemberDraft {
  return {
    name: entry.name,
    staffNo: entry.staffNo,
    gender: entry.gender,
    phone: entry.phone,
    birthday: entry.birthday,
    birthYear: entry.birthYear ? String(entry.birthYear) : '',
    groupId: entry.groupId,
    department: entry.department ?? '',
  }
}

export type MemberInput = ActionInput<'members.create'>

/**
 * The draft as the server wants it. Only gender is checked here, because the input type cannot carry
 * "not chosen"; everything else the server checks and answers field by field. An empty birth year clears
 * the one the page showed (only the chair is shown one); otherwise it leaves the stored year alone.
 */
export function toMemberInput(
  draft: MemberDraft,
  original?: RosterEntry,
): { input: MemberInput } | { fieldErrors: Record<string, string> } {
  if (!draft.gender) return { fieldErrors: { gender: '请选择性别' } }
  const year = draft.birthYear.trim()
  const emptyYear = original?.birthYear !== undefined ? null : undefined
  return {
    input: {
      name: draft.name,
      staffNo: draft.staffNo,
      gender: draft.gender,
      phone: draft.phone,
      birthday: draft.birthday,
      birthYear: year ? Number(year) : emptyYear,
      groupId: draft.groupId,
      department: draft.department,
    },
  }
}
