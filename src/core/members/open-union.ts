import * as v from 'valibot'
import type { Ctx } from '../shared/context'
import { nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { memberFields, unionCode } from './contract'
import type { GroupDoc, MemberDoc, UnionDoc } from './model'
import { insertMember } from './roster'

/** The first group every new union starts with; the chair renames it or adds 小组 in 工会小组. */
export const FIRST_GROUP_NAME = '全体会员'

/** A new union and the one person who can run it: everyone else the chair adds or imports in the app. */
export const openUnionInput = v.strictObject(
  {
    code: unionCode,
    name: v.pipe(
      v.string('工会名称应为文字'),
      v.trim(),
      v.minLength(2, '工会名称至少2个字'),
      v.maxLength(40, '工会名称不能超过40个字'),
    ),
    chair: v.strictObject(
      {
        name: memberFields.name,
        staffNo: memberFields.staffNo,
        gender: memberFields.gender,
        phone: memberFields.phone,
        birthday: memberFields.birthday,
      },
      '主席信息只能包含 name、staffNo、gender、phone、birthday',
    ),
  },
  '只能包含 code、name、chair',
)

export type OpenUnionInput = v.InferOutput<typeof openUnionInput>

export type OpenUnionResult =
  | { opened: true; unionId: string; unionName: string; chairName: string; chairInviteCode: string }
  | { opened: false; unionId: string; unionName: string }

/**
 * Opens a union on an empty deployment: the union, one 小组 and the chair's roster entry with an invite code
 * the chair binds with. A code that already exists is left exactly as it is, so running this again (the
 * daily init does) never touches a union in use. Ids follow from the code, so a run cut short is finished by
 * the next one instead of leaving a second, half-made union behind.
 */
export async function openUnion(ctx: Ctx, input: OpenUnionInput): Promise<OpenUnionResult> {
  const existing = await ctx.store.findOne<UnionDoc>(C.unions, { code: input.code })
  if (existing) return { opened: false, unionId: existing._id, unionName: existing.name }

  const at = nowIso(ctx)
  const unionId = `u-${input.code.toLowerCase()}`
  const groupId = `${unionId}-g1`
  if (!(await ctx.store.findOne<GroupDoc>(C.groups, { _id: groupId }))) {
    const group: GroupDoc = { _id: groupId, unionId, name: FIRST_GROUP_NAME, order: 1, createdAt: at }
    await ctx.store.insert(C.groups, group)
  }
  const chair =
    (await ctx.store.findOne<MemberDoc>(C.members, { unionId, staffNo: input.chair.staffNo })) ??
    (await insertMember(ctx, unionId, { ...input.chair, groupId, department: '' }, 'active'))
  await ctx.store.updateOne(C.members, { _id: chair._id }, { $set: { roles: ['member', 'chair'], updatedAt: at } })
  // The union goes in last: until it exists, nobody can bind to it and the next run picks up from here.
  const union: UnionDoc = { _id: unionId, code: input.code, name: input.name, createdAt: at }
  await ctx.store.insert(C.unions, union)
  return { opened: true, unionId, unionName: union.name, chairName: chair.name, chairInviteCode: chair.inviteCode }
}
