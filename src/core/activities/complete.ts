import type { JobCtx } from '../shared/context'
import { DuplicateKeyError, type Update } from '../shared/ports'
import type { FollowUp } from '../shared/follow-up'
import { C } from '../shared/collections'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import {
  ofActivity,
  teamId as captainTeamId,
  type ActivityDoc,
  type SignupDoc,
  type SignupStatus,
  type TeamDoc,
} from './model'
import { notifyMember } from './notify'
import {
  handSeats,
  holdSeats,
  holdTeamPlace,
  releaseSeats,
  releaseTeamPlace,
  stillFull,
  type HoldOutcome,
} from './seats'
import { formatWhen } from '../shared/shanghai-time'

type CompleteCtx = Pick<JobCtx, 'store' | 'clock' | 'notifier'>

/** Where a sign-up ended, and why when it was refused a seat. */
export interface Completion {
  status: SignupStatus
  refusal?: string
}

/**
 * Every change of a sign-up is two parts. The use case writes the member's decision in one update of the
 * sign-up that also sets `followUpAt` (src/core/shared/follow-up.ts): 报名 writes `pending`, 取消 writes
 * `cancelled`, the chair's 通过 marks the application, a promotion marks the first in line. Then this
 * function does the rest — seats held or given back through the ledger (seats.ts), the message owed, the
 * final status — and removes the mark in its last update. Each step is safe to run again, so the very same
 * function finishes a change that was cut short: the member's retry, or the follow-ups job, calls it.
 */
export async function completeSignup(
  ctx: CompleteCtx,
  a: ActivityDoc,
  s: SignupDoc,
  by: string,
  /** A new sign-up whose seats the caller already tried to take: how that went (the try is not repeated). */
  tried?: HoldOutcome,
): Promise<Completion> {
  if (!s.followUpAt) return { status: s.status }
  const step = new Steps(ctx, a, s, by)
  switch (s.status) {
    case 'pending':
      return step.settle(tried)
    case 'applied':
      return step.approve()
    case 'waitlisted':
      // Waitlisted with a mark: it joined the line, or was being promoted, when cut short.
      await fillFromWaitlist(ctx, a)
      return step.finish()
    case 'confirmed':
      return step.leaveOwnTeam()
    case 'cancelled':
    case 'rejected':
      return step.giveBack()
  }
}

class Steps {
  private readonly at: string
  constructor(
    private readonly ctx: CompleteCtx,
    private readonly a: ActivityDoc,
    private readonly s: SignupDoc,
    private readonly by: string,
  ) {
    this.at = ctx.clock.now().toISOString()
  }

  /** A new sign-up: to the chair's review, a seat, the waitlist, or refused. */
  async settle(tried?: HoldOutcome): Promise<Completion> {
    const { a, s } = this
    if (a.needsApproval && a.team.mode !== 'captain') return this.move('applied', {}, true)
    if (a.team.mode === 'captain') return s.teamId === captainTeamId(a._id, s.memberId) ? this.formTeam() : this.join()
    const outcome = tried ?? (await holdSeats(this.ctx, a, s))
    if (outcome.kind === 'held') return this.move('confirmed', { confirmedAt: this.at }, true)
    if (outcome.kind === 'refused') return this.refuse(outcome.message)
    const waiting = await this.move('waitlisted', {}, false)
    if (waiting.status !== 'waitlisted') return waiting
    return this.inLine()
  }

  /** The chair approved an application: a seat, or the waitlist when full. */
  async approve(): Promise<Completion> {
    const outcome = await holdSeats(this.ctx, this.a, this.s)
    if (outcome.kind === 'refused') {
      await this.unmark()
      return { status: 'applied', refusal: outcome.message }
    }
    if (outcome.kind === 'full') {
      const waiting = await this.move('waitlisted', {}, false, '审核通过，名额已满转候补')
      if (waiting.status !== 'waitlisted') return waiting
      return this.inLine()
    }
    await this.tell('approved')
    return this.move('confirmed', { confirmedAt: this.at }, true, '审核通过')
  }

