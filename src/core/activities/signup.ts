import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import { DuplicateKeyError } from '../shared/ports'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { isManager, loadActivity, mayActFor } from './load'
import { firstInLine, unionActivity } from './read-ahead'
import { signupId, type ActivityDoc, type SeatHold, type SignupDoc, type SignupEvent, type SignupStatus } from './model'
import { alreadySignedUp, claimSignup } from './claim'
import { completeSignup, confirmPromoted, tellPromoted, type Completion } from './complete'
import { activityDetail, detailView } from './read'
import { leaveCaptainTeam } from './teams'
import {
  audienceRefusal,
  cancelRefusal,
  checkinWindowRefusal,
  itemChoiceRefusal,
  phaseOf,
  seatsOf,
  signupWindowRefusal,
} from './rules'
import { handSeats, holdOf, holdSeats, sameSeats, stillFull, waitPosition, withHold } from './seats'
import type { ActivityDetail, SignupOutcome, SignupResult } from './views'

interface Choice {
  activityId: string
  itemIds: string[]
  guests: number
}

/**
 * 报名 from the activity page: the outcome and the page as it now stands, in one call. The activity was read
 * ahead, beside the lookup of the caller (read-ahead.ts); the caller's own sign-up is not read first: a
 * first sign-up's insert fails on its _id when one exists, and claim.ts then answers as it always did. The
 * view is built beside the change's last step.
 */
export async function signUp(ctx: Ctx, input: Choice): Promise<SignupResult> {
  const caller = me(ctx)
  const a = await unionActivity(ctx, caller.unionId, input.activityId)
  const done = await enroll(ctx, caller, caller, a, 'unread', input, true)
  return { ...done.outcome, activity: done.view ?? (await activityDetail(ctx, a._id)) }
}

/** A 小组长 signs up a colleague of their 小组 (a retired teacher without a smartphone); the chair anyone. */
export async function signUpFor(ctx: Ctx, input: Choice & { memberId: string }): Promise<SignupOutcome> {
  const caller = me(ctx)
  const [target, a, existing] = await Promise.all([
    loadTarget(ctx, caller, input.memberId),
    loadActivity(ctx, caller.unionId, input.activityId),
    // Read beside the check of who they are; used only once that check passed.
    ctx.store.findOne<SignupDoc>(AC.signups, {
      _id: signupId(input.activityId, input.memberId),
      unionId: caller.unionId,
    }),
  ])
  if (target.status === 'left') throw new AppError('CONFLICT', `${target.name}已调离本校工会，不能报名`)
  return (await enroll(ctx, caller, target, a, existing, input, false)).outcome
}

async function loadTarget(ctx: Ctx, caller: MemberDoc, memberId: string): Promise<MemberDoc> {
  const target = await ctx.store.findOne<MemberDoc>(C.members, { _id: memberId, unionId: caller.unionId })
  // Someone outside the caller's 小组 reads as not found: a 小组长 learns nothing about other groups.
  if (!target || !mayActFor(caller, target)) throw new AppError('NOT_FOUND', '您的小组里没有这位会员')
  return target
}

interface Enrolled {
  outcome: SignupOutcome
  /** The caller's page after the change, when asked for and built beside it; else read afresh by the caller. */
  view?: ActivityDetail
}

/**
 * Every check first (nothing is written on a refusal). A first sign-up is then written straight into the
 * state it can already take — `applied` (nothing else to do), `waitlisted` when the activity was full, else
 * `pending` and its seats taken by a conditional update — under its deterministic _id, so a double tap fails
 * there. A sign-up that exists (cancelled before, or cut short) goes through claim.ts as before.
 */
async function enroll(
  ctx: Ctx,
  by: MemberDoc,
  who: MemberDoc,
  a: ActivityDoc,
  /** The member's sign-up as read, or 'unread' when the first insert is left to find it. */
  existing: SignupDoc | null | 'unread',
  input: Choice,
  withView: boolean,
): Promise<Enrolled> {
  const now = ctx.clock.now()
  const self = by._id === who._id
  const whose = self ? '您' : who.name
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
  // Already in: said without writing anything (unread, the first insert finds it and claim.ts says so).
  if (
    existing &&
    existing !== 'unread' &&
    (existing.status === 'applied' || existing.status === 'confirmed' || existing.status === 'waitlisted')
  )
    throw alreadySignedUp(existing.status, self ? '您' : who.name)

  const choice = { itemIds, guests: input.guests, ...(teamId ? { teamId } : {}) }
  const at = now.toISOString()
  if (!existing || existing === 'unread') {
    const fresh = await firstSignUp(ctx, a, by, who, choice, at, withView)
    if (fresh) return fresh
  }
  // Signed up before (cancelled, refused) or cut short, or a twin tap wrote it first: claim.ts sorts it out.
  // Its _id is taken either way (read, or the first insert failed on it): no second insert.
  const claimed = await claimSignup(ctx, a, by, who, choice, at, true)
  const done = await completeSignup(ctx, a, claimed, by._id)
  return { outcome: await outcomeOf(ctx, claimed, done) }
}

