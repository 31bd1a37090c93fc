import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { advance, loadSettled } from './follow-up'
import { historyEntry, refuseIfNamed, refuseUnlessIn } from './lookup'
import type { ReplyEntry, ReplyMethod, Resolution } from './model'
import { toDetail } from './present'
import { RECUSE_REPLY } from './rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalDetail } from './views'

export interface ReplyInput {
  proposalId: string
  method: ReplyMethod
  resolution: Resolution
  text: string
}

/** 答复: only the head of the 主办 department answers. */
export async function replyToProposal(ctx: Ctx, input: ReplyInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'reply')
  const lead = p.assignment?.lead ?? ''
  if (!caller.department || caller.department !== lead) {
    throw new AppError('FORBIDDEN', `这份提案由${lead}主办，只有${lead}负责人可以答复`)
  }
  refuseIfNamed(p, caller._id, RECUSE_REPLY)
  await checkTexts(ctx, { text: input.text })
  const entry = historyEntry(ctx, `${lead}答复（${input.resolution}）`)
  const reply: ReplyEntry = {
    at: entry.at,
    department: lead,
    byId: caller._id,
    byName: caller.name,
    method: input.method,
    resolution: input.resolution,
    text: input.text,
  }
  // The first reply's timeliness is kept as a field, so the report counts it instead of reading replies.
  const set: Record<string, unknown> = { status: 'replied' }
  if (p.replies.length === 0 && p.assignment)
    set.firstReplyOnTime = shanghaiDate(new Date(entry.at)) <= p.assignment.replyBy
  const replied = await advance(ctx, p, 'reply', 'reply', { $set: set, $push: { replies: [reply] } }, entry, {
    'assignment.lead': lead,
  })
  return toDetail(ctx, replied, caller)
}