  /**
   * Now in line, still marked. A seat may have been given back while this one queued: the first in line
   * (perhaps this one) gets it. Still full — the usual answer, one count — leaves the line as it is; anything
   * else, a seat handed to this one by a promotion relying on its mark included, runs the line as before.
   */
  private async inLine(): Promise<Completion> {
    if (!(await stillFull(this.ctx, this.a, this.s.memberId))) await fillFromWaitlist(this.ctx, this.a)
    return this.finish()
  }

  /** A captain forms a team: a team place on the activity, then the team with the captain in it. */
  private async formTeam(): Promise<Completion> {
    const { ctx, a, s } = this
    const slot = await holdSeats(ctx, a, s)
    if (slot.kind !== 'held') return this.refuse(slot.kind === 'full' ? '队伍数已满' : slot.message)
    const formed = await this.ensureTeam()
    if (!formed) {
      await releaseSeats(ctx, a, s.memberId, s.queueKey)
      return this.refuse('您的队伍已经存在，请刷新后再看')
    }
    return this.move('confirmed', { confirmedAt: this.at }, true)
  }

  private async ensureTeam(): Promise<boolean> {
    const { ctx, a, s } = this
    const captain = await ctx.store.findOne<MemberDoc>(C.members, { _id: s.memberId, unionId: a.unionId })
    const gender = captain?.gender ?? 'F'
    const id = captainTeamId(a._id, s.memberId)
    const counts = { size: 1, men: gender === 'M' ? 1 : 0, women: gender === 'F' ? 1 : 0 }
    const places = { [s.memberId]: { q: s.queueKey, gender } }
    const name = typeof s.teamName === 'string' ? s.teamName : '我的队伍'
    const team: TeamDoc = {
      _id: id,
      unionId: a.unionId,
      activityId: a._id,
      name,
      captainId: s.memberId,
      ...counts,
      places,
      status: 'active',
      createdAt: this.at,
      updatedAt: this.at,
    }
    try {
      await ctx.store.insert(AC.teams, team)
      return true
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
    }
    // The captain disbanded a team here before: it comes back under the new name, its history intact.
    const revived = await ctx.store.updateOne(
      AC.teams,
      { _id: id, status: 'disbanded' },
      { $set: { name, ...counts, places, status: 'active', updatedAt: this.at } },
    )
    if (revived) return true
    const existing = await ctx.store.findOne<TeamDoc>(AC.teams, { _id: id })
    return existing?.status === 'active' && existing.places?.[s.memberId]?.q === s.queueKey
  }

  /** A colleague joins a captain's team; the captain is told. */
  private async join(): Promise<Completion> {
    const { ctx, a, s } = this
    const who = await ctx.store.findOne<MemberDoc>(C.members, { _id: s.memberId, unionId: a.unionId })
    const team = s.teamId ? await ctx.store.findOne<TeamDoc>(AC.teams, { _id: s.teamId }) : null
    if (!who || !team) return this.refuse('这支队伍已经解散了')
    const outcome: HoldOutcome = await holdTeamPlace(ctx, a, team._id, who, s.queueKey)
    if (outcome.kind !== 'held') return this.refuse(outcome.kind === 'full' ? '这支队伍刚刚满员了' : outcome.message)
    await notifyMember(
      ctx,
      a,
      team.captainId,
      `joined:${s.queueKey}`,
      '有同事加入了您的队伍',
      `${who.name}加入了您在「${a.title}」的队伍「${team.name}」。`,
    )
    return this.move('confirmed', { confirmedAt: this.at }, true)
  }

  /** A captain leaving an empty team: the team was disbanded first; now the sign-up and its team place. */
  async leaveOwnTeam(): Promise<Completion> {
    const { ctx, a, s } = this
    const own = a.team.mode === 'captain' && s.teamId === captainTeamId(a._id, s.memberId)
    const team = own ? await ctx.store.findOne<TeamDoc>(AC.teams, { _id: captainTeamId(a._id, s.memberId) }) : null
    if (!team || team.status !== 'disbanded') return this.finish()
    const left = await this.move('cancelled', { cancelledAt: this.at, cancelReason: '队长退出，队伍解散' }, false)
    if (left.status !== 'cancelled') return left
    return this.giveBack()
  }

