import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { PC } from './collections'
import { checkTexts } from '../shared/content'
import {
  historyEntry,
  loadSession,
  loadVisibleProposal,
  membersWithRole,
  refuseUnlessIn,
  reloadProposal,
  transition,
} from './lookup'
import type { ProposalDoc } from './model'
import { label, namedOn, notifyPeople } from './notify'
import { toDetail } from './present'
import { FROM, refusalFor, shanghaiDate, splitList } from './rules'
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
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  refuseUnlessIn(p, 'review')
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
  const outcome = {
    accept: { status: 'accepted', action: '立案' },
    reject: { status: 'converted', action: '不予立案，转为意见建议' },
    merge: { status: 'merged', action: `并案，并入${target ? label(target) : ''}` },
  }[input.decision]
  const set: Record<string, unknown> = { status: outcome.status, review }
  if (target) set.mergedInto = target._id
  await transition(ctx, p, 'review', { $set: set }, historyEntry(ctx, outcome.action, input.reason || undefined))
  if (target) {
    await ctx.store.updateOne(
      PC.proposals,
      { _id: target._id, unionId: target.unionId },
      { $push: { mergedFrom: [p._id], history: [historyEntry(ctx, `并入${label(p)}`)] }, $set: { updatedAt: at } },
    )
  }
  const reviewed = await reloadProposal(ctx.store, p)
  await notifyPeople(
    ctx,
    reviewed,
    namedOn(reviewed),
    'reviewed',
    `提案审查结果：${outcome.action.slice(0, 8)}`,
    `${label(reviewed)}：${outcome.action}。${input.reason}`,
  )
  if (target) {
    const t = await reloadProposal(ctx.store, target)
    await notifyPeople(
      ctx,
      t,
      [t.proposerId],
      `merged-${p._id}`,
      '有提案并入了您的提案',
      `${label(p)}已并入您的${label(t)}，将一并办理。`,
    )
  }
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
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  refuseUnlessIn(p, 'assign')
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
  await transition(
    ctx,
    p,
    'assign',
    {
      $set: { status: 'assigned', assignment: { lead: input.lead, cooperating, replyBy: input.replyBy, at: entry.at } },
    },
    entry,
  )
  const assigned = await reloadProposal(ctx.store, p)
  const cooperatingHeads = (
    await Promise.all(cooperating.map((d) => membersWithRole(ctx.store, caller.unionId, 'deptHead', d)))
  ).flat()
  await notifyPeople(
    ctx,
    assigned,
    namedOn(assigned),
    'assigned',
    '提案已交办',
    `${label(assigned)}已交${input.lead}办理，答复期限${input.replyBy}。`,
  )
  await notifyPeople(
    ctx,
    assigned,
    leadHeads.map((m) => m._id),
    'to-reply',
    '有提案请您答复',
    `${label(assigned)}交由${input.lead}主办，请于${input.replyBy}前答复。`,
  )
  await notifyPeople(
    ctx,
    assigned,
    cooperatingHeads.map((m) => m._id),
    'cooperate',
    '有提案请您协办',
    `${label(assigned)}由${input.lead}主办，请${cooperating.join('、')}协助办理。`,
  )
  return toDetail(ctx, assigned, caller)
}

/** 答复审查: the committee sends a reply back to the department, once, with a reason. */
export async function returnReply(ctx: Ctx, input: { proposalId: string; reason: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  refuseUnlessIn(p, 'returnReply')
  if (p.replyReturned) throw new AppError('CONFLICT', '答复只能退回一次，这份答复已经退回过了')
  await checkTexts(ctx, { reason: input.reason })
  const entry = historyEntry(ctx, '退回答复，请部门重新答复', input.reason)
  await transition(
    ctx,
    p,
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
  const returned = await reloadProposal(ctx.store, p)
  const lead = returned.assignment?.lead ?? ''
  const heads = await membersWithRole(ctx.store, caller.unionId, 'deptHead', lead)
  await notifyPeople(
    ctx,
    returned,
    heads.map((m) => m._id),
    'reply-returned',
    '提案答复被退回',
    `${label(returned)}的答复被提案委员会退回：${input.reason}。请重新答复。`,
  )
  return toDetail(ctx, returned, caller)
}
