import type { JobCtx } from '../shared/context'
import type { Filter } from '../shared/ports'
import { AC } from './collections'
import type { ActivityDoc, SignupDoc } from './model'
import { notifyMember } from './notify'
import { seatsOf } from './rules'
import { formatWhen } from './time'

type SeatCtx = Pick<JobCtx, 'store' | 'clock' | 'notifier'>

export type SeatOutcome = { kind: 'seated' } | { kind: 'full' } | { kind: 'refused'; message: string }

/**
 * Takes every seat a sign-up needs, each with a conditional $inc the database decides: item seats, the
 * team seat, then the activity seat. Whatever was taken is given back when a later one fails.
 */
export async function takeSeats(
  ctx: SeatCtx,
  a: ActivityDoc,
  s: Pick<SignupDoc, 'itemIds' | 'guests' | 'teamId'>,
): Promise<SeatOutcome> {
  const takenItems: string[] = []
  const giveBack = async () => {
    for (const id of takenItems)
      await ctx.store.updateOne(AC.activities, { _id: a._id }, { $inc: { [`itemTaken.${id}`]: -1 } })
  }
  for (const id of s.itemIds) {
    const item = a.items.find((i) => i.id === id)
    if (!item) continue
    const ok = await incIfBelow(ctx, a._id, `itemTaken.${id}`, item.quota, 1, a.itemTaken[id] === undefined)
    if (!ok) {
      await giveBack()
      return { kind: 'refused', message: `「${item.name}」名额已满，请选择其他项目` }
    }
    takenItems.push(id)
  }
  if (s.teamId) {
    const ok = await incIfBelow(
      ctx,
      a._id,
      `teamTaken.${s.teamId}`,
      a.team.sizeMax,
      1,
      a.teamTaken[s.teamId] === undefined,
    )
    if (!ok) {
      await giveBack()
      return { kind: 'refused', message: `你们小组的队伍已满（每队最多${a.team.sizeMax}人）` }
    }
  }
  const need = seatsOf(s)
  const ok = await incIfBelow(ctx, a._id, 'taken', a.quota, need, false)
  if (!ok) {
    await giveBack()
    if (s.teamId) await ctx.store.updateOne(AC.activities, { _id: a._id }, { $inc: { [`teamTaken.${s.teamId}`]: -1 } })
    return { kind: 'full' }
  }
  return { kind: 'seated' }
}

/**
 * `field += by` only while the result stays within `limit` (0 = unlimited, counted all the same). A counter
 * that does not exist yet (a 小组 added later) is created at 0 first, again conditionally.
 */
async function incIfBelow(
  ctx: SeatCtx,
  activityId: string,
  field: string,
  limit: number,
  by: number,
  mayBeMissing: boolean,
): Promise<boolean> {
  const filter: Filter = limit > 0 ? { _id: activityId, [field]: { $lte: limit - by } } : { _id: activityId }
  if (await ctx.store.updateOne(AC.activities, filter, { $inc: { [field]: by } })) return true
  if (!mayBeMissing) return false
  await ctx.store.updateOne(AC.activities, { _id: activityId, [field]: { $exists: false } }, { $set: { [field]: 0 } })
  return ctx.store.updateOne(AC.activities, filter, { $inc: { [field]: by } })
}

/** Gives back the item and team seats of a confirmed sign-up (those have no waitlist). */
export async function releaseSideSeats(ctx: SeatCtx, a: ActivityDoc, s: SignupDoc): Promise<void> {
  const inc: Record<string, number> = {}
  for (const id of s.itemIds) if (a.items.some((i) => i.id === id)) inc[`itemTaken.${id}`] = -1
  if (s.teamId) inc[`teamTaken.${s.teamId}`] = -1
  if (Object.keys(inc).length > 0) await ctx.store.updateOne(AC.activities, { _id: a._id }, { $inc: inc })
}

const firstWaiting = async (ctx: SeatCtx, a: ActivityDoc): Promise<SignupDoc | null> =>
  (
    await ctx.store.find<SignupDoc>(
      AC.signups,
      { unionId: a.unionId, activityId: a._id, status: 'waitlisted' },
      { sort: { queueKey: 1 }, limit: 1 },
    )
  )[0] ?? null

/** Moves one waitlisted sign-up to confirmed; only one of two racing promoters wins it. */
async function promote(ctx: SeatCtx, a: ActivityDoc, s: SignupDoc): Promise<boolean> {
  const at = ctx.clock.now().toISOString()
  const won = await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, status: 'waitlisted' },
    {
      $set: { status: 'confirmed', confirmedAt: at },
      $push: { history: [{ at, status: 'confirmed', by: 'system', reason: '候补转正' }] },
    },
  )
  if (won) {
    await notifyMember(
      ctx,
      a,
      s.memberId,
      `promoted:${s.queueKey}`,
      '候补成功，已为你保留名额',
      `「${a.title}」有人取消报名，你已从候补转为正式报名。时间：${formatWhen(a.startAt)}，地点：${a.place}。`,
    )
  }
  return won
}

/**
 * A confirmed seat was given up: hand it straight to the first in line (the counter does not move, so no
 * newcomer can slip in between), as long as their party fits; whatever is left over is released.
 */
export async function handOverSeats(ctx: SeatCtx, a: ActivityDoc, freed: number): Promise<void> {
  let left = freed
  for (let guard = 0; left > 0 && guard < 50; guard++) {
    const next = await firstWaiting(ctx, a)
    if (!next || seatsOf(next) > left) break
    if (await promote(ctx, a, next)) left -= seatsOf(next)
  }
  if (left > 0) await ctx.store.updateOne(AC.activities, { _id: a._id }, { $inc: { taken: -left } })
  await fillFromWaitlist(ctx, a)
}

/**
 * Seats that are free while people wait (a quota raised, a release racing a new waitlisting) go to the
 * first in line: take the seat, then promote; if that person left the line meanwhile, give the seat back.
 */
export async function fillFromWaitlist(ctx: SeatCtx, a: ActivityDoc): Promise<void> {
  for (let guard = 0; guard < 500; guard++) {
    const next = await firstWaiting(ctx, a)
    if (!next) return
    const need = seatsOf(next)
    const filter: Filter = a.quota > 0 ? { _id: a._id, taken: { $lte: a.quota - need } } : { _id: a._id }
    if (!(await ctx.store.updateOne(AC.activities, filter, { $inc: { taken: need } }))) return
    if (!(await promote(ctx, a, next)))
      await ctx.store.updateOne(AC.activities, { _id: a._id }, { $inc: { taken: -need } })
  }
}

/** 1-based place in line, by arrival. */
export async function waitPosition(
  ctx: Pick<SeatCtx, 'store'>,
  s: Pick<SignupDoc, 'unionId' | 'activityId' | 'queueKey'>,
): Promise<number> {
  const ahead = await ctx.store.count(AC.signups, {
    unionId: s.unionId,
    activityId: s.activityId,
    status: 'waitlisted',
    queueKey: { $lt: s.queueKey },
  })
  return ahead + 1
}
