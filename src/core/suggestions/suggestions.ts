import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { Filter } from '../shared/ports'
import { PC } from '../proposals/collections'
import { newestFirst, placeAfter } from '../proposals/newest-first'
import { checkTexts } from '../shared/content'
import { loadSession, membersWithRole } from '../proposals/lookup'
import type { ProposalDoc } from '../proposals/model'
import { proposalValues } from '../proposals/notify'
import { toDetail } from '../proposals/present'
import { REASONS_MAX, sessionPhase, TITLE_MAX } from '../proposals/rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalDetail } from '../proposals/views'
import { SC } from './collections'
import type { SuggestionDoc } from './model'
import type { SuggestionPage, SuggestionView } from './views'
import { pageLink, ROUTES } from '../shared/routes'

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
    // The committee is a handful of people: their messages go at once.
    const committee = await membersWithRole(ctx.store, caller.unionId, 'committee')
    await Promise.all(
      committee.map((m) =>
        ctx.notifier.send({
          key: `suggestion:${doc._id}:${m._id}:new`,
          unionId: caller.unionId,
          memberId: m._id,
          kind: 'suggestion',
          title: '新的合理化建议',
          body: `${caller.name}提出了建议「${input.title}」。`,
          link: ROUTES.suggestions,
        }),
      ),
    )
  }
  return toView(doc, caller, false)
}

/** Suggestions per page. */
const PAGE = 20
/** A member's own suggestions still waiting for an answer, shown first: a person has a few at a time. */
const OWN_OPEN_MAX = 20
/** The two parts of the list, each newest day first: waiting for an answer, and answered or adopted. */
const PARTS = {
  open: { status: 'open' },
  done: { status: { $in: ['answered', 'converted'] } },
} satisfies Record<string, Filter>
type Part = keyof typeof PARTS

/** Within a day the random ids give no order of arrival, and none is implied. */
const page = (ctx: Ctx, part: Part, cursor?: string) =>
  newestFirst<SuggestionDoc>(
    ctx.store,
    {
      collection: SC.suggestions,
      filter: { unionId: me(ctx).unionId, ...PARTS[part] },
      field: 'submittedOn',
      tag: part,
    },
    PAGE,
    cursor,
  )

/**
 * For every member: what the committee answered publicly, a page at a time, and on the first page the
 * caller's own named suggestions still waiting for an answer.
 */
export async function listSuggestions(ctx: Ctx, input: { cursor?: string }): Promise<SuggestionPage> {
  const caller = me(ctx)
  const [own, answered] = await Promise.all([
    input.cursor
      ? []
      : ctx.store.find<SuggestionDoc>(
          SC.suggestions,
          { unionId: caller.unionId, authorId: caller._id, status: 'open' },
          { sort: { submittedOn: -1 }, limit: OWN_OPEN_MAX },
        ),
    page(ctx, 'done', input.cursor),
  ])
  const items = [...own.filter((s) => !s.anonymous), ...answered.docs].map((s) => toView(s, caller, false))
  return answered.next ? { items, more: true, next: answered.next } : { items, more: false }
}

/** The cursor of the answered part's start, for the page on which the waiting ones ended. */
const DONE_START = 'done'

/**
 * For the committee and the chair: every suggestion, those waiting for an answer first, a page at a time.
 * The page that reaches the end of the waiting ones goes on with the answered ones.
 */
export async function suggestionInbox(ctx: Ctx, input: { cursor?: string }): Promise<SuggestionPage> {
  const caller = me(ctx)
  const view = (list: SuggestionDoc[]) => list.map((s) => toView(s, caller, true))
  const cursor = input.cursor === DONE_START ? undefined : input.cursor
  if (input.cursor === DONE_START || cursor?.startsWith('done~')) {
    const done = await page(ctx, 'done', cursor)
    return done.next ? { items: view(done.docs), more: true, next: done.next } : { items: view(done.docs), more: false }
  }
  // The answered ones' first page is read beside the first waiting ones, in case those end on this page.
  const [open, done] = await Promise.all([page(ctx, 'open', cursor), cursor ? null : page(ctx, 'done')])
  if (open.next) return { items: view(open.docs), more: true, next: open.next }
  const following = done ?? (await page(ctx, 'done'))
  const room = PAGE - open.docs.length
  const taken = following.docs.slice(0, room)
  const items = view([...open.docs, ...taken])
  const last = taken[taken.length - 1]
  if (following.docs.length > room || following.more)
    return { items, more: true, next: last ? placeAfter('done', 'submittedOn', last) : DONE_START }
  return { items, more: false }
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
    link: ROUTES.suggestions,
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
    link: pageLink(ROUTES.proposalEdit, { id: draft._id }),
    template: 'proposal',
    templateData: proposalValues(draft, title, body, at),
  })
  await tellAuthor(ctx, s, 'converted', `您的建议「${s.title}」已由${delegate.name}代表领办，将作为提案提交。`)
  return toDetail(ctx, draft, caller)
}