/**
 * A member's first sign-up for this activity. Resolves null when another tap wrote the sign-up first (the
 * caller then goes the way of an existing one).
 */
async function firstSignUp(
  ctx: Ctx,
  a: ActivityDoc,
  by: MemberDoc,
  who: MemberDoc,
  choice: { itemIds: string[]; guests: number; teamId?: string },
  at: string,
  withView: boolean,
): Promise<Enrolled | null> {
  const event = (status: SignupStatus): SignupEvent => ({
    at,
    status,
    by: by._id,
    ...(by._id === who._id ? {} : { reason: `${by.name}代报名` }),
  })
  const base = {
    _id: signupId(a._id, who._id),
    unionId: a.unionId,
    activityId: a._id,
    memberId: who._id,
    queueKey: ctx.ids.newId(),
    ...choice,
    signedUpBy: by._id,
    signedUpAt: at,
  }
  const view = (ad: ActivityDoc, s: SignupDoc) => (withView ? detailView(ctx, ad, s, []) : Promise.resolve(undefined))
  const insert = async (doc: SignupDoc): Promise<boolean> => {
    try {
      await ctx.store.insert(AC.signups, doc)
      return true
    } catch (e) {
      if (e instanceof DuplicateKeyError) return false
      throw e
    }
  }

  if (a.needsApproval) {
    // Nothing but this document changes, so one write is the whole change: no mark needed.
    const applied: SignupDoc = { ...base, status: 'applied', history: [event('applied')] }
    const [written, page] = await Promise.all([insert(applied), view(a, applied)])
    if (!written) return null
    return { outcome: { status: 'applied', message: APPLIED }, view: page }
  }

  if (a.quota > 0 && a.taken + seatsOf(choice) > a.quota) {
    // Full as read: straight into the line, marked until we know no seat came free meanwhile.
    const waiting: SignupDoc = { ...base, status: 'waitlisted', followUpAt: at, history: [event('waitlisted')] }
    if (!(await insert(waiting))) return null
    // Checked after joining the line: a seat given back before that is seen here; one given back later is
    // handed on by whoever gave it (it sees this sign-up in line). Still full is the usual answer, and a count;
    // anything else reads the activity.
    const [full, page, position] = await Promise.all([
      stillFull(ctx, a, who._id),
      withView ? detailView(ctx, a, settledCopy(waiting), [], [], true) : undefined,
      withView ? undefined : waitPosition(ctx, waiting),
    ])
    const now = full ? null : await ctx.store.findOne<ActivityDoc>(AC.activities, { _id: a._id })
    const room = now && (now.quota === 0 || now.taken < now.quota || now.seats?.[who._id] !== undefined)
    if (now?.status === 'active' && room) {
      // A seat is free (or was handed to this one): the line is served in order, then the mark goes.
      const done = await completeSignup(ctx, now, waiting, by._id)
      return { outcome: await outcomeOf(ctx, waiting, done) }
    }
    await ctx.store.updateOne(
      AC.signups,
      { _id: waiting._id, queueKey: waiting.queueKey, followUpAt: { $exists: true } },
      { $unset: { followUpAt: true, notifyPending: true } },
    )
    return { outcome: waitlistedOutcome(page?.mine?.position ?? position ?? 1), view: page }
  }

  const pending: SignupDoc = { ...base, status: 'pending', followUpAt: at, history: [event('pending')] }
  if (!(await insert(pending))) return null
  const tried = await holdSeats(ctx, a, pending)
  if (tried.kind !== 'held') {
    const done = await completeSignup(ctx, a, pending, by._id, tried)
    return { outcome: await outcomeOf(ctx, pending, done) }
  }
  // Seats held: the last step (confirmed, mark removed) and the page as it leaves things, at once.
  const confirmed = settledCopy({ ...pending, status: 'confirmed', confirmedAt: at })
  const [done, page] = await Promise.all([
    completeSignup(ctx, a, pending, by._id, tried),
    view(withHold(a, who._id, holdOf(a, pending), 1), confirmed),
  ])
  return { outcome: await outcomeOf(ctx, pending, done), ...(done.status === 'confirmed' ? { view: page } : {}) }
}