  /** A cancelled or rejected sign-up gives back what it holds; a freed seat goes to the first in line. */
  async giveBack(): Promise<Completion> {
    const { ctx, a, s } = this
    const ownTeam = captainTeamId(a._id, s.memberId)
    if (a.team.mode === 'captain' && s.teamId && s.teamId !== ownTeam)
      await releaseTeamPlace(ctx, s.teamId, s.memberId, s.queueKey)
    else if (a.team.mode === 'captain' && s.teamId === ownTeam) {
      // A team formed by a sign-up that never completed goes with it (only while the captain is alone in it).
      await ctx.store.updateOne(
        AC.teams,
        { _id: ownTeam, status: 'active', size: 1, [`places.${s.memberId}.q`]: s.queueKey },
        { $set: { status: 'disbanded', size: 0, men: 0, women: 0, places: {}, updatedAt: this.at } },
      )
      await releaseSeats(ctx, a, s.memberId, s.queueKey)
    } else await handOver(ctx, a, s)
    if (s.status === 'rejected') await this.tell('rejected')
    if (s.notifyPending === 'removed') await this.tell('removed')
    return this.finish()
  }

  private async refuse(reason: string): Promise<Completion> {
    const done = await this.move('cancelled', { cancelledAt: this.at, cancelReason: reason }, true, reason)
    return done.status === 'cancelled' ? { status: 'cancelled', refusal: reason } : done
  }

  /**
   * Moves the sign-up on from the status it had (only that sign-up: the arrival key must match), with a
   * history entry; `last` also removes the mark. When it no longer matches, someone else finished it: the
   * sign-up as it is now is the answer.
   */
  private async move(
    status: SignupStatus,
    extra: Record<string, unknown>,
    last: boolean,
    reason?: string,
  ): Promise<Completion> {
    const { s } = this
    const update: Update = {
      $set: { status, ...extra },
      $push: { history: [{ at: this.at, status, by: this.by, ...(reason ? { reason } : {}) }] },
    }
    if (last) update.$unset = { followUpAt: true, notifyPending: true }
    const moved = await this.ctx.store.updateOne(
      AC.signups,
      { _id: s._id, status: s.status, queueKey: s.queueKey },
      update,
    )
    if (moved) return { status }
    return this.current()
  }

  /** The last step of a change whose status is already final: the mark goes. */
  async finish(): Promise<Completion> {
    await this.unmark()
    return this.current()
  }

  private async unmark(): Promise<void> {
    await this.ctx.store.updateOne(
      AC.signups,
      { _id: this.s._id, queueKey: this.s.queueKey, followUpAt: { $exists: true } },
      { $unset: { followUpAt: true, notifyPending: true } },
    )
  }

  private async current(): Promise<Completion> {
    const now = await this.ctx.store.findOne<SignupDoc>(AC.signups, { _id: this.s._id })
    return { status: now?.status ?? this.s.status }
  }

  private async tell(occasion: 'approved' | 'rejected' | 'removed'): Promise<void> {
    const { ctx, a, s } = this
    const text = {
      approved: ['报名已通过审核', `「${a.title}」报名已通过审核，请准时参加。`],
      rejected: ['报名未通过审核', `「${a.title}」的报名未通过审核，如有疑问请联系工会。`],
      removed: ['您已被移出队伍', `您已被移出「${a.title}」的队伍。如有疑问请联系队长；也可以加入其他队伍。`],
    }[occasion]
    await notifyMember(ctx, a, s.memberId, `${occasion}:${s.queueKey}`, text[0], text[1])
  }
}

/** The first in line after arrival key `after` ('' = the very first): one indexed read of one sign-up. */
export const firstWaiting = async (
  ctx: Pick<CompleteCtx, 'store'>,
  a: Pick<ActivityDoc, '_id' | 'unionId'>,
  after = '',
): Promise<SignupDoc | undefined> =>
  (
    await ctx.store.find<SignupDoc>(AC.signups, ofActivity(a, { status: 'waitlisted', queueKey: { $gt: after } }), {
      sort: { queueKey: 1 },
      limit: 1,
    })
  )[0]

