import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { advance, loadSettled } from './follow-up'
import { historyEntry, refuseUnlessIn } from './lookup'
import type { Rating, RatingEntry } from './model'
import { toDetail } from './present'
import type { ProposalDetail } from './views'

/**
 * 评价: the proposer rates the reply. 不满意 the first time sends it back for 再办理; any other rating,
 * or 不满意 after 再办理, closes it (办结).
 */
export async function rateProposal(
  ctx: Ctx,
  input: { proposalId: string; rating: Rating; comment: string },
): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'rate')
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人本人可以评价答复')
  if (input.rating === '不满意' && Array.from(input.comment).length < 5) {
    throw new AppError('BAD_INPUT', '不满意时请写下原因（至少5个字），部门会据此再办理', {
      comment: '请写下不满意的原因',
    })
  }
  await checkTexts(ctx, { comment: input.comment })
  const entry = historyEntry(ctx, `评价：${input.rating}`, input.comment || undefined)
  const rating: RatingEntry = { at: entry.at, rating: input.rating, comment: input.comment }
  const redo = input.rating === '不满意' && !p.redone
  const rated = redo
    ? await advance(
        ctx,
        p,
        'redo',
        'rate',
        { $set: { status: 'assigned', redone: true }, $push: { ratings: [rating] } },
        { ...entry, action: `${entry.action}，退回再办理` },
        { proposerId: caller._id, redone: false },
      )
    : await advance(
        ctx,
        p,
        'close',
        'rate',
        { $set: { status: 'closed', closedAt: entry.at }, $push: { ratings: [rating] } },
        { ...entry, action: `${entry.action}，办结` },
        { proposerId: caller._id },
      )
  return toDetail(ctx, rated, caller)
}
