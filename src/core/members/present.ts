import type { GroupDoc, MemberDoc, UnionDoc } from './model'
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

/** The chair's view; the only place a full phone number or birth year leaves the server. */
export function toRosterEntry(m: MemberDoc, groupName: string): RosterEntry {
  return {
    id: m._id,
    name: m.name,
    staffNo: m.staffNo,
    gender: m.gender,
    phone: m.phone,
    birthday: m.birthday,
    birthYear: m.birthYear,
    groupId: m.groupId,
    groupName,
    roles: m.roles,
    department: m.department || undefined,
    status: m.status,
    inviteCode: m.inviteCode,
    bound: Boolean(m.openid),
    boundAt: m.boundAt,
  }
}
