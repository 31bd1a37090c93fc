import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import { DuplicateKeyError } from '../shared/ports'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { loadActivity } from './load'
import { ofActivity, signupId, type ActivityDoc, type CheckinFailureDoc, type SecretDoc, type SignupDoc } from './model'
import {
  CHECKIN_FAILURE_LIMIT,
  checkinCodeAt,
  checkinFailureWindow,
  checkinWindowRefusal,
  CODE_WINDOW_MS,
  isValidCheckinCode,
} from './rules'
import { detailAfter } from './read'
import type { CheckinCode, SignupOutcome, SignupResult } from './views'

async function secretOf(ctx: Ctx, unionId: string): Promise<string | null> {
  return (await ctx.store.findOne<SecretDoc>(AC.secrets, { _id: unionId }))?.secret ?? null
}

function refuseOutsideWindow(a: ActivityDoc, now: Date): void {
  const problem = checkinWindowRefusal(a, now)
  if (problem) throw new AppError('CONFLICT', problem)
}

/** The chair's screen: the code of this 10-second window, and how the room is filling. */
export async function currentCheckinCode(ctx: Ctx, input: { activityId: string }): Promise<CheckinCode> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const now = ctx.clock.now()
  // No code is shown outside the window, so none can be passed on early.
  refuseOutsideWindow(a, now)
  const secret = await secretOf(ctx, a.unionId)
  if (!secret) throw new AppError('CONFLICT', '签到功能尚未准备好，请重新保存一次活动')
  const [checkedInCount, confirmedCount] = await Promise.all([
    ctx.store.count(AC.signups, ofActivity(a, { status: 'confirmed', checkedInAt: { $exists: true } })),
    ctx.store.count(AC.signups, ofActivity(a, { status: 'confirmed' })),
  ])
  return {
    code: checkinCodeAt(ctx.signer, secret, a._id, now),
    refreshInMs: CODE_WINDOW_MS - (now.getTime() % CODE_WINDOW_MS),
    checkedInCount,
    confirmedCount,
  }
}

/**
 * A teacher checks in with the code on the chair's screen: only themself, only with a confirmed seat, and
 * at most CHECKIN_FAILURE_LIMIT wrong codes in a failure window — then the chair checks them in by hand.
 * Answers with the page as it now stands. Everything the check needs is read at once; the attempt is
 * reserved before the code is compared; the check-in and the page are written and read at once.
 */
export async function checkIn(ctx: Ctx, input: { activityId: string; code: string }): Promise<SignupResult> {
  const caller = me(ctx)
  const now = ctx.clock.now()
  const [a, s, secret, failures] = await Promise.all([
    loadActivity(ctx, caller.unionId, input.activityId),
    ctx.store.findOne<SignupDoc>(AC.signups, { _id: signupId(input.activityId, caller._id), unionId: caller.unionId }),
    secretOf(ctx, caller.unionId),
    ctx.store.findOne<CheckinFailureDoc>(AC.checkinFailures, {
      _id: failureId(input.activityId, caller._id, checkinFailureWindow(now)),
    }),
  ])
  refuseOutsideWindow(a, now)
  if (!s || s.status !== 'confirmed') throw notSeated(s, '您')
  if (s.checkedInAt) return { status: 'confirmed', message: '您已经签到过了', activity: await detailAfter(ctx, a, s) }
  if (!secret) throw new AppError('CONFLICT', '签到功能尚未准备好，请找工会主席签到')
  const attempt = await takeAttempt(ctx, a, caller._id, now, failures)
  if (!isValidCheckinCode(ctx.signer, secret, a._id, input.code, now)) {
    // The attempt stays counted: this failure record is the refusal's only write.
    throw new AppError('BAD_INPUT', '签到码不对或已过期，请输入屏幕上最新的签到码', { code: '签到码不对或已过期' })
  }
  const at = nowIso(ctx)
  const present: SignupDoc = { ...s, checkedInAt: at, checkedInBy: caller._id }
  const [, outcome, page] = await Promise.all([
    attempt.giveBack(),
    markPresent(ctx, a, caller, caller, s, at),
    detailAfter(ctx, a, present),
  ])
  return { ...outcome, activity: page }
}

const failureId = (activityId: string, memberId: string, window: number) => `${activityId}_${memberId}_${window}`

const TOO_MANY = `签到码错误次数太多，请稍后再试，或请工会主席在报名名单里为您手工签到`

