import type { MemberDoc } from '../members/model'
import type { JobCtx } from '../shared/context'
import { membersWithRole } from './lookup'
import { mergedInto, tellOfReply } from './reply-news'
import type { PendingStep, ProposalDoc } from './model'
import { label, namedOn, notifyPeople, sentence } from './notify'
import type { ProposalDetail } from './views'

/**
 * 答复须经提案工作委员会审核 (session.replySignOff 'committee'): the steps' messages, for follow-up.ts's
 * FINISHERS, and who may see a reply still waiting. This file imports nothing from follow-up.ts, which
 * imports it.
 */

const idsWithRole = async (ctx: JobCtx, unionId: string, role: string, department?: string) =>
  (await membersWithRole(ctx.store, unionId, role, department)).map((m) => m._id)

/** Whether the caller may read a reply the committee has not released: the committee, the chair, the 主办 head. */
export function seesWithheldReply(p: ProposalDoc, caller: MemberDoc): boolean {
  const has = (role: string) => caller.roles.some((r) => r === role)
  if (has('committee') || has('chair')) return true
  return has('deptHead') && !!caller.department && caller.department === p.assignment?.lead
}

/** The proposal as the caller may see its replies: a reply waiting for sign-off is left out for everyone else. */
export function withoutWithheldReply(p: ProposalDoc, caller: MemberDoc): ProposalDoc {
  const waiting = p.pendingSignOff
  if (!waiting || seesWithheldReply(p, caller)) return p
  return { ...p, replies: p.replies.filter((_, i) => i !== waiting.replyIndex) }
}

/** What the committee and the 主办 department see of 答复审核 on the page; nothing for anyone else. */
export function signOffView(p: ProposalDoc, caller: MemberDoc): ProposalDetail['signOff'] {
  if (!seesWithheldReply(p, caller) || (!p.pendingSignOff && !p.signOffReturn)) return undefined
  const view: NonNullable<ProposalDetail['signOff']> = {}
  if (p.pendingSignOff) view.waitingSince = p.pendingSignOff.at
  const back = p.signOffReturn
  if (back) view.returned = { note: back.note, at: back.at, byName: back.byName, text: back.reply.text }
  return view
}

/** A reply now waits: the committee is asked to release it or send it back. */
export async function finishReplyForSignOff(ctx: JobCtx, p: ProposalDoc, { step }: PendingStep): Promise<void> {
  const reply = p.replies[p.pendingSignOff?.replyIndex ?? p.replies.length - 1]
  if (!reply) return
  const committee = await idsWithRole(ctx, p.unionId, 'committee')
  await notifyPeople(
    ctx,
    p,
    committee.filter((id) => !namedOn(p).includes(id)),
    'sign-off',
    {
      title: '有提案答复待审核',
      body: `${reply.department}已答复${label(p)}（${reply.resolution}），请审核后发给提案人，或退回部门重新答复。`,
      status: '答复待审核',
      note: '请审核后发给提案人',
    },
    step,
  )
}

/**
 * The committee released the reply: the proposer, the seconders and the people of proposals merged into
 * this one hear exactly what they hear of a reply without sign-off.
 */
export async function finishSignOff(ctx: JobCtx, p: ProposalDoc, { step }: PendingStep): Promise<void> {
  const reply = p.replies[p.replies.length - 1]
  if (!reply) return
  await tellOfReply(ctx, p, reply, await mergedInto(ctx, p), step)
}

/** The committee sent the reply back before release: the 主办 heads hear why. */
export async function finishSignOffReturn(ctx: JobCtx, p: ProposalDoc, { step }: PendingStep): Promise<void> {
  const heads = await idsWithRole(ctx, p.unionId, 'deptHead', p.assignment?.lead ?? '')
  await notifyPeople(
    ctx,
    p,
    heads,
    'sign-off-returned',
    {
      title: '提案答复未通过审核',
      body: `${label(p)}的答复未通过提案工作委员会审核，意见：${sentence(p.signOffReturn?.note ?? '')}请修改后重新答复。`,
      status: '答复被退回',
      note: '请看审核意见后重新答复',
    },
    step,
  )
}
