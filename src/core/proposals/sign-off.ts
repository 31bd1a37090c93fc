import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { advance, loadSettled } from './follow-up'
import { historyEntry, refuseIfNamed, refuseUnlessIn } from './lookup'
import type { ProposalDoc } from './model'
import { toDetail } from './present'
import type { ProposalDetail } from './views'

export interface SignOffInput {
  proposalId: string
  approve: boolean
  note?: string
}

/** Shortest note that tells a department what to change. */
const NOTE_MIN = 5

/**
 * 答复审核 (session.replySignOff 'committee'): a reply waits on the proposal, status staying 'assigned', until
 * a committee member (not one named on it: 回避) releases it — it becomes 'replied' and reaches the proposer
 * as any reply does — or sends it back to the department with a note; the reply is then withdrawn (it never
 * reached the proposer) and kept with the note for the department. One conditional update on the waiting
 * reply's index, so of two members acting at once only one wins.
 */
export async function signOffReply(ctx: Ctx, input: SignOffInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'reply')
  const waiting = p.pendingSignOff
  const reply = waiting ? p.replies[waiting.replyIndex] : undefined
  if (!waiting || !reply) throw new AppError('CONFLICT', '这份提案现在没有待审核的答复')
  refuseIfNamed(p, caller._id)
  const note = (input.note ?? '').trim()
  if (!input.approve && Array.from(note).length < NOTE_MIN)
    throw new AppError('BAD_INPUT', `退回请写明审核意见（至少${NOTE_MIN}个字），部门会据此修改`, {
      note: '请写明需要修改的地方',
    })
  if (note) await checkTexts(ctx, { note })
  const index = waiting.replyIndex
  // Only while this very reply waits: a release and a send-back at once cannot both take.
  const still = { 'pendingSignOff.replyIndex': index }
  let done: ProposalDoc
  if (input.approve) {
    const entry = historyEntry(ctx, '审核答复，同意发给提案人', note || undefined)
    done = await advance(
      ctx,
      p,
      'signOff',
      'reply',
      { $set: { status: 'replied', replyReleasedAt: entry.at }, $unset: { pendingSignOff: true } },
      entry,
      still,
    )
  } else {
    const entry = historyEntry(ctx, '审核答复，退回部门重新答复', note)
    done = await advance(
      ctx,
      p,
      'signOffReturn',
      'reply',
      {
        $set: {
          replies: p.replies.slice(0, index),
          signOffReturn: { reply, note, at: entry.at, byName: caller.name },
        },
        $unset: { pendingSignOff: true },
      },
      entry,
      still,
    )
  }
  // advance() knows the $set only: the removed field is removed here too.
  const now: ProposalDoc = { ...done }
  delete now.pendingSignOff
  return toDetail(ctx, now, caller)
}
