import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import type { MemberDoc } from '../members/model'
import { claimSignup } from './claim'
import { AC } from './collections'
import { isManager, loadActivity } from './load'
import { ACTIVE_STATUSES, signupId, teamId, type ActivityDoc, type SignupDoc, type TeamDoc } from './model'
import { completeSignup } from './complete'
import { audienceRefusal, phaseOf, signupWindowRefusal, teamPlaceRefusal } from './rules'
import { activityDetail } from './read'
import type { ActivityDetail, SignupOutcome, SignupResult } from './views'

/**
 * Captain-formed teams: a teacher forms a team and becomes its captain; colleagues join a team with room
 * until sign-up closes. A member's sign-up (deterministic _id) names their team, so nobody is in two teams;
 * the team's size and the activity's team count move only by conditional $inc.
 */

const refuse = (message: string, fields?: Record<string, string>): never => {
  throw new AppError('CONFLICT', message, fields)
}

/** Window, audience, and "not in a team yet" (`s`: the member's sign-up, read with the activity). */
function checkJoinable(ctx: Ctx, a: ActivityDoc, who: MemberDoc, s: SignupDoc | null): void {
  if (a.team.mode !== 'captain') refuse('这个活动不是自由组队的比赛')
  const windowProblem = signupWindowRefusal(phaseOf(a, ctx.clock.now()))
  if (windowProblem) refuse(windowProblem)
  const audienceProblem = audienceRefusal(a.audience, who)
  if (audienceProblem) refuse(audienceProblem)
  if (s && ACTIVE_STATUSES.includes(s.status)) refuse('您已经在一支队伍里了，每人只能参加一支队伍')
}

const mySignup = (ctx: Ctx, caller: MemberDoc, activityId: string) =>
  ctx.store.findOne<SignupDoc>(AC.signups, { _id: signupId(activityId, caller._id), unionId: caller.unionId })

export async function createTeam(ctx: Ctx, input: { activityId: string; name: string }): Promise<ActivityDetail> {
  const caller = me(ctx)
  const [a, s, sameName] = await Promise.all([
    loadActivity(ctx, caller.unionId, input.activityId),
    mySignup(ctx, caller, input.activityId),
    // Same-name teams are only confusing, not harmful: a read check is enough here.
    ctx.store.findOne<TeamDoc>(AC.teams, {
      unionId: caller.unionId,
      name: input.name,
      status: 'active',
      activityId: input.activityId,
    }),
  ])
  checkJoinable(ctx, a, caller, s)
  if (a.quota > 0 && a.taken >= a.quota) refuse(`队伍数已满（最多${a.quota}支队伍），可以加入已有的队伍`)
  const placeProblem = teamPlaceRefusal({ size: 0, men: 0 }, a.team, caller.gender)
  if (placeProblem) refuse(placeProblem)
  if (sameName) throw new AppError('BAD_INPUT', '已有同名的队伍，请换个名字', { name: '已有同名的队伍' })
  const unfit = await ctx.contentCheck.check(input.name, ctx.openid ?? '')
  if (unfit) throw new AppError('BAD_INPUT', unfit, { name: unfit })

  const id = teamId(a._id, caller._id)
  const claimed = await claimSignup(
    ctx,
    a,
    caller,
    caller,
    { itemIds: [], guests: 0, teamId: id, teamName: input.name },
    nowIso(ctx),
  )
  const done = await completeSignup(ctx, a, claimed, caller._id)
  if (done.refusal === '队伍数已满') refuse(`队伍数已满（最多${a.quota}支队伍），可以加入已有的队伍`)
  if (done.refusal) refuse(done.refusal)
  return activityDetail(ctx, a._id)
}

export async function joinTeam(ctx: Ctx, input: { activityId: string; teamId: string }): Promise<SignupResult> {
  const caller = me(ctx)
  const [a, s, team] = await Promise.all([
    loadActivity(ctx, caller.unionId, input.activityId),
    mySignup(ctx, caller, input.activityId),
    ctx.store.findOne<TeamDoc>(AC.teams, {
      _id: input.teamId,
      unionId: caller.unionId,
      activityId: input.activityId,
      status: 'active',
    }),
  ])
  checkJoinable(ctx, a, caller, s)
  if (!team) throw new AppError('NOT_FOUND', '找不到这支队伍，可能已经解散了')
  const placeProblem = teamPlaceRefusal(team, a.team, caller.gender)
  if (placeProblem) refuse(placeProblem)

  const claimed = await claimSignup(ctx, a, caller, caller, { itemIds: [], guests: 0, teamId: team._id }, nowIso(ctx))
  const done = await completeSignup(ctx, a, claimed, caller._id)
  if (done.refusal) refuse(`${done.refusal}，请选择其他队伍`)
  if (done.status !== 'confirmed') refuse('报名状态刚刚变化，请刷新后再看')
  return { status: 'confirmed', message: `已加入「${team.name}」`, activity: await activityDetail(ctx, a._id) }
}

