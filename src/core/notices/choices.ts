import type { MemberDoc } from '../members/model'
import { groupsOfUnion } from '../members/lookup'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { findAll } from '../shared/paging'
import type { RecipientChoice } from './views'

/**
 * Everyone a publisher may address by name: members still in the union, name and 小组 only (a 提案委员会
 * member publishing an 教代会 notice may not read the roster). Sorted by 小组, then name.
 *
 * Whole, not paged: the picker ticks a whole 小组 at once and searches names as the publisher types, and a
 * notice may name up to 300 people. It is bounded by the union's roster (30–300 people, ~70 bytes each) and
 * read in pages of 100 by _id, so no request goes beyond CloudBase's limit.
 */
export async function recipientChoices(ctx: Ctx): Promise<RecipientChoice[]> {
  const actor = me(ctx)
  const [members, groups] = await Promise.all([
    findAll<MemberDoc>(ctx.store, C.members, { unionId: actor.unionId, status: { $in: ['active', 'retired'] } }),
    groupsOfUnion(ctx.store, actor.unionId),
  ])
  const groupName = new Map(groups.map((g) => [g._id, g.name]))
  const order = new Map(groups.map((g, i) => [g._id, i]))
  return members
    .map((m) => ({
      id: m._id,
      name: m.name,
      groupId: m.groupId,
      groupName: groupName.get(m.groupId) ?? '未分组',
      retired: m.status === 'retired',
    }))
    .sort((a, b) => (order.get(a.groupId) ?? 999) - (order.get(b.groupId) ?? 999) || a.name.localeCompare(b.name, 'zh'))
}
