import type { JobCtx } from '../shared/context'
import type { Filter } from '../shared/ports'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { ofActivity, type ActivityDoc, type SeatHold, type SignupDoc, type TeamDoc } from './model'
import { seatsOf, teamPlaceRefusal } from './rules'

type SeatCtx = Pick<JobCtx, 'store'>

export type HoldOutcome = { kind: 'held' } | { kind: 'full' } | { kind: 'refused'; message: string }

/**
 * The seat ledger (ActivityDoc.seats): a sign-up's seats — its people, its items, its 小组's team place —
 * are taken in ONE conditional update that also records who holds them, and given back the same way. So a
 * seat is never taken twice for one sign-up (the entry exists), never left taken by a sign-up that no longer
 * wants it without the ledger saying whose it is, and the counters are the ledger's sum at every instant.
 */
export function holdOf(a: ActivityDoc, s: Pick<SignupDoc, 'queueKey' | 'itemIds' | 'guests' | 'teamId'>): SeatHold {
  const hold: SeatHold = {
    q: s.queueKey,
    n: a.team.mode === 'captain' ? 1 : seatsOf(s),
    items: s.itemIds.filter((id) => a.items.some((i) => i.id === id)),
  }
  // Captain-formed teams hold their places on the team (holdTeamPlace); the activity counts teams.
  if (s.teamId && a.team.mode === 'byGroup') hold.team = s.teamId
  return hold
}

/**
 * The activity as taking (sign 1) or giving back (sign -1) `hold` leaves it, computed in memory: a change that
 * just made that update shows the page its result without reading the activity again.
 */
export function withHold(a: ActivityDoc, memberId: string, hold: SeatHold, sign: 1 | -1): ActivityDoc {
  const itemTaken = { ...a.itemTaken }
  for (const id of hold.items) itemTaken[id] = (itemTaken[id] ?? 0) + sign
  const teamTaken = { ...a.teamTaken }
  if (hold.team) teamTaken[hold.team] = (teamTaken[hold.team] ?? 0) + sign
  const seats = { ...(a.seats ?? {}) }
  if (sign === 1) seats[memberId] = hold
  else delete seats[memberId]
  return { ...a, taken: a.taken + sign * hold.n, itemTaken, teamTaken, seats }
}

/** Whether two holds take exactly the same seats (handing one's to the other frees and takes nothing). */
export function sameSeats(x: SeatHold, y: SeatHold): boolean {
  return x.n === y.n && x.team === y.team && [...x.items].sort().join() === [...y.items].sort().join()
}

function counterChange(hold: SeatHold, sign: 1 | -1): Record<string, number> {
  const inc: Record<string, number> = { taken: sign * hold.n }
  for (const id of hold.items) inc[`itemTaken.${id}`] = sign
  if (hold.team) inc[`teamTaken.${hold.team}`] = sign
  return inc
}

const seatPath = (memberId: string) => `seats.${memberId}`

const reread = (ctx: SeatCtx, a: ActivityDoc) => ctx.store.findOne<ActivityDoc>(AC.activities, { _id: a._id })

/** What the sign-up `q` of this member holds: from the activity in hand, else as stored now; null if nothing. */
async function holdFor(ctx: SeatCtx, a: ActivityDoc, memberId: string, q: string): Promise<SeatHold | null> {
  const inHand = a.seats?.[memberId]
  const hold = inHand?.q === q ? inHand : (await reread(ctx, a))?.seats?.[memberId]
  return hold?.q === q ? hold : null
}

/** A counter that does not exist yet (a 小组 added after the activity) starts at 0, conditionally. */
async function ensureTeamCounter(ctx: SeatCtx, a: ActivityDoc, hold: SeatHold): Promise<void> {
  if (hold.team && a.teamTaken[hold.team] === undefined)
    await ctx.store.updateOne(
      AC.activities,
      { _id: a._id, [`teamTaken.${hold.team}`]: { $exists: false } },
      { $set: { [`teamTaken.${hold.team}`]: 0 } },
    )
}

/** Room conditions for taking `hold` on top of what is held now, less what `freed` gives back at once. */
function roomFor(a: ActivityDoc, hold: SeatHold, freed?: SeatHold): Filter {
  const room: Filter = {}
  const more = hold.n - (freed?.n ?? 0)
  if (a.quota > 0 && more > 0) room.taken = { $lte: a.quota - more }
  for (const id of hold.items) {
    const quota = a.items.find((i) => i.id === id)?.quota ?? 0
    if (quota > 0 && !freed?.items.includes(id)) room[`itemTaken.${id}`] = { $lte: quota - 1 }
  }
  if (hold.team && hold.team !== freed?.team) room[`teamTaken.${hold.team}`] = { $lte: a.team.sizeMax - 1 }
  return room
}

