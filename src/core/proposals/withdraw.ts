import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { advance, loadSettled } from './follow-up'
import { historyEntry } from './lookup'
import type { ProposalDoc } from './model'
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
  const p = await loadSettled(ctx, input.proposalId)
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
  // Finishing locks its 附议 (pending invitations lapse) and tells everyone asked.
  const withdrawn = await advance(
    ctx,
    p,
    'withdrawDraft',
    'withdrawDraft',
    { $set: { status: 'withdrawn', openForSeconds: false, withdrawal: { at: entry.at, reason, stage: 'draft' } } },
    entry,
    { proposerId: caller._id },
  )
  return toDetail(ctx, withdrawn, caller)
}

async function withdrawSubmitted(ctx: Ctx, p: ProposalDoc, reason: string): Promise<ProposalDetail> {
  const caller = me(ctx)
  const entry = historyEntry(ctx, '撤回提案', reason)
  const withdrawn = await advance(
    ctx,
    p,
    'withdrawSubmitted',
    'withdrawSubmitted',
    { $set: { status: 'withdrawn', withdrawal: { at: entry.at, reason, stage: 'submitted' } } },
    entry,
    { proposerId: caller._id },
  )
  return toDetail(ctx, withdrawn, caller)
}