const APPLIED = '已提交报名，等待工会审核'

function waitlistedOutcome(position: number): SignupOutcome {
  return {
    status: 'waitlisted',
    position,
    message: `名额已满，已加入候补，排第${position}位。有人取消时按顺序自动递补并通知您`,
  }
}

/** What the member is told once a sign-up change is complete. */
export async function outcomeOf(ctx: Ctx, s: SignupDoc, done: Completion): Promise<SignupOutcome> {
  if (done.refusal) throw new AppError('CONFLICT', done.refusal)
  switch (done.status) {
    case 'applied':
      return { status: 'applied', message: APPLIED }
    case 'confirmed':
      return { status: 'confirmed', message: '报名成功' }
    case 'waitlisted':
      return waitlistedOutcome(await waitPosition(ctx, s))
    case 'pending':
      return { status: 'pending', message: '报名正在处理，请稍候刷新' }
    default:
      return { status: done.status, message: '已取消报名' }
  }
}

const CANCELLED: SignupOutcome = { status: 'cancelled', message: '已取消报名' }

/**
 * Cancels the caller's own sign-up, or a colleague's for a 小组长 / the chair; answers with the caller's page
 * as it now stands. The sign-up is kept with status, reason and time; a confirmed seat goes straight to the
 * first in line. The activity and the first in line were read ahead, beside the lookup of the caller
 * (read-ahead.ts); one's own confirmed seat that the first in line can take as it is is handed over without
 * reading one's sign-up first (cancelByLedger).
 */
export async function cancelSignup(
  ctx: Ctx,
  input: { activityId: string; memberId?: string; reason: string },
): Promise<SignupResult> {
  const caller = me(ctx)
  const targetId = input.memberId ?? caller._id
  const mine = targetId === caller._id
  const reason = input.reason || (mine ? '本人取消' : `${caller.name}代为取消`)
  const at = nowIso(ctx)
  const read = (): Promise<SignupDoc | null> =>
    ctx.store.findOne<SignupDoc>(AC.signups, { _id: signupId(input.activityId, targetId), unionId: caller.unionId })
  const [, a, next, s] = await Promise.all([
    mine ? caller : loadTarget(ctx, caller, targetId),
    unionActivity(ctx, caller.unionId, input.activityId),
    firstInLine(ctx, caller.unionId, input.activityId),
    // A colleague's sign-up is read beside the check of who they are, as that costs a round trip anyway;
    // one's own is left unread (undefined) for the ledger's way first.
    mine ? undefined : read(),
  ])
  if (s === undefined) {
    const handed = await cancelByLedger(ctx, caller, a, next, reason, at)
    if (handed) return handed
  }
  return cancelRead(ctx, caller, a, s === undefined ? await read() : s, next, reason, at, mine)
}

/** Everything one cancellation needs to write itself, and the sign-up as that write leaves it. */
interface Cancelling {
  key: Pick<SignupDoc, '_id' | 'memberId' | 'queueKey'>
  /** The cancellation with its mark, conditional on the status it had; resolves whether it matched. */
  write: () => Promise<boolean>
  /** The sign-up as the write left it (computed, or read after it); null when another change took it since. */
  written: () => Promise<SignupDoc | null>
}

/** Only a sign-up that may hold seats (or be about to) has a second part, giving them back: it is marked. */
const mayHold = (status: SignupStatus) => status === 'confirmed' || status === 'pending'

function cancelling(
  ctx: Ctx,
  caller: MemberDoc,
  key: Cancelling['key'],
  from: SignupStatus,
  { reason, at }: { reason: string; at: string },
  written: Cancelling['written'],
): Cancelling {
  const mark = mayHold(from)
  const write = () =>
    ctx.store.updateOne(
      AC.signups,
      // One checked in was there: the write itself refuses, so a check-in a moment earlier still counts.
      { _id: key._id, status: from, queueKey: key.queueKey, checkedInAt: { $exists: false } },
      {
        $set: { status: 'cancelled', cancelledAt: at, cancelReason: reason, ...(mark ? { followUpAt: at } : {}) },
        $push: { history: [{ at, status: 'cancelled', by: caller._id, reason }] },
      },
    )
  return { key, write, written }
}

/**
 * One's own confirmed seat handed to the first in line, taking exactly those seats, without reading one's
 * sign-up first: the seat ledger names its arrival key, and the cancellation's write, conditional on that key
 * and on `confirmed`, is the check (it is read after that write, beside the seats' move, for the page).
 * Resolves null when this does not apply — or the write finds the sign-up otherwise — and nothing was
 * changed: the caller then reads the sign-up and goes the general way.
 */