/** Takes every seat the sign-up needs, all or none; a second call for the same sign-up finds them held. */
export async function holdSeats(
  ctx: SeatCtx,
  a: ActivityDoc,
  s: Pick<SignupDoc, 'memberId' | 'queueKey' | 'itemIds' | 'guests' | 'teamId'>,
  retry = true,
): Promise<HoldOutcome> {
  const hold = holdOf(a, s)
  await ensureTeamCounter(ctx, a, hold)
  const filter: Filter = {
    _id: a._id,
    status: 'active',
    [seatPath(s.memberId)]: { $exists: false },
    ...roomFor(a, hold),
  }
  const update = { $inc: counterChange(hold, 1), $set: { [seatPath(s.memberId)]: hold } }
  if (await ctx.store.updateOne(AC.activities, filter, update)) return { kind: 'held' }

  // Refused: the activity as it is now says why.
  const now = await reread(ctx, a)
  if (!now || now.status !== 'active') return { kind: 'refused', message: '这个活动已取消' }
  const held = now.seats?.[s.memberId]
  if (held?.q === s.queueKey) return { kind: 'held' }
  if (held && retry) {
    // An earlier sign-up of this member whose cancellation was cut short: finish giving its seats back.
    await releaseSeats(ctx, now, s.memberId, held.q)
    return holdSeats(ctx, now, s, false)
  }
  for (const id of hold.items) {
    const item = now.items.find((i) => i.id === id)
    if (item && item.quota > 0 && (now.itemTaken[id] ?? 0) >= item.quota)
      return { kind: 'refused', message: `「${item.name}」名额已满，请选择其他项目` }
  }
  if (hold.team && (now.teamTaken[hold.team] ?? 0) >= now.team.sizeMax)
    return { kind: 'refused', message: `您所在小组的队伍已满（每队最多${now.team.sizeMax}人）` }
  return { kind: 'full' }
}

/**
 * Gives back what the sign-up with arrival key `q` holds; nothing when it holds nothing (already given
 * back, or never held). Resolves whether seats were freed.
 */
export async function releaseSeats(ctx: SeatCtx, a: ActivityDoc, memberId: string, q: string): Promise<boolean> {
  const hold = await holdFor(ctx, a, memberId, q)
  if (!hold) return false
  return ctx.store.updateOne(
    AC.activities,
    { _id: a._id, [`${seatPath(memberId)}.q`]: q },
    { $inc: counterChange(hold, -1), $unset: { [seatPath(memberId)]: true } },
  )
}

/**
 * Hands the seats of a sign-up that gave them up (`from`, arrival key `q`) straight to a waiting one, in one
 * update: the seats are never free in between, so no newcomer can slip ahead of the line. Resolves false
 * (nothing changed) when the waiting one does not fit or the seats are no longer `from`'s.
 */
export async function handSeats(
  ctx: SeatCtx,
  a: ActivityDoc,
  from: { memberId: string; q: string },
  to: Pick<SignupDoc, 'memberId' | 'queueKey' | 'itemIds' | 'guests' | 'teamId'>,
): Promise<boolean> {
  const freed = await holdFor(ctx, a, from.memberId, from.q)
  if (!freed) return false
  const hold = holdOf(a, to)
  await ensureTeamCounter(ctx, a, hold)
  const inc = counterChange(freed, -1)
  for (const [path, by] of Object.entries(counterChange(hold, 1))) inc[path] = (inc[path] ?? 0) + by
  for (const path of Object.keys(inc)) if (inc[path] === 0) delete inc[path]
  return ctx.store.updateOne(
    AC.activities,
    {
      _id: a._id,
      status: 'active',
      [`${seatPath(from.memberId)}.q`]: from.q,
      [seatPath(to.memberId)]: { $exists: false },
      ...roomFor(a, hold, freed),
    },
    {
      $unset: { [seatPath(from.memberId)]: true },
      $set: { [seatPath(to.memberId)]: hold },
      ...(Object.keys(inc).length ? { $inc: inc } : {}),
    },
  )
}

const placePath = (memberId: string) => `places.${memberId}`

/**
 * A place on a captain-formed team, recorded with the team's size and the women rule in one update: the
 * database decides the last place, and a retry finds its place already held.
 */
