import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import type { GroupDoc } from './model'
import { groupsOfUnion, loadGroupInUnion } from './lookup'
import type { GroupView } from './views'

export async function listGroups(ctx: Ctx): Promise<GroupView[]> {
  const { unionId } = me(ctx)
  const groups = await groupsOfUnion(ctx.store, unionId)
  // One count per group: a union has a handful of 小组, and each count is served by the (unionId, groupId) index.
  const counts = await Promise.all(
    groups.map((g) => ctx.store.count(C.members, { unionId, groupId: g._id, status: { $ne: 'left' } })),
  )
  return groups.map((g, i) => ({ id: g._id, name: g.name, memberCount: counts[i] }))
}

export async function createGroup(ctx: Ctx, input: { name: string }): Promise<GroupView> {
  const { unionId } = me(ctx)
  const groups = await groupsOfUnion(ctx.store, unionId)
  refuseDuplicateName(groups, input.name)
  const doc: GroupDoc = {
    _id: ctx.ids.newId(),
    unionId,
    name: input.name,
    order: groups.reduce((max, g) => Math.max(max, g.order), 0) + 1,
    createdAt: nowIso(ctx),
  }
  await ctx.store.insert(C.groups, doc)
  return { id: doc._id, name: doc.name, memberCount: 0 }
}

export async function renameGroup(ctx: Ctx, input: { groupId: string; name: string }): Promise<GroupView> {
  const { unionId } = me(ctx)
  const group = await loadGroupInUnion(ctx.store, unionId, input.groupId)
  refuseDuplicateName(
    (await groupsOfUnion(ctx.store, unionId)).filter((g) => g._id !== group._id),
    input.name,
  )
  await ctx.store.updateOne(C.groups, { _id: group._id, unionId }, { $set: { name: input.name } })
  const memberCount = await ctx.store.count(C.members, { unionId, groupId: group._id, status: { $ne: 'left' } })
  return { id: group._id, name: input.name, memberCount }
}

function refuseDuplicateName(groups: GroupDoc[], name: string): void {
  if (groups.some((g) => g.name === name)) {
    throw new AppError('CONFLICT', `已有名为「${name}」的工会小组`, { name: '小组名称重复' })
  }
}
