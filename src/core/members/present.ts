import type { GroupDoc, MemberDoc, UnionDoc } from './model'
import { mayChange, seesBirthYear, seesInviteCode } from './powers'
import type { MyProfile, RosterEntry } from './views'

/** 13812345678 → 138****5678: enough for a colleague to recognise, useless to a scraper. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

export function toMyProfile(m: MemberDoc, union: UnionDoc | null, group: GroupDoc | null): MyProfile {
  return {
    id: m._id,
    name: m.name,
    staffNo: m.staffNo,
    gender: m.gender,
    phoneMasked: maskPhone(m.phone),
    birthday: m.birthday,
    groupId: m.groupId,
    groupName: group?.name ?? '',
    roles: m.roles,
    department: m.department || undefined,
    status: m.status,
    privacy: m.privacy,
    unionId: m.unionId,
    unionName: union?.name ?? '',
  }
}

/**
 * A roster entry as `viewer` (a chair or an admin) may see it: the full phone for both, the birth year for
 * the chair only, the invite code only where the viewer may change the entry (src/core/members/powers.ts).
 */
export function toRosterEntry(m: MemberDoc, groupName: string, viewer: Pick<MemberDoc, 'roles'>): RosterEntry {
  const entry: RosterEntry = {
    id: m._id,
    name: m.name,
    staffNo: m.staffNo,
    gender: m.gender,
    phone: m.phone,
    birthday: m.birthday,
    groupId: m.groupId,
    groupName,
    roles: m.roles,
    department: m.department || undefined,
    status: m.status,
    bound: Boolean(m.openid),
    boundAt: m.boundAt,
    canChange: mayChange(viewer, m),
  }
  if (seesBirthYear(viewer) && m.birthYear !== undefined) entry.birthYear = m.birthYear
  if (seesInviteCode(viewer, m)) entry.inviteCode = m.inviteCode
  return entry
}
