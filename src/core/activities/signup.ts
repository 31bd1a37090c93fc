import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { isManager, loadActivity, mayActFor } from './load'
import { signupId, type SignupDoc } from './model'
import { claimSignup } from './claim'
import { completeSignup, type Completion } from './complete'
import { leaveCaptainTeam } from './teams'
import { audienceRefusal, cancelRefusal, itemChoiceRefusal, phaseOf, signupWindowRefusal } from './rules'
import { waitPosition } from './seats'
import type { SignupOutcome } from './views'

interface Choice {
  activityId: string
  itemIds: string[]
  guests: number
}

export async function signUp(ctx: Ctx, input: Choice): Promise<SignupOutcome> {
  const caller = me(ctx)
  return enroll(ctx, caller, caller, input)
}

/** A 小组长 signs up a colleague of their 小组 (a retired teacher without a smartphone); the chair anyone. */
export async function signUpFor(ctx: Ctx, input: Choice & { memberId: string }): Promise<SignupOutcome> {
  const caller = me(ctx)
  const target = await loadTarget(ctx, caller, input.memberId)
  if (target.status === 'left') throw new AppError('CONFLICT', `${target.name}已调离本校工会，不能报名`)
  return enroll(ctx, caller, target, input)
}

async function loadTarget(ctx: Ctx, caller: MemberDoc, memberId: string): Promise<MemberDoc> {
  const target = await ctx.store.findOne<MemberDoc>(C.members, { _id: memberId, unionId: caller.unionId })
  // Someone outside the caller's 小组 reads as not found: a 小组长 learns nothing about other groups.
  if (!target || !mayActFor(caller, target)) throw new AppError('NOT_FOUND', '你的小组里没有这位会员')
  return target
}

/**
 * Every check first (nothing is written on a refusal), then the sign-up is written as `pending` under its
 * deterministic _id — a double tap fails there — and only then are seats taken, each by a conditional $inc.
 */
async function enroll(ctx: Ctx, by: MemberDoc, who: MemberDoc, input: Choice): Promise<SignupOutcome> {
  const a = await loadActivity(ctx, by.unionId, input.activityId)
  const now = ctx.clock.now()
  const self = by._id === who._id
  const whose = self ? '你' : who.name
  const refuse = (message: string, fields?: Record<string, string>): never => {
    throw new AppError('CONFLICT', message, fields)
  }
  const windowProblem = signupWindowRefusal(phaseOf(a, now))
  if (windowProblem) refuse(windowProblem)
  const audienceProblem = audienceRefusal(a.audience, who)
  if (audienceProblem) refuse(self ? audienceProblem : `${who.name}不在参加范围内：${audienceProblem}`)
  const itemIds = [...input.itemIds]
  const itemProblem = itemChoiceRefusal(a, itemIds, who.gender)
  if (itemProblem) throw new AppError('BAD_INPUT', itemProblem, { itemIds: itemProblem })
  if (input.guests > a.maxGuests) {
    const message = a.maxGuests === 0 ? '这个活动不能带家属' : `每人最多带${a.maxGuests}位家属`
    throw new AppError('BAD_INPUT', message, { guests: message })
  }
  for (const id of itemIds) {
    const item = a.items.find((i) => i.id === id)
    if (item && item.quota > 0 && (a.itemTaken[id] ?? 0) >= item.quota)
      refuse(`「${item.name}」名额已满，请选择其他项目`)
  }
  const teamId = a.team.mode === 'byGroup' ? who.groupId : undefined
  if (a.team.mode === 'captain')
    refuse(self ? '这个比赛自由组队：请组建队伍，或加入一支还有空位的队伍' : '自由组队的比赛请本人组建或加入队伍')
  if (teamId && (a.teamTaken[teamId] ?? 0) >= a.team.sizeMax)
    refuse(`${whose}所在小组的队伍已满（每队最多${a.team.sizeMax}人）`)

  const claimed = await claimSignup(
    ctx,
    a,
    by,
    who,
    { itemIds, guests: input.guests, ...(teamId ? { teamId } : {}) },
    now.toISOString(),
  )
  return outcomeOf(ctx, claimed, await completeSignup(ctx, a, claimed, by._id))
}

