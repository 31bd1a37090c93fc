import type { Ctx } from '../shared/context'
import { AppError } from '../shared/errors'
import { DuplicateKeyError } from '../shared/ports'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { signupId, type ActivityDoc, type SignupDoc, type SignupStatus } from './model'

const ALREADY: Partial<Record<SignupStatus, string>> = {
  pending: '的报名正在处理，请稍候刷新',
  applied: '已经报过名了，正在等待审核',
  confirmed: '已经报过名了，不用重复报名',
  waitlisted: '已经在候补名单中了',
}

/**
 * Writes the sign-up as `pending`, marked for completion (complete.ts), under its deterministic _id — a
 * double tap, or a second team, fails there — or signs a cancelled / rejected one up again in place (same
 * _id, history kept). A sign-up still `pending` from a call that was cut short is handed back as it is, so
 * the member's second tap finishes it. `taken`: the caller already knows the _id is taken (a first insert
 * failed on it), so the insert is not tried again.
 */
export async function claimSignup(
  ctx: Ctx,
  a: ActivityDoc,
  by: MemberDoc,
  who: MemberDoc,
  choice: { itemIds: string[]; guests: number; teamId?: string; teamName?: string },
  at: string,
  taken = false,
): Promise<SignupDoc> {
  const self = by._id === who._id
  const fresh = {
    status: 'pending' as const,
    queueKey: ctx.ids.newId(),
    itemIds: choice.itemIds,
    guests: choice.guests,
    signedUpBy: by._id,
    signedUpAt: at,
    followUpAt: at,
    ...(choice.teamId ? { teamId: choice.teamId } : {}),
    ...(choice.teamName ? { teamName: choice.teamName } : {}),
  }
  const event = { at, status: 'pending' as const, by: by._id, ...(self ? {} : { reason: `${by.name}代报名` }) }
  const id = signupId(a._id, who._id)
  const inserted = async (): Promise<boolean> => {
    try {
      const doc: SignupDoc = {
        _id: id,
        unionId: a.unionId,
        activityId: a._id,
        memberId: who._id,
        ...fresh,
        history: [event],
      }
      await ctx.store.insert(AC.signups, doc)
      return true
    } catch (e) {
      if (e instanceof DuplicateKeyError) return false
      throw e
    }
  }
  if (taken || !(await inserted())) {
    const interrupted = await reopen(ctx, id, fresh, event, self ? '您' : who.name)
    if (interrupted) return interrupted
  }
  return { ...fresh, _id: id, unionId: a.unionId, activityId: a._id, memberId: who._id, history: [] }
}

/**
 * A cancelled or rejected sign-up is signed up again in place: same _id, history kept. Resolves the
 * existing sign-up when it is an interrupted `pending` one (to be finished), nothing when reopened.
 */
async function reopen(
  ctx: Ctx,
  id: string,
  fresh: Partial<SignupDoc>,
  event: SignupDoc['history'][number],
  whose: string,
): Promise<SignupDoc | null> {
  const existing = await ctx.store.findOne<SignupDoc>(AC.signups, { _id: id })
  if (existing?.status === 'pending' && existing.followUpAt) return existing
  if (existing && (existing.status === 'cancelled' || existing.status === 'rejected')) {
    const reopened = await ctx.store.updateOne(
      AC.signups,
      { _id: id, status: existing.status, queueKey: existing.queueKey },
      {
        $set: fresh,
        $unset: {
          confirmedAt: true,
          cancelledAt: true,
          cancelReason: true,
          checkedInAt: true,
          checkedInBy: true,
          notifyPending: true,
          // A team left earlier is forgotten unless this sign-up names one (a path is never set and unset at once).
          ...(fresh.teamId ? {} : { teamId: true as const }),
        },
        $push: { history: [event] },
      },
    )
    if (reopened) return null
  }
  // Only a lost race to reopen it needs the sign-up as it is now; otherwise it is as just read.
  const reopenable = existing?.status === 'cancelled' || existing?.status === 'rejected'
  const again = reopenable ? await ctx.store.findOne<SignupDoc>(AC.signups, { _id: id }) : existing
  throw alreadySignedUp(again?.status, whose)
}

/** The refusal for a sign-up that exists in `status` ('您已经报过名了…'), or a generic one for a change in flight. */
export function alreadySignedUp(status: SignupStatus | undefined, whose: string): AppError {
  const note = status ? ALREADY[status] : undefined
  return new AppError('CONFLICT', note ? `${whose}${note}` : '报名状态刚刚变化，请刷新后再试')
}
