import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import type { Filter } from '../shared/ports'
import { findAll } from '../shared/paging'
import { PC } from './collections'
import { loadVisibleProposal, sessionsOfUnion } from './lookup'
import type { ProposalDoc, ProposalStatus, SecondDoc, SessionDoc } from './model'
import { toDetail, toSummary } from './present'
import { daysBetween, isOverdue, sessionPhase, shanghaiDate, wasSubmitted } from './rules'
import type { MyProposals, OverdueItem, ProposalDetail, ProposalSummary, ProposalTodo } from './views'

export async function getProposal(ctx: Ctx, input: { proposalId: string }): Promise<ProposalDetail> {
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  return toDetail(ctx, p, me(ctx))
}

/** Numbered proposals first in number order, then the rest newest first. */
function byCode(a: ProposalSummary, b: ProposalSummary): number {
  if (a.code && b.code) return a.code < b.code ? 1 : a.code > b.code ? -1 : 0
  if (a.code) return -1
  if (b.code) return 1
  return a.updatedAt < b.updatedAt ? 1 : -1
}

async function sessionNames(ctx: Ctx, unionId: string): Promise<Map<string, SessionDoc>> {
  return new Map((await sessionsOfUnion(ctx.store, unionId)).map((s) => [s._id, s]))
}

export interface BoardFilter {
  sessionId?: string
  status?: ProposalStatus
  category?: string
  department?: string
}

/** 校务公开: every submitted proposal with its handling (withdrawn ones as 已撤回); drafts never appear here. */
export async function board(ctx: Ctx, input: BoardFilter): Promise<ProposalSummary[]> {
  const { unionId } = me(ctx)
  const filter: Filter = { unionId, status: input.status && input.status !== 'draft' ? input.status : { $ne: 'draft' } }
  if (input.sessionId) filter.sessionId = input.sessionId
  if (input.category) filter.category = input.category
  if (input.department) filter['assignment.lead'] = input.department
  const sessions = await sessionNames(ctx, unionId)
  const today = shanghaiDate(ctx.clock.now())
  return (await findAll<ProposalDoc>(ctx.store, PC.proposals, filter))
    .filter(wasSubmitted)
    .map((p) => toSummary(p, sessions.get(p.sessionId)?.name ?? '', today))
    .sort(byCode)
}

export async function myProposals(ctx: Ctx): Promise<MyProposals> {
  const caller = me(ctx)
  const { unionId } = caller
  const sessions = await sessionNames(ctx, unionId)
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const name = (p: ProposalDoc) => sessions.get(p.sessionId)?.name ?? ''
  const mine = (await findAll<ProposalDoc>(ctx.store, PC.proposals, { unionId, proposerId: caller._id }))
    .map((p) => toSummary(p, name(p), today))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
  const open = (
    await findAll<ProposalDoc>(ctx.store, PC.proposals, { unionId, status: 'draft', openForSeconds: true })
  ).filter((p) => p.proposerId !== caller._id)
  const asked = await findAll<SecondDoc>(ctx.store, PC.seconds, { unionId, memberId: caller._id, locked: false })
  const askedIds = new Set(asked.map((s) => s.proposalId))
  const invitedDrafts = await Promise.all(
    [...askedIds]
      .filter((id) => !open.some((p) => p._id === id))
      .map((id) => ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: id, unionId, status: 'draft' })),
  )
  const candidates = [...open, ...invitedDrafts.filter((p): p is ProposalDoc => p !== null)].filter((p) => {
    const s = sessions.get(p.sessionId)
    return s !== undefined && sessionPhase(s, now) !== 'closed'
  })
  const statusOf = new Map(asked.map((s) => [s.proposalId, s.status]))
  const toSecond = candidates.map((p) => {
    const summary = toSummary(p, name(p), today)
    const myStatus = statusOf.get(p._id)
    return myStatus ? { ...summary, myStatus } : summary
  })
  return { mine, toSecond }
}

/** The home page's counts: one cheap count per thing the caller may have to do. */
export async function proposalTodo(ctx: Ctx): Promise<ProposalTodo> {
  const caller = me(ctx)
  const { unionId } = caller
  const has = (role: string) => caller.roles.some((r) => r === role)
  const now = ctx.clock.now()
  const sessions = await sessionsOfUnion(ctx.store, unionId)
  const current =
    sessions.find((s) => sessionPhase(s, now) === 'open') ?? sessions.find((s) => sessionPhase(s, now) === 'upcoming')
  const count = (filter: Filter) => ctx.store.count(PC.proposals, { unionId, ...filter })
  const todo: ProposalTodo = {
    myDrafts: 0,
    myInProgress: 0,
    toRate: 0,
    invitations: 0,
    toReview: 0,
    toAssign: 0,
    repliesToCheck: 0,
    toReply: 0,
  }
  if (current) {
    todo.currentSession = {
      id: current._id,
      name: current.name,
      open: sessionPhase(current, now) === 'open',
      closesOn: shanghaiDate(new Date(current.closesAt)),
    }
  }
  if (has('delegate')) {
    todo.myDrafts = await count({ proposerId: caller._id, status: 'draft' })
    todo.myInProgress = await count({
      proposerId: caller._id,
      status: { $in: ['submitted', 'accepted', 'converted', 'assigned', 'replied'] },
    })
    todo.toRate = await count({ proposerId: caller._id, status: 'replied' })
    todo.invitations = await ctx.store.count(PC.seconds, {
      unionId,
      memberId: caller._id,
      status: 'invited',
      locked: false,
    })
  }
  if (has('committee')) {
    todo.toReview = await count({ status: 'submitted' })
    todo.toAssign = await count({ status: { $in: ['accepted', 'converted'] } })
    todo.repliesToCheck = await count({ status: 'replied', replyReturned: false })
  }
  if (has('deptHead') && caller.department) {
    todo.toReply = await count({ status: 'assigned', 'assignment.lead': caller.department })
  }
  return todo
}

/** With a department past the reply date, longest overdue first. */
export async function overdueProposals(ctx: Ctx): Promise<OverdueItem[]> {
  const { unionId } = me(ctx)
  const sessions = await sessionNames(ctx, unionId)
  const today = shanghaiDate(ctx.clock.now())
  return (await findAll<ProposalDoc>(ctx.store, PC.proposals, { unionId, status: 'assigned' }))
    .filter((p) => isOverdue(p, today))
    .map((p) => ({
      ...toSummary(p, sessions.get(p.sessionId)?.name ?? '', today),
      daysOverdue: daysBetween(p.assignment?.replyBy ?? today, today),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue)
}
