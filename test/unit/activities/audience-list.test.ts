import type { AudienceKind } from '@/core/activities/model'
import { audienceKindsOf, audienceRefusal } from '@/core/activities/rules'
import type { MemberStatus, Role } from '@/core/shared/roles'

const KINDS: AudienceKind[] = ['all', 'group', 'women', 'men', 'delegates', 'retired', 'active']

/**
 * 活动列表 asks the database for the activities a member may join (audienceKindsOf, and for a 小组 activity the
 * member's own group); the page of 报名 refuses by audienceRefusal. Both must say the same for everyone.
 */
test('the list shows exactly the activities whose audience the member belongs to', () => {
  const people: { gender: 'M' | 'F'; roles: Role[]; status: MemberStatus }[] = []
  for (const gender of ['M', 'F'] as const)
    for (const roles of [['member'], ['delegate'], ['chair', 'delegate']] as Role[][])
      for (const status of ['active', 'retired', 'left'] as MemberStatus[]) people.push({ gender, roles, status })
  for (const p of people) {
    const m = { ...p, groupId: 'g2' }
    for (const kind of KINDS)
      for (const groupId of kind === 'group' ? ['g1', 'g2'] : [undefined]) {
        const listed = audienceKindsOf(m).includes(kind) && (groupId === undefined || groupId === m.groupId)
        const mayJoin = audienceRefusal({ kind, ...(groupId ? { groupId } : {}) }, m) === null
        expect({ ...p, kind, groupId, listed }).toEqual({ ...p, kind, groupId, listed: mayJoin })
      }
  }
})
