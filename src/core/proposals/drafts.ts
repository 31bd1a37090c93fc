import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { GroupDoc } from '../members/model'
import { PC } from './collections'
import { checkTexts } from '../shared/content'
import { historyEntry, loadSession, loadVisibleProposal, membersWithRole, sessionsOfUnion } from './lookup'
import type { ProposalDoc, SessionDoc } from './model'
import { toDetail } from './present'
import { refusalFor, sessionPhase, STATUS_LABELS } from './rules'
import { SIMILAR_THRESHOLD, similarityScore } from './similarity'
import type { DelegateOption, ProposalDetail, SimilarProposal } from './views'

export interface DraftInput {
  proposalId?: string
  sessionId: string
  title: string
  reasons: string
  suggestion: string
  category: string
  suggestedDept: string
  openForSeconds: boolean
}

function refuseUnknownChoices(session: SessionDoc, input: DraftInput): void {
  if (input.category && !session.categories.includes(input.category)) {
    throw new AppError('BAD_INPUT', '请从列表中选择类别', { category: '请从列表中选择类别' })
  }
  if (input.suggestedDept && !session.departments.includes(input.suggestedDept)) {
    throw new AppError('BAD_INPUT', '请从列表中选择承办部门', { suggestedDept: '请从列表中选择承办部门' })
  }
}

/** Creates or updates the caller's own draft; the text rules of submission are checked at submission. */
export async function saveDraft(ctx: Ctx, input: DraftInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const session = await loadSession(ctx.store, caller.unionId, input.sessionId)
  if (sessionPhase(session, ctx.clock.now()) === 'closed')
    throw new AppError('CONFLICT', `${session.name}的提案征集已经截止`)
  refuseUnknownChoices(session, input)
  const fields = {
    title: input.title,
    reasons: input.reasons,
    suggestion: input.suggestion,
    category: input.category,
    suggestedDept: input.suggestedDept,
    openForSeconds: input.openForSeconds,
  }
  if (input.proposalId) {
    const { p } = await loadVisibleProposal(ctx, input.proposalId)
    if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只能修改自己的提案')
    if (p.status !== 'draft') throw new AppError('CONFLICT', refusalFor('edit', p.status))
    if (p.sessionId !== session._id) throw new AppError('BAD_INPUT', '草稿不能换到另一届教代会')
    await checkTexts(ctx, { title: input.title, reasons: input.reasons, suggestion: input.suggestion })
    const matched = await ctx.store.updateOne(
      PC.proposals,
      { _id: p._id, unionId: caller.unionId, proposerId: caller._id, status: 'draft' },
      { $set: { ...fields, updatedAt: nowIso(ctx) } },
    )
    if (!matched) throw new AppError('CONFLICT', '这份提案已经提交，不能再修改')
    const saved = (await ctx.store.findOne<ProposalDoc>(PC.proposals, {
      _id: p._id,
      unionId: caller.unionId,
    })) as ProposalDoc
    return toDetail(ctx, saved, caller)
  }
  await checkTexts(ctx, { title: input.title, reasons: input.reasons, suggestion: input.suggestion })
  const at = nowIso(ctx)
  const doc: ProposalDoc = {
    _id: ctx.ids.newId(),
    unionId: caller.unionId,
    sessionId: session._id,
    status: 'draft',
    ...fields,
    proposerId: caller._id,
    proposerName: caller.name,
    seconders: [],
    mergedFrom: [],
    replies: [],
    replyReturned: false,
    ratings: [],
    redone: false,
    history: [historyEntry(ctx, '起草')],
    createdAt: at,
    updatedAt: at,
  }
  await ctx.store.insert(PC.proposals, doc)
  return toDetail(ctx, doc, caller)
}

/**
 * How many of the newest submitted proposals 一事一案 compares with: a school's last several sessions. Older
 * ones are history the committee knows; comparing text cannot happen in a query, so the scan is bounded.
 */
const SIMILAR_SCAN = 300
const SIMILAR_PAGE = 100

/** Submitted proposals of this and recent sessions that look like the same issue (一事一案). */
export async function similarProposals(
  ctx: Ctx,
  input: { title: string; reasons: string; excludeId?: string },
): Promise<SimilarProposal[]> {
  const { unionId } = me(ctx)
  if (Array.from(input.title + input.reasons).length < 4) return []
  // The sessions and every page of the scan at once (pages of one request each, newest submission first).
  const [sessionList, ...pages] = await Promise.all([
    sessionsOfUnion(ctx.store, unionId),
    ...Array.from({ length: SIMILAR_SCAN / SIMILAR_PAGE }, (_, i) =>
      ctx.store.find<ProposalDoc>(
        PC.proposals,
        { unionId, submittedAt: { $exists: true } },
        { sort: { submittedAt: -1, _id: -1 }, skip: i * SIMILAR_PAGE, limit: SIMILAR_PAGE },
      ),
    ),
  ])
  const sessions = new Map(sessionList.map((s) => [s._id, s.name]))
  const published = [...new Map(pages.flat().map((p) => [p._id, p])).values()]
  return published
    .filter((p) => p._id !== input.excludeId)
    .map((p) => ({ p, score: similarityScore(input, p) }))
    .filter(({ score }) => score >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
    .map(({ p, score }) => {
      const view: SimilarProposal = {
        id: p._id,
        title: p.title,
        sessionName: sessions.get(p.sessionId) ?? '',
        statusLabel: STATUS_LABELS[p.status],
        score,
      }
      if (p.code) view.code = p.code
      return view
    })
}

/** Delegates the caller can invite to second (everyone but the caller). */
export async function listDelegates(ctx: Ctx): Promise<DelegateOption[]> {
  const caller = me(ctx)
  const groups = new Map(
    (await ctx.store.find<GroupDoc>(C.groups, { unionId: caller.unionId }, { limit: 200 })).map((g) => [g._id, g.name]),
  )
  return (await membersWithRole(ctx.store, caller.unionId, 'delegate'))
    .filter((m) => m._id !== caller._id)
    .map((m) => ({ id: m._id, name: m.name, groupName: groups.get(m.groupId) ?? '' }))
}
