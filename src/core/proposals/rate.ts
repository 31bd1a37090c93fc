import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import {
  historyEntry,
  loadVisibleProposal,
  membersWithRole,
  refuseUnlessIn,
  reloadProposal,
  transition,
} from './lookup'
import type { Rating, RatingEntry } from './model'
import { label, namedOn, notifyPeople } from './notify'
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
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
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
  if (redo) {
    await transition(
      ctx,
      p,
      'rate',
      { $set: { status: 'assigned', redone: true }, $push: { ratings: [rating] } },
      { ...entry, action: `${entry.action}，退回再办理` },
      { proposerId: caller._id, redone: false },
    )
  } else {
    await transition(
      ctx,
      p,
      'rate',
      { $set: { status: 'closed', closedAt: entry.at }, $push: { ratings: [rating] } },
      { ...entry, action: `${entry.action}，办结` },
      { proposerId: caller._id },
    )
  }
  const rated = await reloadProposal(ctx.store, p)
  const lead = rated.assignment?.lead ?? ''
  const heads = (await membersWithRole(ctx.store, caller.unionId, 'deptHead', lead)).map((m) => m._id)
  const committee = (await membersWithRole(ctx.store, caller.unionId, 'committee')).map((m) => m._id)
  if (redo) {
    await notifyPeople(
      ctx,
      rated,
      [...heads, ...committee],
      'redo',
      '提案需再办理',
      `提案人对${label(rated)}的答复不满意：${input.comment}。请再办理并重新答复。`,
    )
  } else {
    await notifyPeople(
      ctx,
      rated,
      [...namedOn(rated), ...heads, ...committee],
      'closed',
      '提案已办结',
      `${label(rated)}已办结，提案人评价：${input.rating}。`,
    )
  }
  return toDetail(ctx, rated, caller)
}
