import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import { PC } from '../proposals/collections'
import { checkTexts } from '../shared/content'
import { loadSession, membersWithRole } from '../proposals/lookup'
import type { ProposalDoc } from '../proposals/model'
import { proposalValues } from '../proposals/notify'
import { toDetail } from '../proposals/present'
import { REASONS_MAX, sessionPhase, shanghaiDate, TITLE_MAX } from '../proposals/rules'
import type { ProposalDetail } from '../proposals/views'
import { SC } from './collections'
import type { SuggestionDoc } from './model'
import type { SuggestionView } from './views'

const LABELS: Record<SuggestionDoc['status'], string> = { open: '待答复', answered: '已答复', converted: '已转为提案' }

function toView(s: SuggestionDoc, caller: MemberDoc, showAuthor: boolean): SuggestionView {
  const view: SuggestionView = {
    id: s._id,
    title: s.title,
    content: s.content,
    submittedOn: s.submittedOn,
    anonymous: s.anonymous,
    status: s.status,
    statusLabel: LABELS[s.status],
    mine: !s.anonymous && s.authorId === caller._id,
  }
  if (showAuthor && !s.anonymous && s.authorName) view.authorName = s.authorName
  if (s.answer) view.answer = s.answer
  if (s.convertedTo)
    view.convertedTo = { proposalId: s.convertedTo.proposalId, delegateName: s.convertedTo.delegateName }
  return view
}

/** Not time-ordered (unlike ids.newId): 16 characters from a crypto-random 32-letter alphabet. */
function randomId(ctx: Ctx): string {
  return `${ctx.ids.inviteCode()}${ctx.ids.inviteCode()}`.toLowerCase()
}

export async function submitSuggestion(
  ctx: Ctx,
  input: { title: string; content: string; anonymous: boolean },
): Promise<SuggestionView> {
  const caller = me(ctx)
  await checkTexts(ctx, { title: input.title, content: input.content })
  const doc: SuggestionDoc = {
    _id: input.anonymous ? randomId(ctx) : ctx.ids.newId(),
    unionId: caller.unionId,
    title: input.title,
    content: input.content,
    anonymous: input.anonymous,
    submittedOn: shanghaiDate(ctx.clock.now()),
    status: 'open',
  }
  if (!input.anonymous) {
    doc.authorId = caller._id
    doc.authorName = caller.name
  }
  await ctx.store.insert(SC.suggestions, doc)
  // An anonymous one is not announced: a message's timestamp would date the submission to the minute.
  if (!input.anonymous) {
    for (const m of await membersWithRole(ctx.store, caller.unionId, 'committee')) {
      await ctx.notifier.send({
        key: `suggestion:${doc._id}:${m._id}:new`,
        unionId: caller.unionId,
        memberId: m._id,
        kind: 'suggestion',
        title: '新的合理化建议',
        body: `${caller.name}提出了建议「${input.title}」。`,
        link: '/subpackages/proposals/suggestions/index',
      })
    }
  }
  return toView(doc, caller, false)
}

/** Newest day first; within a day the random ids give no order of arrival. */
const newestFirst = (a: SuggestionDoc, b: SuggestionDoc) =>
  a.submittedOn === b.submittedOn ? (a._id < b._id ? -1 : 1) : a.submittedOn < b.submittedOn ? 1 : -1

/** For every member: what the committee answered publicly, and the caller's own named suggestions. */
export async function listSuggestions(ctx: Ctx): Promise<SuggestionView[]> {
  const caller = me(ctx)
  const all = await findAll<SuggestionDoc>(ctx.store, SC.suggestions, { unionId: caller.unionId })
  return all
    .filter((s) => s.status !== 'open' || (!s.anonymous && s.authorId === caller._id))
    .sort(newestFirst)
    .map((s) => toView(s, caller, false))
}

export async function suggestionInbox(ctx: Ctx): Promise<SuggestionView[]> {
  const caller = me(ctx)
  const all = await findAll<SuggestionDoc>(ctx.store, SC.suggestions, { unionId: caller.unionId })
  const open = all.filter((s) => s.status === 'open').sort(newestFirst)
  const done = all.filter((s) => s.status !== 'open').sort(newestFirst)
  return [...open, ...done].map((s) => toView(s, caller, true))
}

async function loadSuggestion(ctx: Ctx, id: string): Promise<SuggestionDoc> {
  const s = await ctx.store.findOne<SuggestionDoc>(SC.suggestions, { _id: id, unionId: me(ctx).unionId })
  if (!s) throw new AppError('NOT_FOUND', '找不到这条建议')
  return s
}

