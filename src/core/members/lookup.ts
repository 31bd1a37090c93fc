import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import type { Store } from '../shared/ports'
import type { GroupDoc, MemberDoc, UnionDoc } from './model'

export async function loadUnion(store: Store, unionId: string): Promise<UnionDoc | null> {
  return store.findOne<UnionDoc>(C.unions, { _id: unionId })
}

/** A member of the caller's union; another union's id reads as "not found", never as a leak. */
export async function loadMemberInUnion(store: Store, unionId: string, memberId: string): Promise<MemberDoc> {
  const m = await store.findOne<MemberDoc>(C.members, { _id: memberId, unionId })
  if (!m) throw new AppError('NOT_FOUND', '找不到这位会员')
  return m
}

export async function loadGroupInUnion(store: Store, unionId: string, groupId: string): Promise<GroupDoc> {
  const g = await store.findOne<GroupDoc>(C.groups, { _id: groupId, unionId })
  if (!g) throw new AppError('BAD_INPUT', '工会小组不存在', { groupId: '请选择工会小组' })
  return g
}

export async function groupsOfUnion(store: Store, unionId: string): Promise<GroupDoc[]> {
  return store.find<GroupDoc>(C.groups, { unionId }, { sort: { order: 1 }, limit: 200 })
}
