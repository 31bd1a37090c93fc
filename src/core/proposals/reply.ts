import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { replyAttachmentIds } from './files'
import { advance, loadSettled } from './follow-up'
import { historyEntry, loadSession, refuseIfNamed, refuseUnlessIn } from './lookup'
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
  /** Ids of the head's uploads (proposals.uploadFile) to attach to the reply. */
  attachments?: string[]
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
  if (p.pendingSignOff) throw new AppError('CONFLICT', '您的答复已提交，正在等待提案工作委员会审核')
  refuseIfNamed(p, caller._id, RECUSE_REPLY)
  const [session, , attachmentIds] = await Promise.all([
    loadSession(ctx.store, p.unionId, p.sessionId),
    checkTexts(ctx, { text: input.text }),
    replyAttachmentIds(ctx, input.attachments),
  ])
  // 答复须经审核: the reply waits for the committee (sign-off.ts), the proposal staying with the department.
  const signOff = session.replySignOff === 'committee'
  const entry = historyEntry(ctx, `${lead}答复（${input.resolution}）${signOff ? '，待提案工作委员会审核' : ''}`)
  const reply: ReplyEntry = {
    at: entry.at,
    department: lead,
    byId: caller._id,
    byName: caller.name,
    method: input.method,
    resolution: input.resolution,
    text: input.text,
    ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
  }
  // The first reply's timeliness is kept as a field, so the report counts it instead of reading replies.
  const set: Record<string, unknown> = signOff
    ? { pendingSignOff: { replyIndex: p.replies.length, at: entry.at } }
    : { status: 'replied' }
  if (p.replies.length === 0 && p.assignment)
    set.firstReplyOnTime = shanghaiDate(new Date(entry.at)) <= p.assignment.replyBy
  const replied = await advance(
    ctx,
    p,
    signOff ? 'replyForSignOff' : 'reply',
    'reply',
    { $set: set, $push: { replies: [reply], ...(attachmentIds.length > 0 ? { fileIds: attachmentIds } : {}) } },
    entry,
    { 'assignment.lead': lead, pendingSignOff: { $exists: false } },
  )
  return toDetail(ctx, replied, caller, { session })
}