/** What the member is told once a sign-up change is complete. */
export async function outcomeOf(ctx: Ctx, s: SignupDoc, done: Completion): Promise<SignupOutcome> {
  if (done.refusal) throw new AppError('CONFLICT', done.refusal)
  switch (done.status) {
    case 'applied':
      return { status: 'applied', message: '已提交报名，等待工会审核' }
    case 'confirmed':
      return { status: 'confirmed', message: '报名成功' }
    case 'waitlisted': {
      const position = await waitPosition(ctx, s)
      return {
        status: 'waitlisted',
        position,
        message: `名额已满，已加入候补，排第${position}位。有人取消时按顺序自动递补并通知您`,
      }
    }
    case 'pending':
      return { status: 'pending', message: '报名正在处理，请稍候刷新' }
    default:
      return { status: done.status, message: '已取消报名' }
  }
}

/**
 * Cancels the caller's own sign-up, or a colleague's for a 小组长 / the chair. The sign-up is kept with
 * status, reason and time; a confirmed seat goes straight to the first in line.
 */
export async function cancelSignup(
  ctx: Ctx,
  input: { activityId: string; memberId?: string; reason: string },
): Promise<SignupOutcome> {
  const caller = me(ctx)
  const target =
    input.memberId && input.memberId !== caller._id ? await loadTarget(ctx, caller, input.memberId) : caller
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const s = await ctx.store.findOne<SignupDoc>(AC.signups, {
    _id: signupId(a._id, target._id),
    unionId: caller.unionId,
  })
  if (!s || s.status === 'cancelled' || s.status === 'rejected') throw new AppError('NOT_FOUND', '没有找到有效的报名')
  if (s.status === 'confirmed' && !isManager(caller)) {
    const problem = cancelRefusal(a, ctx.clock.now())
    if (problem) throw new AppError('CONFLICT', problem)
  }
  const reason = input.reason || (target._id === caller._id ? '本人取消' : `${caller.name}代为取消`)
  if (a.team.mode === 'captain' && s.status === 'confirmed') return leaveCaptainTeam(ctx, a, s, caller, reason)
  const at = nowIso(ctx)
  // Only a sign-up that may hold seats (or be about to) needs the second part: giving them back.
  const holds = s.status === 'confirmed' || s.status === 'pending'
  const cancelled: SignupDoc = { ...s, status: 'cancelled', ...(holds ? { followUpAt: at } : {}) }
  const done = await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, status: s.status, queueKey: s.queueKey },
    {
      $set: { status: 'cancelled', cancelledAt: at, cancelReason: reason, ...(holds ? { followUpAt: at } : {}) },
      $push: { history: [{ at, status: 'cancelled', by: caller._id, reason }] },
    },
  )
  if (!done) throw new AppError('CONFLICT', '报名状态刚刚变化，请刷新后再试')
  await completeSignup(ctx, a, cancelled, caller._id)
  return { status: 'cancelled', message: '已取消报名' }
}

/** The chair approves (seat taken now, or the waitlist when full) or declines an application. */
export async function reviewSignup(
  ctx: Ctx,
  input: { activityId: string; memberId: string; approve: boolean },
): Promise<SignupOutcome> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const s = await ctx.store.findOne<SignupDoc>(AC.signups, {
    _id: signupId(a._id, input.memberId),
    unionId: caller.unionId,
  })
  if (!s || s.status !== 'applied') throw new AppError('CONFLICT', '这条报名不在待审核状态')
  const at = nowIso(ctx)
  // The chair's decision is written first, with the mark; seats and the message follow (complete.ts).
  const decided: SignupDoc = input.approve ? { ...s, followUpAt: at } : { ...s, status: 'rejected', followUpAt: at }
  const recorded = await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, status: 'applied', queueKey: s.queueKey },
    input.approve
      ? { $set: { followUpAt: at } }
      : {
          $set: { status: 'rejected', cancelledAt: at, cancelReason: '审核未通过', followUpAt: at },
          $push: { history: [{ at, status: 'rejected', by: caller._id, reason: '审核未通过' }] },
        },
  )
  if (!recorded) throw new AppError('CONFLICT', '报名状态刚刚变化，请刷新后再试')
  const done = await completeSignup(ctx, a, decided, caller._id)
  if (!input.approve) return { status: 'rejected', message: '已标记为不通过' }
  if (done.refusal) throw new AppError('CONFLICT', done.refusal)
  if (done.status === 'waitlisted')
    return { status: 'waitlisted', position: await waitPosition(ctx, s), message: '名额已满，已转入候补' }
  return { status: done.status, message: done.status === 'confirmed' ? '已通过' : '报名状态刚刚变化，请刷新后再看' }
}