/**
 * Reserves one attempt before the code is compared, by a conditional $inc on the member's failure counter
 * for this window (made by insert at its deterministic _id), so even twenty scripted guesses sent at once
 * get at most CHECKIN_FAILURE_LIMIT comparisons. A right code gives its attempt back.
 */
async function takeAttempt(
  ctx: Ctx,
  a: ActivityDoc,
  memberId: string,
  now: Date,
  /** The member's failure counter for this window as read with the activity (null: none yet). */
  existing: CheckinFailureDoc | null,
): Promise<{ giveBack: () => Promise<void> }> {
  const window = checkinFailureWindow(now)
  const _id = failureId(a._id, memberId, window)
  if (existing && existing.count >= CHECKIN_FAILURE_LIMIT) throw new AppError('CONFLICT', TOO_MANY)
  const giveBack = {
    giveBack: () => ctx.store.updateOne(AC.checkinFailures, { _id }, { $inc: { count: -1 } }).then(() => undefined),
  }
  const raise = () =>
    ctx.store.updateOne(AC.checkinFailures, { _id, count: { $lt: CHECKIN_FAILURE_LIMIT } }, { $inc: { count: 1 } })
  if (existing) {
    if (await raise()) return giveBack
    throw new AppError('CONFLICT', TOO_MANY)
  }
  try {
    const doc: CheckinFailureDoc = { _id, unionId: a.unionId, activityId: a._id, memberId, window, count: 1 }
    await ctx.store.insert(AC.checkinFailures, doc)
    return giveBack
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
  if (await raise()) return giveBack
  throw new AppError('CONFLICT', TOO_MANY)
}

function notSeated(s: SignupDoc | null, whose: string): AppError {
  return new AppError(
    'CONFLICT',
    s?.status === 'waitlisted'
      ? `${whose}还在候补名单中，请找工会主席确认`
      : `${whose}没有报名这个活动，请找工会主席登记`,
  )
}

/** Checks `who` in: `known` is their sign-up as just read (else it is read here). */
async function markPresent(
  ctx: Ctx,
  a: ActivityDoc,
  who: MemberDoc,
  by: MemberDoc,
  known?: SignupDoc,
  at = nowIso(ctx),
): Promise<SignupOutcome> {
  const s =
    known ?? (await ctx.store.findOne<SignupDoc>(AC.signups, { _id: signupId(a._id, who._id), unionId: a.unionId }))
  const self = who._id === by._id
  if (!s || s.status !== 'confirmed') throw notSeated(s, self ? '您' : who.name)
  if (s.checkedInAt) return { status: 'confirmed', message: self ? '您已经签到过了' : `${who.name}已签到` }
  const done = await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, status: 'confirmed', checkedInAt: { $exists: false } },
    {
      $set: { checkedInAt: at, checkedInBy: by._id },
      $push: { history: [{ at, status: 'confirmed', by: by._id, reason: self ? '扫码签到' : '手工签到' }] },
    },
  )
  // Not matched: checked in (or cancelled) a moment ago by another call.
  if (!done) return { status: 'confirmed', message: self ? '您已经签到过了' : `${who.name}已签到` }
  return { status: 'confirmed', message: self ? '签到成功' : `${who.name}签到成功` }
}

/** The chair checks someone in by hand, or undoes a check-in (kept in the history). */
export async function markAttendance(
  ctx: Ctx,
  input: { activityId: string; memberId: string; present: boolean },
): Promise<SignupOutcome> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const who = await ctx.store.findOne<MemberDoc>(C.members, { _id: input.memberId, unionId: caller.unionId })
  if (!who) throw new AppError('NOT_FOUND', '找不到这位会员')
  if (input.present) {
    refuseOutsideWindow(a, ctx.clock.now())
    return markPresent(ctx, a, who, caller)
  }
  const s = await ctx.store.findOne<SignupDoc>(AC.signups, { _id: signupId(a._id, who._id), unionId: a.unionId })
  if (!s || !s.checkedInAt) throw new AppError('CONFLICT', `${who.name}还没有签到`)
  const at = nowIso(ctx)
  await ctx.store.updateOne(
    AC.signups,
    { _id: s._id, checkedInAt: s.checkedInAt },
    {
      $unset: { checkedInAt: true, checkedInBy: true },
      $push: { history: [{ at, status: s.status, by: caller._id, reason: '撤销签到' }] },
    },
  )
  return { status: s.status, message: `已撤销${who.name}的签到` }
}
