import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { advance, loadSettled } from './follow-up'
import { historyEntry, refuseUnlessIn } from './lookup'
import type { ProposalDoc, Rating, RatingEntry } from './model'
import { PC } from './collections'
import { toDetail } from './present'
import { mainReplyToRate } from './rules'
import type { ProposalDetail } from './views'

interface RateInput {
  proposalId: string
  rating: Rating
  comment: string
}

/**
 * 评价: the proposer rates the reply. 不满意 the first time sends it back for 再办理; any other rating,
 * or 不满意 after 再办理, closes it (办结). The proposer of a proposal merged into another rates the main
 * proposal's reply instead (rateMain).
 */
export async function rateProposal(ctx: Ctx, input: RateInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  if (p.mergedInto) return rateMain(ctx, p, input)
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

/**
 * A merged proposal's proposer rates the main proposal's latest reply, once per reply. The rating is kept on
 * their own proposal (`ratings`, and `ratedMainReplies` by reply): it is their opinion of how their proposal
 * was answered, it needs no write to the main proposal (no race with its proposer's rating), and it survives
 * the main one closing. Only the main proposal's proposer decides 再办理 or 办结; this rating is told to the
 * department and the committee.
 */
async function rateMain(ctx: Ctx, p: ProposalDoc, input: RateInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  refuseUnlessIn(p, 'rateMain')
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人本人可以评价答复')
  const main = await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p.mergedInto ?? '', unionId: p.unionId })
  const reply = main ? mainReplyToRate(p, main) : { refusal: '找不到主提案' }
  if ('refusal' in reply) throw new AppError('CONFLICT', reply.refusal)
  if (input.rating === '不满意' && Array.from(input.comment).length < 5) {
    throw new AppError('BAD_INPUT', '不满意时请写下原因（至少5个字），提案委员会和承办部门会看到', {
      comment: '请写下不满意的原因',
    })
  }
  await checkTexts(ctx, { comment: input.comment })
  const entry = historyEntry(ctx, `评价主提案的答复：${input.rating}`, input.comment || undefined)
  const rating: RatingEntry = { at: entry.at, rating: input.rating, comment: input.comment }
  const rated = `ratedMainReplies.${reply.index}`
  const done = await advance(
    ctx,
    p,
    'rateMain',
    'rateMain',
    { $set: { [rated]: entry.at }, $push: { ratings: [rating] } },
    entry,
    { proposerId: caller._id, [rated]: { $exists: false } },
    main ? { target: main } : {},
  )
  // The transition's dotted path, as the stored document now nests it.
  const ratedMainReplies = { ...p.ratedMainReplies, [String(reply.index)]: entry.at }
  return toDetail(ctx, { ...done, ratedMainReplies }, caller, { main })
}
