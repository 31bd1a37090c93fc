import type { Ctx } from '../shared/context'
import { AppError } from '../shared/errors'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { findAll } from '../shared/paging'
import type { ActivityDoc, TeamDoc } from './model'

/** An activity of the caller's union; another union's id reads as "not found". */
export async function loadActivity(ctx: Pick<Ctx, 'store'>, unionId: string, activityId: string): Promise<ActivityDoc> {
  const a = await ctx.store.findOne<ActivityDoc>(AC.activities, { _id: activityId, unionId })
  if (!a) throw activityNotFound()
  return a
}

/** The one answer for an activity that does not exist or is another union's (nothing told about which). */
export const activityNotFound = () => new AppError('NOT_FOUND', '找不到这个活动，可能已被删除或链接不完整')

export const isManager = (m: Pick<MemberDoc, 'roles'>) => m.roles.includes('chair') || m.roles.includes('admin')

/** The chair and office act for anyone; a 小组长 for members of their own 小组. */
export function mayActFor(caller: MemberDoc, target: MemberDoc): boolean {
  if (caller._id === target._id) return true
  if (caller.unionId !== target.unionId) return false
  if (isManager(caller)) return true
  return caller.roles.includes('groupLeader') && caller.groupId === target.groupId
}

/** The active captain-formed teams of an activity (none for other kinds), oldest first. */
export async function captainTeams(ctx: Pick<Ctx, 'store'>, a: ActivityDoc): Promise<TeamDoc[]> {
  if (a.team.mode !== 'captain') return []
  return activeTeams(ctx, a.unionId, a._id)
}

/**
 * The active teams of an activity by its id, oldest first: read beside the activity itself when the page may
 * need them (bounded by the activity: one team per captain).
 */
export async function activeTeams(ctx: Pick<Ctx, 'store'>, unionId: string, activityId: string): Promise<TeamDoc[]> {
  const list = await findAll<TeamDoc>(ctx.store, AC.teams, { unionId, status: 'active', activityId })
  return list.sort((x, y) => x.createdAt.localeCompare(y.createdAt))
}
