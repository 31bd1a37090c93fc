import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { DuplicateKeyError } from '../shared/ports'
import { PC } from './collections'
import { loadSession, loadVisibleProposal, secondId } from './lookup'
import type { ProposalDoc, SecondDoc } from './model'
import { notifyPeople } from './notify'
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
  const doc: SecondDoc = {
    _id: secondId(p._id, invitee._id),
    unionId: caller.unionId,
    proposalId: p._id,
    memberId: invitee._id,
    memberName: invitee.name,
    status: 'invited',
    invitedBy: caller._id,
    locked: false,
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
      { $set: { status: 'invited', updatedAt: at } },
    )
    if (!reasked) throw new AppError('CONFLICT', `已经邀请过${invitee.name}了`)
  }
  await notifyPeople(
    ctx,
    p,
    [invitee._id],
    `invite-${invitee._id}`,
    '邀请您附议提案',
    `${caller.name}邀请您附议提案「${p.title}」，请打开查看并决定是否附议。`,
  )
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
    if (mySecond?.status === 'accepted') throw new AppError('CONFLICT', '你已经附议过这份提案了')
    if (!mySecond) {
      try {
        await ctx.store.insert(PC.seconds, {
          _id: id,
          unionId: caller.unionId,
          proposalId: p._id,
          memberId: caller._id,
          memberName: caller.name,
          status: 'accepted',
          locked: false,
          createdAt: at,
          updatedAt: at,
        } satisfies SecondDoc)
      } catch (e) {
        if (e instanceof DuplicateKeyError) throw new AppError('CONFLICT', '你已经附议过这份提案了')
        throw e
      }
    } else {
      const matched = await ctx.store.updateOne(
        PC.seconds,
        { _id: id, unionId: caller.unionId, status: { $in: ['invited', 'declined'] }, locked: false },
        { $set: { status: 'accepted', updatedAt: at } },
      )
      if (!matched) throw new AppError('CONFLICT', '这份提案已经提交，附议已锁定')
    }
    await notifyPeople(
      ctx,
      p,
      [p.proposerId],
      `second-${caller._id}`,
      '有代表附议了您的提案',
      `${caller.name}附议了您的提案「${p.title}」。`,
    )
  } else {
    if (!mySecond || mySecond.status === 'declined') throw new AppError('CONFLICT', '你没有附议这份提案')
    const matched = await ctx.store.updateOne(
      PC.seconds,
      { _id: id, unionId: caller.unionId, status: { $in: ['invited', 'accepted'] }, locked: false },
      { $set: { status: 'declined', updatedAt: at } },
    )
    if (!matched) throw new AppError('CONFLICT', '这份提案已经提交，附议已锁定')
  }
  return toDetail(ctx, p, caller)
}
