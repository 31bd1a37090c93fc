import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { advance, loadSettled, reviewAction } from './follow-up'
import {
  historyEntry,
  loadSession,
  loadVisibleProposal,
  membersWithRole,
  refuseIfNamed,
  refuseUnlessIn,
} from './lookup'
import type { ProposalDoc } from './model'
import { toDetail } from './present'
import { FROM, refusalFor, splitList } from './rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalDetail } from './views'

export interface ReviewInput {
  proposalId: string
  decision: 'accept' | 'reject' | 'merge'
  reason: string
  mergeIntoId?: string
}

/** 审查: 立案, 不予立案 (kept as 意见建议 and still answered), or 并案 into another proposal. */
export async function reviewProposal(ctx: Ctx, input: ReviewInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'review')
  refuseIfNamed(p, caller._id)
  if (input.decision === 'reject' && Array.from(input.reason).length < 5) {
    throw new AppError('BAD_INPUT', '不予立案请写明理由（至少5个字）', { reason: '请写明不予立案的理由' })
  }
  let target: ProposalDoc | null = null
  if (input.decision === 'merge') {
    if (!input.mergeIntoId) throw new AppError('BAD_INPUT', '请选择要并入的提案', { mergeIntoId: '请选择要并入的提案' })
    if (input.mergeIntoId === p._id) throw new AppError('BAD_INPUT', '不能并入自己', { mergeIntoId: '不能并入自己' })
    target = (await loadVisibleProposal(ctx, input.mergeIntoId)).p
    if (target.sessionId !== p.sessionId)
      throw new AppError('BAD_INPUT', '只能并入同一届的提案', { mergeIntoId: '只能并入同一届的提案' })
    if (!FROM.mergeTarget.includes(target.status))
      throw new AppError('CONFLICT', refusalFor('mergeTarget', target.status))
  }
  await checkTexts(ctx, { reason: input.reason })
  const at = nowIso(ctx)
  const review = { decision: input.decision, reason: input.reason, at, byName: caller.name }
  const status = { accept: 'accepted', reject: 'converted', merge: 'merged' }[input.decision]
  const set: Record<string, unknown> = { status, review }
  if (target) set.mergedInto = target._id
  // 并案 also adds this proposal to the target's list: finishing the step does it, once.
  const reviewed = await advance(
    ctx,
    p,
    'review',
    'review',
    { $set: set },
    historyEntry(ctx, reviewAction(input.decision, target), input.reason || undefined),
    {},
    target ? { target } : {},
  )
  return toDetail(ctx, reviewed, caller)
}

export interface AssignInput {
  proposalId: string
  lead: string
  cooperating: string
  replyBy: string
}

/** 交办: one 主办 department, optional 协办 departments, and the date the reply is due. */
export async function assignProposal(ctx: Ctx, input: AssignInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'assign')
  refuseIfNamed(p, caller._id)
  const session = await loadSession(ctx.store, caller.unionId, p.sessionId)
  if (!session.departments.includes(input.lead))
    throw new AppError('BAD_INPUT', '请从列表中选择主办部门', { lead: '请从列表中选择主办部门' })
  const cooperating = splitList(input.cooperating).filter((d) => d !== input.lead)
  const unknown = cooperating.find((d) => !session.departments.includes(d))
  if (unknown)
    throw new AppError('BAD_INPUT', `协办部门「${unknown}」不在本届承办部门中`, {
      cooperating: '请从列表中选择协办部门',
    })
  const today = shanghaiDate(ctx.clock.now())
  if (input.replyBy < today)
    throw new AppError('BAD_INPUT', '答复期限不能早于今天', { replyBy: '答复期限不能早于今天' })
  const leadHeads = await membersWithRole(ctx.store, caller.unionId, 'deptHead', input.lead)
  if (leadHeads.length === 0) {
    throw new AppError('CONFLICT', `${input.lead}还没有设置部门负责人，请先请工会主席在会员名册中设置`, {
      lead: '该部门没有负责人',
    })
  }
  const entry = historyEntry(
    ctx,
    `交办：主办${input.lead}${cooperating.length ? `，协办${cooperating.join('、')}` : ''}`,
    `请于${input.replyBy}前答复`,
  )
  const assigned = await advance(
    ctx,
    p,
    'assign',
    'assign',
    {
      $set: { status: 'assigned', assignment: { lead: input.lead, cooperating, replyBy: input.replyBy, at: entry.at } },
    },
    entry,
  )
  return toDetail(ctx, assigned, caller)
}

/** 答复审查: the committee sends a reply back to the department, once, with a reason. */
export async function returnReply(ctx: Ctx, input: { proposalId: string; reason: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'returnReply')
  refuseIfNamed(p, caller._id)
  if (p.replyReturned) throw new AppError('CONFLICT', '答复只能退回一次，这份答复已经退回过了')
  await checkTexts(ctx, { reason: input.reason })
  const entry = historyEntry(ctx, '退回答复，请部门重新答复', input.reason)
  const returned = await advance(
    ctx,
    p,
    'returnReply',
    'returnReply',
    {
      $set: {
        status: 'assigned',
        replyReturned: true,
        replyReturn: { replyIndex: p.replies.length - 1, reason: input.reason, at: entry.at, byName: caller.name },
      },
    },
    entry,
    { replyReturned: false },
  )
  return toDetail(ctx, returned, caller)
}
