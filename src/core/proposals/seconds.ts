import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { DuplicateKeyError } from '../shared/ports'
import { PC } from './collections'
import { loadSession, loadVisibleProposal, secondId } from './lookup'
import type { ProposalDoc, SecondDoc } from './model'
import { finishSecond } from './follow-up'
import { toDetail } from './present'
import { sessionPhase } from './rules'
import type { ProposalDetail } from './views'

function refuseUnlessDraft(p: ProposalDoc): void {
  if (p.status === 'withdrawn') throw new AppError('CONFLICT', '提案人已经撤回了这份提案，附议已失效')
  if (p.status !== 'draft') throw new AppError('CONFLICT', '这份提案已经提交，附议已锁定')
}

/** The proposer asks a fellow delegate to second the draft. */
export async function inviteSeconder(
  ctx: Ctx,
  input: { proposalId: string; memberId: string },
): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  refuseUnlessDraft(p)
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人可以邀请附议')
  if (input.memberId === caller._id) throw new AppError('BAD_INPUT', '不能邀请自己附议')
  const session = await loadSession(ctx.store, caller.unionId, p.sessionId)
  if (sessionPhase(session, ctx.clock.now()) === 'closed')
    throw new AppError('CONFLICT', `${session.name}的提案征集已经截止`)
  const invitee = await ctx.store.findOne<MemberDoc>(C.members, { _id: input.memberId, unionId: caller.unionId })
  if (!invitee || invitee.status !== 'active' || !invitee.roles.includes('delegate')) {
    throw new AppError('BAD_INPUT', '只能邀请本校的教代会代表附议')
  }
  const at = nowIso(ctx)
  // Marked until the invitee's message is recorded (finishSecond), so a cut-short invitation still arrives.
  const doc: SecondDoc = {
    _id: secondId(p._id, invitee._id),
    unionId: caller.unionId,
    proposalId: p._id,
    memberId: invitee._id,
    memberName: invitee.name,
    status: 'invited',
    invitedBy: caller._id,
    locked: false,
    followUpAt: at,
    createdAt: at,
    updatedAt: at,
  }
  try {
    await ctx.store.insert(PC.seconds, doc)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    // Asking again someone who declined is fine; asking someone who already agreed or is asked is not.
    const reasked = await ctx.store.updateOne(
      PC.seconds,
      { _id: doc._id, unionId: caller.unionId, status: 'declined', locked: false },
      { $set: { status: 'invited', updatedAt: at, followUpAt: at } },
    )
    if (!reasked) {
      // The proposer's retry of an invitation cut short: finish it.
      const earlier = await ctx.store.findOne<SecondDoc>(PC.seconds, { _id: doc._id, unionId: caller.unionId })
      if (earlier?.status !== 'invited' || earlier.followUpAt === undefined || earlier.invitedBy !== caller._id)
        throw new AppError('CONFLICT', `已经邀请过${invitee.name}了`)
      await finishSecond(ctx, earlier, p)
      return toDetail(ctx, p, caller)
    }
  }
  await finishSecond(ctx, doc, p)
  return toDetail(ctx, p, caller)
}

/** A delegate seconds a draft (accept) or declines / withdraws (not accept) before it is submitted. */
export async function second(ctx: Ctx, input: { proposalId: string; accept: boolean }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p, mySecond } = await loadVisibleProposal(ctx, input.proposalId)
  refuseUnlessDraft(p)
  if (p.proposerId === caller._id) throw new AppError('FORBIDDEN', '不能附议自己的提案')
  const at = nowIso(ctx)
  const id = secondId(p._id, caller._id)
  if (input.accept) {
    if (mySecond?.status === 'accepted') {
      // The delegate's retry of a second cut short before the proposer was told: finish it.
      if (mySecond.followUpAt === undefined) throw new AppError('CONFLICT', '您已经附议过这份提案了')
      await finishSecond(ctx, mySecond, p)
      return toDetail(ctx, p, caller)
    }
    // Marked until the proposer's message is recorded (finishSecond).
    const accepted: SecondDoc = {
      _id: id,
      unionId: caller.unionId,
      proposalId: p._id,
      memberId: caller._id,
      memberName: caller.name,
      status: 'accepted',
      locked: false,
      followUpAt: at,
      createdAt: at,
      updatedAt: at,
    }
    if (!mySecond) {
      try {
        await ctx.store.insert(PC.seconds, accepted)
      } catch (e) {
        if (e instanceof DuplicateKeyError) throw new AppError('CONFLICT', '您已经附议过这份提案了')
        throw e
      }
    } else {
      const matched = await ctx.store.updateOne(
        PC.seconds,
        { _id: id, unionId: caller.unionId, status: { $in: ['invited', 'declined'] }, locked: false },
        { $set: { status: 'accepted', updatedAt: at, followUpAt: at } },
      )
      if (!matched) throw new AppError('CONFLICT', '这份提案已经提交，附议已锁定')
    }
    await finishSecond(ctx, accepted, p)
  } else {
    if (!mySecond || mySecond.status === 'declined') throw new AppError('CONFLICT', '您没有附议这份提案')
    const matched = await ctx.store.updateOne(
      PC.seconds,
      { _id: id, unionId: caller.unionId, status: { $in: ['invited', 'accepted'] }, locked: false },
      { $set: { status: 'declined', updatedAt: at } },
    )
    if (!matched) throw new AppError('CONFLICT', '这份提案已经提交，附议已锁定')
  }
  return toDetail(ctx, p, caller)
}