async function cancelByLedger(
  ctx: Ctx,
  caller: MemberDoc,
  a: ActivityDoc,
  next: SignupDoc | undefined,
  reason: string,
  at: string,
): Promise<SignupResult | null> {
  const own = a.seats?.[caller._id]
  if (!own || !next || next.memberId === caller._id || a.team.mode === 'captain') return null
  if (!sameSeats(own, holdOf(a, next))) return null
  // The refusal for a confirmed seat, before anything is written; when it applies the general way says it.
  if (!isManager(caller) && cancelRefusal(a, ctx.clock.now())) return null
  // Once check-in is open the sign-up may carry a check-in, which only the general way reads and refuses.
  if (checkinWindowRefusal(a, ctx.clock.now()) === null) return null
  const key = { _id: signupId(a._id, caller._id), memberId: caller._id, queueKey: own.q }
  const c = cancelling(ctx, caller, key, 'confirmed', { reason, at }, async () => {
    const s = await ctx.store.findOne<SignupDoc>(AC.signups, { _id: key._id, unionId: a.unionId })
    return s?.queueKey === own.q && s.status === 'cancelled' ? s : null
  })
  const handed = await handStraightOn(ctx, a, c, next, at)
  if (handed.kind === 'stale') return null
  return afterHandOver(ctx, caller, a, c, handed, next, own, at, true)
}

/** 取消 once the sign-up has been read: checked, then written, its seats handed on or given back. */
async function cancelRead(
  ctx: Ctx,
  caller: MemberDoc,
  a: ActivityDoc,
  s: SignupDoc | null,
  next: SignupDoc | undefined,
  reason: string,
  at: string,
  mine: boolean,
): Promise<SignupResult> {
  if (!s || s.status === 'cancelled' || s.status === 'rejected') throw new AppError('NOT_FOUND', '没有找到有效的报名')
  if (s.checkedInAt)
    throw new AppError(
      'CONFLICT',
      mine
        ? '您已经签到，不能再取消报名，如有特殊情况请联系工会主席'
        : '这位会员已经签到，不能取消报名；如确需取消，请先撤销签到',
    )
  if (s.status === 'confirmed' && !isManager(caller)) {
    const problem = cancelRefusal(a, ctx.clock.now())
    if (problem) throw new AppError('CONFLICT', problem)
  }
  if (a.team.mode === 'captain' && s.status === 'confirmed') {
    const outcome = await leaveCaptainTeam(ctx, a, s, caller, reason)
    return { ...outcome, activity: await activityDetail(ctx, a._id) }
  }
  const holds = mayHold(s.status)
  const cancelled: SignupDoc = {
    ...s,
    status: 'cancelled',
    cancelledAt: at,
    cancelReason: reason,
    history: [...s.history, { at, status: 'cancelled', by: caller._id, reason }],
    ...(holds ? { followUpAt: at } : {}),
  }
  const c = cancelling(ctx, caller, s, s.status, { reason, at }, () => Promise.resolve(cancelled))

  if (!holds) {
    // Waiting or applying holds nothing: one write, and the page beside it.
    const [done, page] = await Promise.all([c.write(), mine ? pageAfter(ctx, a, cancelled) : undefined])
    if (!done) throw stale()
    return { ...CANCELLED, activity: page ?? (await activityDetail(ctx, a._id)) }
  }

  const own = a.seats?.[s.memberId]
  const nextHold = next && next.memberId !== s.memberId ? holdOf(a, next) : undefined
  if (s.status === 'confirmed' && own?.q === s.queueKey && next && nextHold && sameSeats(own, nextHold)) {
    const handed = await handStraightOn(ctx, a, c, next, at)
    if (handed.kind === 'stale') throw stale()
    return afterHandOver(ctx, caller, a, c, handed, next, own, at, mine)
  }

  if (!(await c.write())) throw stale()
  await completeSignup(ctx, a, cancelled, caller._id)
  return { ...CANCELLED, activity: await activityDetail(ctx, a._id) }
}

const stale = () => new AppError('CONFLICT', '报名状态刚刚变化，请刷新后再试')

/** The caller's page once their own sign-up is `cancelled` (and `promoted`, if any, confirmed). */
function pageAfter(ctx: Ctx, a: ActivityDoc, cancelled: SignupDoc, promoted?: SignupDoc): Promise<ActivityDetail> {
  return detailView(ctx, a, settledCopy(cancelled), [], promoted ? [{ _id: promoted._id, status: 'confirmed' }] : [])
}

