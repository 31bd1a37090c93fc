// The roster of a district-sized deployment, as both birthday benches build it (the nedb reads bench and the
// emulator's round trips): deterministic, so runs are comparable.
import type { MemberDoc } from '../../src/core/members/model'

/** A spread of birthdays over the year (leap day included): ≈ 55 of 20,000 on any one day. */
export function birthdayOf(i: number): string {
  const day = (i * 7919) % 366
  const date = new Date(Date.UTC(2028, 0, 1 + day))
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`
}

/** Member i of the district: some retired, some left, some who want no greetings. */
export function districtMember(i: number, ids: { memberId: string; unionId: string }, at: string): MemberDoc {
  return {
    _id: ids.memberId,
    unionId: ids.unionId,
    name: `教师${i}`,
    staffNo: `S${i}`,
    gender: i % 2 ? 'F' : 'M',
    phone: `139${String(i).padStart(8, '0')}`,
    birthday: birthdayOf(i),
    groupId: 'g1',
    roles: ['member'],
    status: i % 17 === 0 ? 'retired' : i % 23 === 0 ? 'left' : 'active',
    inviteCode: `C${i}`,
    privacy: { hideBirthday: false, noGreetings: i % 31 === 0 },
    createdAt: at,
    updatedAt: at,
  }
}
