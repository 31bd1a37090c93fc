import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import { PC } from './collections'
import { checkTexts } from '../shared/content'
import { historyEntry, loadVisibleProposal, membersWithRole, reloadProposal, transition } from './lookup'
import type { ProposalDoc, SecondDoc } from './model'
import { label, namedOn, notifyPeople } from './notify'
import { toDetail } from './present'
import { FROM, refusalFor, WITHDRAW_REASON_MIN } from './rules'
import type { ProposalDetail } from './views'

/**
 * 撤回 by the proposer. A draft may be withdrawn at any time: it is kept (status 已撤回, with its history),
 * its 附议 are locked so pending invitations lapse, and everyone asked is told. A submitted proposal may be
 * withdrawn only before 审查, with a reason; it stays on the board as 已撤回 and the committee is told.
 */
export async function withdrawProposal(
  ctx: Ctx,
  input: { proposalId: string; reason: string },
): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  const step = p.status === 'draft' ? 'withdrawDraft' : 'withdrawSubmitted'
  if (!FROM[step].includes(p.status)) throw new AppError('CONFLICT', refusalFor(step, p.status))
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人本人可以撤回提案')
  const reason = input.reason.trim()
  if (step === 'withdrawSubmitted' && Array.from(reason).length < WITHDRAW_REASON_MIN) {
    throw new AppError('BAD_INPUT', `撤回已提交的提案请写明理由（至少${WITHDRAW_REASON_MIN}个字）`, {
      reason: '请写明撤回的理由',
    })
  }
  await checkTexts(ctx, { reason })
  return step === 'withdrawDraft' ? withdrawDraft(ctx, p, reason) : withdrawSubmitted(ctx, p, reason)
}

async function withdrawDraft(ctx: Ctx, p: ProposalDoc, reason: string): Promise<ProposalDetail> {
  const caller = me(ctx)
  const entry = historyEntry(ctx, '撤回草稿', reason || undefined)
  await transition(
    ctx,
    p,
    'withdrawDraft',
    { $set: { status: 'withdrawn', openForSeconds: false, withdrawal: { at: entry.at, reason, stage: 'draft' } } },
    entry,
    { proposerId: caller._id },
  )
  // Lapse every invitation and second at once; a delegate seconding right now then finds it locked.
  await ctx.store.updateMany(
    PC.seconds,
    { unionId: p.unionId, proposalId: p._id, locked: false },
    { $set: { locked: true, updatedAt: entry.at } },
  )
  const asked = await findAll<SecondDoc>(ctx.store, PC.seconds, {
    unionId: p.unionId,
    proposalId: p._id,
    status: { $in: ['invited', 'accepted'] },
  })
  const withdrawn = await reloadProposal(ctx.store, p)
  await notifyPeople(
    ctx,
    withdrawn,
    asked.map((s) => s.memberId),
    'withdrawn',
    '提案草稿已撤回',
    `${caller.name}已撤回提案草稿「${p.title}」，附议邀请已失效，无需再附议。`,
  )
  return toDetail(ctx, withdrawn, caller)
}

async function withdrawSubmitted(ctx: Ctx, p: ProposalDoc, reason: string): Promise<ProposalDetail> {
  const caller = me(ctx)
  const entry = historyEntry(ctx, '撤回提案', reason)
  await transition(
    ctx,
    p,
    'withdrawSubmitted',
    { $set: { status: 'withdrawn', withdrawal: { at: entry.at, reason, stage: 'submitted' } } },
    entry,
    { proposerId: caller._id },
  )
  const withdrawn = await reloadProposal(ctx.store, p)
  const committee = (await membersWithRole(ctx.store, p.unionId, 'committee')).map((m) => m._id)
  await notifyPeople(
    ctx,
    withdrawn,
    [...namedOn(withdrawn).filter((id) => id !== caller._id), ...committee],
    'withdrawn',
    '提案已撤回',
    `${caller.name}撤回了${label(withdrawn)}，理由：${reason}。无需再审查。`,
  )
  return toDetail(ctx, withdrawn, caller)
}