type Handed = { kind: 'stale' } | { kind: 'done' | 'moved'; cancelled: SignupDoc | null }

/**
 * A confirmed seat handed to the first in line in the fewest round trips: this sign-up's cancellation (with
 * its mark) and the promotion's mark on the one waiting are written at once, then the seats move in one
 * update of the ledger. Each change keeps its mark until its last step, so one cut short anywhere is finished
 * by the follow-ups job exactly as the general way would (complete.ts).
 */
async function handStraightOn(ctx: Ctx, a: ActivityDoc, c: Cancelling, next: SignupDoc, at: string): Promise<Handed> {
  const waiting = { _id: next._id, status: 'waitlisted', queueKey: next.queueKey }
  const [cancelled, marked] = await Promise.all([
    c.write(),
    next.followUpAt ? Promise.resolve(true) : ctx.store.updateOne(AC.signups, waiting, { $set: { followUpAt: at } }),
  ])
  if (!cancelled) {
    if (marked && !next.followUpAt)
      await ctx.store.updateOne(AC.signups, { ...waiting, followUpAt: at }, { $unset: { followUpAt: true } })
    return { kind: 'stale' }
  }
  if (!marked) return { kind: 'moved', cancelled: await c.written() }
  const [moved, written] = await Promise.all([
    handSeats(ctx, a, { memberId: c.key.memberId, q: c.key.queueKey }, next),
    c.written(),
  ])
  return { kind: moved ? 'done' : 'moved', cancelled: written }
}

/** The rest of a hand-over: the promotion told and confirmed, or, if the seats moved meanwhile, the general way. */
async function afterHandOver(
  ctx: Ctx,
  caller: MemberDoc,
  a: ActivityDoc,
  c: Cancelling,
  handed: Exclude<Handed, { kind: 'stale' }>,
  next: SignupDoc,
  own: SeatHold,
  at: string,
  mine: boolean,
): Promise<SignupResult> {
  const { cancelled } = handed
  if (handed.kind === 'done') {
    const after = handedTo(a, c.key.memberId, next, own)
    const [, page] = await Promise.all([
      tellPromoted(ctx, a, next),
      mine && cancelled ? pageAfter(ctx, after, cancelled, next) : undefined,
    ])
    // The promotion's last step and this change's last step: each removes its own mark.
    await Promise.all([confirmPromoted(ctx, next, at), unmark(ctx, c.key)])
    return { ...CANCELLED, activity: page ?? (await activityDetail(ctx, a._id)) }
  }
  // The seats could not go to the one we read (they changed meanwhile): the general way. (A sign-up another
  // change took over since is that change's to finish, seats included: seats.ts gives back an earlier hold.)
  if (cancelled) await completeSignup(ctx, a, cancelled, caller._id)
  // The mark this call put on the one waiting, if the general way did not take it off.
  if (!next.followUpAt)
    await ctx.store.updateOne(
      AC.signups,
      { _id: next._id, status: 'waitlisted', followUpAt: at },
      { $unset: { followUpAt: true } },
    )
  return { ...CANCELLED, activity: await activityDetail(ctx, a._id) }
}

/** The activity once `from`'s seats went to `next` (the same seats: nothing else changes). */
function handedTo(a: ActivityDoc, from: string, next: SignupDoc, hold: SeatHold): ActivityDoc {
  return withHold(withHold(a, from, hold, -1), next.memberId, holdOf(a, next), 1)
}

/** The sign-up as its change's last step leaves it: without the mark. */
function settledCopy(s: SignupDoc): SignupDoc {
  const copy = { ...s }
  delete copy.followUpAt
  delete copy.notifyPending
  return copy
}

function unmark(ctx: Ctx, s: Pick<SignupDoc, '_id' | 'queueKey'>): Promise<boolean> {
  return ctx.store.updateOne(
    AC.signups,
    { _id: s._id, queueKey: s.queueKey, followUpAt: { $exists: true } },
    { $unset: { followUpAt: true, notifyPending: true } },
  )
}

/** The chair approves (seat taken now, or the waitlist when full) or declines an application. */
export async function reviewSignup(
  ctx: Ctx,
  input: { activityId: string; memberId: string; approve: boolean },
): Promise<SignupOutcome> {
  const caller = me(ctx)
  const [a, s] = await Promise.all([
    loadActivity(ctx, caller.unionId, input.activityId),
    ctx.store.findOne<SignupDoc>(AC.signups, {
      _id: signupId(input.activityId, input.memberId),
      unionId: caller.unionId,
    }),
  ])
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