/**
 * Promotes one waiting sign-up if `take` gets it seats. The promotion is itself a marked change (the mark,
 * the seats, the message, then confirmed), so one cut short is finished like any other.
 */
async function promote(
  ctx: CompleteCtx,
  a: ActivityDoc,
  next: SignupDoc,
  take: () => Promise<HoldOutcome>,
): Promise<HoldOutcome> {
  const at = ctx.clock.now().toISOString()
  const waiting = { _id: next._id, status: 'waitlisted', queueKey: next.queueKey }
  if (!next.followUpAt && !(await ctx.store.updateOne(AC.signups, waiting, { $set: { followUpAt: at } })))
    return { kind: 'refused', message: '' }
  const outcome = await take()
  if (outcome.kind !== 'held') {
    await ctx.store.updateOne(AC.signups, waiting, { $unset: { followUpAt: true } })
    return outcome
  }
  await tellPromoted(ctx, a, next)
  await confirmPromoted(ctx, next, at)
  return outcome
}

/** The message a promotion owes (its key makes a second send a no-op). */
export function tellPromoted(ctx: Pick<CompleteCtx, 'notifier'>, a: ActivityDoc, next: SignupDoc): Promise<void> {
  return notifyMember(
    ctx,
    a,
    next.memberId,
    `promoted:${next.queueKey}`,
    '候补成功，已为您保留名额',
    `「${a.title}」有人取消报名，您已从候补转为正式报名。时间：${formatWhen(a.startAt)}，地点：${a.place}。`,
  )
}

/** A promotion's last step, once its seats are held and its message sent: confirmed, the mark removed. */
export function confirmPromoted(ctx: Pick<CompleteCtx, 'store'>, next: SignupDoc, at: string): Promise<boolean> {
  return ctx.store.updateOne(
    AC.signups,
    { _id: next._id, status: 'waitlisted', queueKey: next.queueKey },
    {
      $set: { status: 'confirmed', confirmedAt: at },
      $unset: { followUpAt: true, notifyPending: true },
      $push: { history: [{ at, status: 'confirmed', by: 'system', reason: '候补转正' }] },
    },
  )
}

/**
 * Free seats go to the waitlist in arrival order. Someone whose item or team is full now stays in line and
 * the next is tried; the first who does not fit for lack of seats stops it.
 */
export async function fillFromWaitlist(ctx: CompleteCtx, a: ActivityDoc): Promise<void> {
  let after = ''
  for (let guard = 0; guard < 100; guard++) {
    const next = await firstWaiting(ctx, a, after)
    if (!next) return
    after = next.queueKey
    const outcome = await promote(ctx, a, next, () => holdSeats(ctx, a, next))
    if (outcome.kind === 'full') return
  }
}

/**
 * Seats given up go straight to the first in line when they fit (handSeats: never free in between), else
 * back to the activity; then whoever else fits is promoted.
 */
async function handOver(ctx: CompleteCtx, a: ActivityDoc, s: SignupDoc): Promise<void> {
  const next = await firstWaiting(ctx, a, '')
  const from = { memberId: s.memberId, q: s.queueKey }
  const handed =
    next &&
    (await promote(ctx, a, next, async () =>
      (await handSeats(ctx, a, from, next)) ? { kind: 'held' } : { kind: 'full' },
    ))
  if (handed?.kind !== 'held') await releaseSeats(ctx, a, s.memberId, s.queueKey)
  // Also when nothing was released now: a run cut short may have released without promoting.
  await fillFromWaitlist(ctx, a)
}

/** The follow-ups job finishes a sign-up change that was cut short (src/server/follow-ups.ts). */
export const signupFollowUp: FollowUp = {
  name: '报名',
  collection: AC.signups,
  async finish(ctx, doc) {
    const s = doc as SignupDoc
    const a = await ctx.store.findOne<ActivityDoc>(AC.activities, { _id: s.activityId, unionId: s.unionId })
    if (!a) {
      await ctx.store.updateOne(AC.signups, { _id: s._id }, { $unset: { followUpAt: true, notifyPending: true } })
      return
    }
    await completeSignup(ctx, a, s, 'system')
  },
}