function refuseUnlessOpen(s: SuggestionDoc): void {
  if (s.status !== 'open') throw new AppError('CONFLICT', `这条建议${LABELS[s.status]}，不能再处理`)
}

async function tellAuthor(ctx: Ctx, s: SuggestionDoc, occasion: string, body: string): Promise<void> {
  if (s.anonymous || !s.authorId) return
  await ctx.notifier.send({
    key: `suggestion:${s._id}:${s.authorId}:${occasion}`,
    unionId: s.unionId,
    memberId: s.authorId,
    kind: 'suggestion',
    title: '您的合理化建议有回音了',
    body,
    link: '/subpackages/proposals/suggestions/index',
  })
}

export async function answerSuggestion(
  ctx: Ctx,
  input: { suggestionId: string; answer: string },
): Promise<SuggestionView> {
  const caller = me(ctx)
  const s = await loadSuggestion(ctx, input.suggestionId)
  refuseUnlessOpen(s)
  await checkTexts(ctx, { answer: input.answer })
  const answer = { text: input.answer, at: nowIso(ctx), byName: caller.name }
  const matched = await ctx.store.updateOne(
    SC.suggestions,
    { _id: s._id, unionId: s.unionId, status: 'open' },
    { $set: { status: 'answered', answer } },
  )
  if (!matched) throw new AppError('CONFLICT', '这条建议刚刚已被处理，请刷新后再看')
  await tellAuthor(ctx, s, 'answered', `提案委员会答复了您的建议「${s.title}」。`)
  return toView({ ...s, status: 'answered', answer }, caller, true)
}

/** A delegate adopts the suggestion: it becomes their proposal draft, which they complete and submit. */
export async function convertSuggestion(
  ctx: Ctx,
  input: { suggestionId: string; delegateId: string; sessionId: string },
): Promise<ProposalDetail> {
  const caller = me(ctx)
  const s = await loadSuggestion(ctx, input.suggestionId)
  refuseUnlessOpen(s)
  const session = await loadSession(ctx.store, caller.unionId, input.sessionId)
  if (sessionPhase(session, ctx.clock.now()) === 'closed')
    throw new AppError('CONFLICT', `${session.name}的提案征集已经截止`)
  const delegate = await ctx.store.findOne<MemberDoc>(C.members, { _id: input.delegateId, unionId: caller.unionId })
  if (!delegate || delegate.status !== 'active' || !delegate.roles.includes('delegate')) {
    throw new AppError('BAD_INPUT', '请选择一位教代会代表来领办这条建议', { delegateId: '请选择教代会代表' })
  }
  const at = nowIso(ctx)
  const draft: ProposalDoc = {
    _id: ctx.ids.newId(),
    unionId: caller.unionId,
    sessionId: session._id,
    status: 'draft',
    title: Array.from(s.title).slice(0, TITLE_MAX).join(''),
    reasons: Array.from(s.content).slice(0, REASONS_MAX).join(''),
    suggestion: '',
    category: '',
    suggestedDept: '',
    openForSeconds: false,
    fromSuggestionId: s._id,
    proposerId: delegate._id,
    proposerName: delegate.name,
    seconders: [],
    mergedFrom: [],
    replies: [],
    replyReturned: false,
    ratings: [],
    redone: false,
    history: [{ at, byId: caller._id, byName: caller.name, action: `由合理化建议转为${delegate.name}的提案草稿` }],
    createdAt: at,
    updatedAt: at,
  }
  const convertedTo = { proposalId: draft._id, delegateName: delegate.name, at, byName: caller.name }
  const matched = await ctx.store.updateOne(
    SC.suggestions,
    { _id: s._id, unionId: s.unionId, status: 'open' },
    { $set: { status: 'converted', convertedTo } },
  )
  if (!matched) throw new AppError('CONFLICT', '这条建议刚刚已被处理，请刷新后再看')
  await ctx.store.insert(PC.proposals, draft)
  const title = '请您领办一条合理化建议'
  const body = `提案委员会把建议「${s.title}」转为您的提案草稿，请补充具体建议后征集附议并提交。`
  await ctx.notifier.send({
    key: `proposal:${draft._id}:${delegate._id}:adopt`,
    unionId: caller.unionId,
    memberId: delegate._id,
    kind: 'proposal',
    title,
    body,
    link: `/subpackages/proposals/edit/index?id=${draft._id}`,
    template: 'proposal',
    templateData: proposalValues(draft, title, body, at),
  })
  await tellAuthor(ctx, s, 'converted', `您的建议「${s.title}」已由${delegate.name}代表领办，将作为提案提交。`)
  return toDetail(ctx, draft, caller)
}
