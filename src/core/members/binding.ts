import type { Ctx } from '../shared/context'
import { nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import { DuplicateKeyError, type Filter } from '../shared/ports'
import type { BindingAttemptDoc, BindingDoc, GroupDoc, MemberDoc, UnionDoc } from './model'
import { loadUnion } from './lookup'
import { runsRoster } from './powers'
import { toMyProfile } from './present'
import type { MyProfile } from './views'

const MAX_FAILED_PER_HOUR = 5
/** Name + 工号 + phone tail checks of one roster entry per clock hour, whoever asks (fresh WeChat ids are free). */
const MAX_CHECKS_PER_ENTRY_PER_HOUR = 5

/**
 * Binding ties a WeChat identity to one roster entry. The member document is claimed with a conditional
 * update (only while it has no openid), so two people racing for the same entry cannot both win.
 */
export async function bindByCode(ctx: Ctx, input: { code: string }): Promise<MyProfile> {
  const openid = requireOpenid(ctx)
  await refuseIfTooManyFailures(ctx, openid)
  const member = await ctx.store.findOne<MemberDoc>(C.members, { inviteCode: input.code })
  if (!member) {
    await logRefusal(ctx, { openid, unionId: '', method: 'code', reason: '邀请码不存在' })
    throw new AppError('NOT_FOUND', '邀请码不正确，请核对后再试，或向工会主席索取', { code: '邀请码不正确' })
  }
  return claim(ctx, openid, member, 'code')
}

export async function bindByIdentity(
  ctx: Ctx,
  input: { unionCode: string; name: string; staffNo: string; phoneTail: string },
): Promise<MyProfile> {
  const openid = requireOpenid(ctx)
  await refuseIfTooManyFailures(ctx, openid)
  const union = await ctx.store.findOne<UnionDoc>(C.unions, { code: input.unionCode })
  if (!union) {
    await logRefusal(ctx, { openid, unionId: '', method: 'identity', reason: `学校代码 ${input.unionCode} 不存在` })
    throw new AppError('NOT_FOUND', '学校代码不正确，请向工会主席核对', { unionCode: '学校代码不正确' })
  }
  const member = await findByStaffNo(ctx, union._id, input.staffNo)
  const refuse = async (reason: string) =>
    logRefusal(ctx, { openid, unionId: union._id, memberId: member?._id, method: 'identity', reason })
  if (!member) {
    await refuse(`名册中没有工号 ${input.staffNo}`)
    throw new AppError('NOT_FOUND', '信息与名册不一致，请核对姓名、工号和手机后四位，或联系工会主席')
  }
  // Whoever runs the roster can read these details (admins see full phones): such an entry needs its code.
  if (runsRoster(member)) {
    await refuse('主席、管理员只能用邀请码绑定')
    throw new AppError('FORBIDDEN', '您要绑定的是工会主席或管理员，为安全起见只能用邀请码绑定，请向工会主席索取邀请码')
  }
  if (!(await takeCheck(ctx, member))) {
    await refuse('一小时内核对次数过多')
    throw new AppError(
      'RATE_LIMITED',
      '您要绑定的这位会员一小时内已被核对多次，为安全起见暂停用姓名和手机后四位绑定。请向工会主席或办公室索取邀请码，用邀请码绑定',
    )
  }
  if (member.name !== input.name || !member.phone.endsWith(input.phoneTail)) {
    await refuse('姓名或手机后四位与名册不一致')
    throw new AppError('NOT_FOUND', '信息与名册不一致，请核对姓名、工号和手机后四位，或联系工会主席')
  }
  return claim(ctx, openid, member, 'identity')
}

/**
 * 工号 are stored as the roster typed them (T1001), but teachers type them in any case (t1001): the entry is
 * looked up as typed, in capitals and in small letters, preferring the exact spelling if two entries differ
 * only by case. A mixed-case 工号 (Ab12) is found only as stored or in one case.
 */
async function findByStaffNo(ctx: Ctx, unionId: string, staffNo: string): Promise<MemberDoc | undefined> {
  const spellings = [...new Set([staffNo, staffNo.toUpperCase(), staffNo.toLowerCase()])]
  const found = await ctx.store.find<MemberDoc>(C.members, { unionId, staffNo: { $in: spellings } })
  return found.find((m) => m.staffNo === staffNo) ?? found[0]
}

async function claim(ctx: Ctx, openid: string, member: MemberDoc, method: 'code' | 'identity'): Promise<MyProfile> {
  if (member.status === 'left') {
    await logRefusal(ctx, { openid, unionId: member.unionId, memberId: member._id, method, reason: '该会员已调离' })
    throw new AppError('FORBIDDEN', '该会员已调离本校工会，无法绑定')
  }
  const at = nowIso(ctx)
  const claimed = await ctx.store.updateOne(
    C.members,
    { _id: member._id, openid: { $exists: false } },
    { $set: { openid, boundAt: at, updatedAt: at } },
  )
  if (!claimed) {
    await logRefusal(ctx, {
      openid,
      unionId: member.unionId,
      memberId: member._id,
      method,
      reason: '该会员已被另一个微信绑定',
    })
    throw new AppError('CONFLICT', '这位会员已经绑定了另一个微信。如果是您本人，请联系工会主席解除绑定')
  }
  await writeBinding(ctx, openid, member, at)
  const bound: MemberDoc = { ...member, openid, boundAt: at }
  const [union, group] = await Promise.all([
    loadUnion(ctx.store, member.unionId),
    ctx.store.findOne<GroupDoc>(C.groups, { _id: member.groupId, unionId: member.unionId }),
    giveBackTry(ctx, openid),
  ])
  return toMyProfile(bound, union, group)
}

/**
 * The binding document's _id is the openid: one WeChat identity, one roster entry. A stale binding (the chair
 * reset it) is replaced; a live one means this openid won a race for another entry, so our claim is undone.
 */
async function writeBinding(ctx: Ctx, openid: string, member: MemberDoc, at: string): Promise<void> {
  const doc: BindingDoc = { _id: openid, unionId: member.unionId, memberId: member._id, createdAt: at }
  try {
    await ctx.store.insert(C.bindings, doc)
    return
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
  const existing = await ctx.store.findOne<BindingDoc>(C.bindings, { _id: openid })
  const live = existing ? await ctx.store.findOne<MemberDoc>(C.members, { _id: existing.memberId, openid }) : null
  if (live && live._id !== member._id) {
    await ctx.store.updateOne(C.members, { _id: member._id, openid }, { $unset: { openid: true, boundAt: true } })
    throw new AppError('CONFLICT', '您的微信已经绑定了其他会员')
  }
  await ctx.store.updateOne(
    C.bindings,
    { _id: openid },
    { $set: { unionId: member.unionId, memberId: member._id, createdAt: at } },
  )
}

function requireOpenid(ctx: Ctx): string {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请先登录')
  return ctx.openid
}

/**
 * Takes one try of this WeChat identity for this hour, refusing when they are used up. Like the entry's
 * checks below, the count moves only by conditional updates: tries fired at once cannot pass the limit.
 */
async function refuseIfTooManyFailures(ctx: Ctx, openid: string): Promise<void> {
  const key = { _id: openid }
  if (await takeHourly(ctx, C.bindingLimits, key, MAX_FAILED_PER_HOUR)) return
  try {
    // This identity's first try: its counter starts here (a racing first try makes it, and we count on it).
    await ctx.store.insert(C.bindingLimits, { ...key, identityCheckHour: hourOf(ctx), identityChecks: 1 })
    return
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
  if (await takeHourly(ctx, C.bindingLimits, key, MAX_FAILED_PER_HOUR)) return
  throw new AppError('RATE_LIMITED', '尝试次数过多，请一小时后再试，或请工会主席发给您邀请码')
}

/**
 * Only failed tries should lead to the lockout, but a try is taken before we know (so racing tries cannot
 * pass the limit): a bind that succeeded gives its try back. Killed before this, the try stays spent (safe).
 */
async function giveBackTry(ctx: Ctx, openid: string): Promise<void> {
  await ctx.store.updateOne(
    C.bindingLimits,
    { _id: openid, identityCheckHour: hourOf(ctx), identityChecks: { $gt: 0 } },
    { $inc: { identityChecks: -1 } },
  )
}

/**
 * Takes one of the entry's checks for this hour, or resolves false when they are used up. The count lives on
 * the entry and only a conditional update moves it, so guesses racing from many WeChat ids cannot pass the
 * limit. A call killed after taking a check just spends it: the limit can only err on the safe side.
 */
function takeCheck(ctx: Ctx, member: MemberDoc): Promise<boolean> {
  return takeHourly(ctx, C.members, { _id: member._id, unionId: member.unionId }, MAX_CHECKS_PER_ENTRY_PER_HOUR)
}

const hourOf = (ctx: Ctx) => ctx.clock.now().toISOString().slice(0, 13)

/** One of `max` per clock hour on the document `key` (identityCheckHour / identityChecks), by conditional updates only. */
async function takeHourly(ctx: Ctx, collection: string, key: Filter, max: number): Promise<boolean> {
  const hour = hourOf(ctx)
  const counted = () =>
    ctx.store.updateOne(
      collection,
      { ...key, identityCheckHour: hour, identityChecks: { $lt: max } },
      { $inc: { identityChecks: 1 } },
    )
  if (await counted()) return true
  const opened = await ctx.store.updateOne(
    collection,
    { ...key, identityCheckHour: { $ne: hour } },
    { $set: { identityCheckHour: hour, identityChecks: 1 } },
  )
  // Not opened: another check opened this hour between our two updates, so count against it.
  return opened || counted()
}

type Refusal = Pick<BindingAttemptDoc, 'openid' | 'unionId' | 'method' | 'reason'> & { memberId?: string }

async function logRefusal(ctx: Ctx, attempt: Refusal): Promise<void> {
  const doc: BindingAttemptDoc = { _id: ctx.ids.newId(), at: nowIso(ctx), ...attempt }
  if (doc.memberId === undefined) delete doc.memberId
  await ctx.store.insert(C.bindingAttempts, doc)
}