export async function holdTeamPlace(
  ctx: SeatCtx,
  a: ActivityDoc,
  teamId: string,
  who: Pick<MemberDoc, '_id' | 'gender'>,
  q: string,
): Promise<HoldOutcome> {
  const filter: Filter = {
    _id: teamId,
    status: 'active',
    size: { $lt: a.team.sizeMax },
    [placePath(who._id)]: { $exists: false },
  }
  if (who.gender === 'M') filter.men = { $lt: a.team.sizeMax - a.team.minWomen }
  const joined = await ctx.store.updateOne(AC.teams, filter, {
    $inc: { size: 1, [who.gender === 'M' ? 'men' : 'women']: 1 },
    $set: { [placePath(who._id)]: { q, gender: who.gender } },
  })
  if (joined) return { kind: 'held' }
  const team = await ctx.store.findOne<TeamDoc>(AC.teams, { _id: teamId })
  if (team?.places?.[who._id]?.q === q) return { kind: 'held' }
  if (!team || team.status !== 'active') return { kind: 'refused', message: '这支队伍已经解散了' }
  return { kind: 'refused', message: teamPlaceRefusal(team, a.team, who.gender) ?? '这支队伍刚刚满员了' }
}

/** Gives a captain-formed team's place back, if the sign-up `q` holds it. */
export async function releaseTeamPlace(ctx: SeatCtx, teamId: string, memberId: string, q: string): Promise<void> {
  const team = await ctx.store.findOne<TeamDoc>(AC.teams, { _id: teamId })
  const place = team?.places?.[memberId]
  if (!place || place.q !== q) return
  await ctx.store.updateOne(
    AC.teams,
    { _id: teamId, [`${placePath(memberId)}.q`]: q },
    { $inc: { size: -1, [place.gender === 'M' ? 'men' : 'women']: -1 }, $unset: { [placePath(memberId)]: true } },
  )
}

/**
 * Whether the activity is still as full as `a` was read (same quota, active) and holds no seat for this member:
 * one count, nothing copied. Asked once a sign-up has joined the line, still marked; anything else — a seat
 * given back meanwhile, the quota or the status changed, or a seat already handed to this member by a
 * promotion that relies on its mark — means the line must be run before the mark goes.
 */
export async function stillFull(ctx: SeatCtx, a: ActivityDoc, memberId: string): Promise<boolean> {
  if (a.quota === 0) return false
  const full = await ctx.store.count(AC.activities, {
    _id: a._id,
    status: 'active',
    quota: a.quota,
    taken: { $gte: a.quota },
    [seatPath(memberId)]: { $exists: false },
  })
  return full > 0
}

/**
 * 1-based place in line, by arrival: the waiting sign-ups of this activity with an earlier queue key, counted
 * through the index (never the whole line read, never another activity's). The member's own sign-up is not
 * among them, so the answer does not depend on whether its own write has landed yet.
 */
export async function waitPosition(
  ctx: SeatCtx,
  s: Pick<SignupDoc, 'unionId' | 'activityId' | 'queueKey'>,
): Promise<number> {
  const ahead = await ctx.store.count(
    AC.signups,
    ofActivity({ _id: s.activityId, unionId: s.unionId }, { status: 'waitlisted', queueKey: { $lt: s.queueKey } }),
  )
  return ahead + 1
}

/**
 * Where a sign-up that has this moment joined the line stands: its place (as waitPosition) and how many wait
 * in all, itself included. Those behind it are the few who joined since, and are counted as such: the
 * equalities are written as `$eq`, which the local store (nedb) leaves to its matcher, so it serves that
 * count from the arrival-key index (the sign-ups made since this one) instead of scanning the activity's
 * sign-ups a second time. CloudBase serves both counts from the compound index either way. Not for a
 * sign-up that joined long ago: every sign-up made since, of any activity, would be looked at.
 */
export async function placeOnJoining(
  ctx: SeatCtx,
  s: Pick<SignupDoc, 'unionId' | 'activityId' | 'queueKey'>,
): Promise<{ position: number; waiting: number }> {
  const [position, behind] = await Promise.all([
    waitPosition(ctx, s),
    ctx.store.count(AC.signups, {
      unionId: { $eq: s.unionId },
      activityId: { $eq: s.activityId },
      status: { $eq: 'waitlisted' },
      queueKey: { $gt: s.queueKey },
    }),
  ])
  return { position, waiting: position + behind }
}