/** The captain (or the chair) takes a member off the team before the activity starts; they are told. */
export async function removeFromTeam(ctx: Ctx, input: { activityId: string; memberId: string }): Promise<SignupResult> {
  const caller = me(ctx)
  const [a, s, who] = await Promise.all([
    loadActivity(ctx, caller.unionId, input.activityId),
    ctx.store.findOne<SignupDoc>(AC.signups, {
      _id: signupId(input.activityId, input.memberId),
      unionId: caller.unionId,
    }),
    ctx.store.findOne<MemberDoc>(C.members, { _id: input.memberId, unionId: caller.unionId }),
  ])
  if (a.team.mode !== 'captain') refuse('这个活动不是自由组队的比赛')
  const team = s?.teamId
    ? await ctx.store.findOne<TeamDoc>(AC.teams, { _id: s.teamId, unionId: a.unionId, status: 'active' })
    : null
  if (!s || s.status !== 'confirmed' || !team) throw new AppError('NOT_FOUND', '这位同事不在任何队伍里')
  if (team.captainId !== caller._id && !isManager(caller)) refuse('只有队长或工会主席可以移出队员')
  if (s.memberId === team.captainId) refuse('队长不能移出自己；如要退出，请取消报名')
  if (ctx.clock.now().toISOString() >= a.startAt) refuse('活动已经开始，不能再调整队伍')
  const reason = team.captainId === caller._id ? '队长移出队伍' : `${caller.name}移出队伍`
  if (!who) throw new AppError('NOT_FOUND', '找不到这位会员')
  await leaveTeam(ctx, a, s, caller._id, reason, 'removed')
  return { status: 'cancelled', message: `已将${who.name}移出队伍`, activity: await activityDetail(ctx, a._id) }
}

/**
 * Cancels a captain-formed team sign-up: the place goes back to the team. A captain leaves only an empty
 * team, which is then disbanded (kept) and its team count returned.
 */
export async function leaveCaptainTeam(
  ctx: Ctx,
  a: ActivityDoc,
  s: SignupDoc,
  by: MemberDoc,
  reason: string,
): Promise<SignupOutcome> {
  const team = s.teamId ? await ctx.store.findOne<TeamDoc>(AC.teams, { _id: s.teamId, unionId: a.unionId }) : null
  if (!team || team.status !== 'active') throw new AppError('CONFLICT', '队伍状态刚刚变化，请刷新后再试')
  if (team.captainId !== s.memberId) {
    await leaveTeam(ctx, a, s, by._id, reason)
    return { status: 'cancelled', message: '已退出队伍' }
  }
  if (team.size > 1) refuse(`您是队长，队里还有${team.size - 1}名队员。请先移出队员，再取消报名`)
  // The captain's sign-up is marked first: once the team is disbanded, the rest follows (complete.ts).
  const at = nowIso(ctx)
  const marked = await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, status: 'confirmed', queueKey: s.queueKey },
    { $set: { followUpAt: at } },
  )
  if (!marked) throw new AppError('CONFLICT', '报名状态刚刚变化，请刷新后再试')
  const disbanded = await ctx.store.updateOne(
    AC.teams,
    { _id: team._id, status: 'active', size: 1 },
    { $set: { status: 'disbanded', size: 0, men: 0, women: 0, places: {}, updatedAt: at } },
  )
  if (!disbanded) {
    await ctx.store.updateOne(AC.signups, { _id: s._id, queueKey: s.queueKey }, { $unset: { followUpAt: true } })
    refuse('刚刚有同事加入了您的队伍，请先移出队员，再取消报名')
  }
  await completeSignup(ctx, a, { ...s, followUpAt: at }, by._id)
  return { status: 'cancelled', message: '已取消报名，队伍已解散' }
}

/** A member leaves (or is taken off) a captain's team: the sign-up is cancelled, then the place given back. */
async function leaveTeam(
  ctx: Ctx,
  a: ActivityDoc,
  s: SignupDoc,
  by: string,
  reason: string,
  notice?: 'removed',
): Promise<void> {
  const at = nowIso(ctx)
  const marks = { followUpAt: at, ...(notice ? { notifyPending: notice } : {}) }
  const done = await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, status: 'confirmed', queueKey: s.queueKey },
    {
      $set: { status: 'cancelled', cancelledAt: at, cancelReason: reason, ...marks },
      $push: { history: [{ at, status: 'cancelled', by, reason }] },
    },
  )
  if (!done) throw new AppError('CONFLICT', '报名状态刚刚变化，请刷新后再试')
  await completeSignup(ctx, a, { ...s, status: 'cancelled', ...marks }, by)
}
