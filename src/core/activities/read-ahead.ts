import type { Ctx } from '../shared/context'
import { readShared } from '../shared/read-ahead'
import { AC } from './collections'
import { activityNotFound } from './load'
import type { ActivityDoc, SignupDoc } from './model'

/**
 * 报名 and 取消 start their first reads from the input alone, beside the dispatcher's lookup of the caller
 * (src/core/shared/read-ahead.ts), and the use cases ask for the same reads here: one key and one loader
 * each, so the two meet. No caller is known when they start, so they read by the activity's id only; the
 * use case checks the union of what comes back before using it (another union's activity is not found).
 */
type AheadCtx = Pick<Ctx, 'store' | 'ahead'>

/** The activity by its id alone: unchecked, for `unionActivity` below. */
function activityById(ctx: AheadCtx, activityId: string): Promise<ActivityDoc | null> {
  return readShared(ctx, `activity:${activityId}`, () =>
    ctx.store.findOne<ActivityDoc>(AC.activities, { _id: activityId }),
  )
}

/** The first in line by the activity's id alone (a global index: no union known yet). */
function firstWaitingById(ctx: AheadCtx, activityId: string): Promise<SignupDoc | undefined> {
  return readShared(
    ctx,
    `firstWaiting:${activityId}`,
    async () =>
      (
        await ctx.store.find<SignupDoc>(
          AC.signups,
          { activityId, status: 'waitlisted' },
          { sort: { queueKey: 1 }, limit: 1 },
        )
      )[0],
  )
}

/** What the dispatcher starts for 报名: the activity. */
export function signUpAhead(ctx: AheadCtx, input: { activityId: string }): void {
  void activityById(ctx, input.activityId)
}

/** What the dispatcher starts for 取消: the activity and the first in line (who may get the seat). */
export function cancelAhead(ctx: AheadCtx, input: { activityId: string }): void {
  void activityById(ctx, input.activityId)
  void firstWaitingById(ctx, input.activityId)
}

/** loadActivity through the read-ahead: an activity of `unionId`, another union's reading as not found. */
export async function unionActivity(ctx: AheadCtx, unionId: string, activityId: string): Promise<ActivityDoc> {
  const a = await activityById(ctx, activityId)
  if (!a || a.unionId !== unionId) throw activityNotFound()
  return a
}

/**
 * firstWaiting (complete.ts) through the read-ahead: the first in line if they are of `unionId` (an activity's
 * sign-ups all carry its union, so this is the activity's check as well, made on what was read).
 */
export async function firstInLine(ctx: AheadCtx, unionId: string, activityId: string): Promise<SignupDoc | undefined> {
  const next = await firstWaitingById(ctx, activityId)
  return next?.unionId === unionId ? next : undefined
}
