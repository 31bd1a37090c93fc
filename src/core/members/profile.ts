import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { abilitiesOf } from '../shared/abilities'
import { C } from '../shared/collections'
import type { GroupDoc, MemberDoc } from './model'
import { loadUnion } from './lookup'
import { toMyProfile } from './present'
import type { MyProfile, WhoAmI } from './views'

export async function myProfile(ctx: Ctx, member: MemberDoc = me(ctx)): Promise<MyProfile> {
  const [union, group] = await Promise.all([
    loadUnion(ctx.store, member.unionId),
    ctx.store.findOne<GroupDoc>(C.groups, { _id: member.groupId, unionId: member.unionId }),
  ])
  return toMyProfile(member, union, group)
}

/**
 * The app asks this once at start; it also carries what the caller may do (`can`, so no screen asks again or
 * reads role names) and the subscribe-template ids, so the consent dialog (which WeChat opens only straight
 * from a tap) has them at hand without another call, and they are set in one place.
 */
export async function whoami(ctx: Ctx): Promise<WhoAmI> {
  if (!ctx.openid) return { signedIn: false, bound: false }
  const ids = ctx.subscribeTemplates.ids()
  const templates = Object.keys(ids).length > 0 ? { subscribeTemplateIds: ids } : {}
  const member = ctx.member
  if (!member || member.status === 'left') return { signedIn: true, bound: false, ...templates }
  const can = abilitiesOf(ctx.openid, member)
  return { signedIn: true, bound: true, profile: await myProfile(ctx, member), can, ...templates }
}

export async function setPrivacy(ctx: Ctx, input: { hideBirthday: boolean; noGreetings: boolean }): Promise<MyProfile> {
  const member = me(ctx)
  const privacy = { hideBirthday: input.hideBirthday, noGreetings: input.noGreetings }
  await ctx.store.updateOne(C.members, { _id: member._id }, { $set: { privacy, updatedAt: nowIso(ctx) } })
  return myProfile(ctx, { ...member, privacy })
}
