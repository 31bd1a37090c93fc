import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx, JobCtx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { FollowUp } from '../shared/follow-up'
import { DuplicateKeyError, type Filter } from '../shared/ports'
import { PC } from '../proposals/collections'
import { newestFirst, placeAfter } from '../proposals/newest-first'
import { checkTexts } from '../shared/content'
import { loadSession, membersWithRole } from '../proposals/lookup'
import type { ProposalDoc } from '../proposals/model'
import { proposalValues } from '../proposals/notify'
import { toDetail } from '../proposals/present'
import { REASONS_MAX, sessionPhase, TITLE_MAX, wasSubmitted } from '../proposals/rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalDetail } from '../proposals/views'
import { SC } from './collections'
import { identifyingWords } from './identifying'
import type { SuggestionDoc } from './model'
import type { SuggestionPage, SuggestionView } from './views'
import { pageLink, ROUTES } from '../shared/routes'

const LABELS: Record<SuggestionDoc['status'], string> = { open: '待答复', answered: '已答复', converted: '已转为提案' }

/**
 * `opens`: the proposals a suggestion was turned into that the caller may open (openable); without it no
 * link is given.
 */
function toView(s: SuggestionDoc, caller: MemberDoc, showAuthor: boolean, opens?: ReadonlySet<string>): SuggestionView {
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
  if (s.convertedTo) {
    const { proposalId, delegateName } = s.convertedTo
    view.convertedTo = opens?.has(proposalId) ? { delegateName, proposalId } : { delegateName }
  }
  return view
}

/**
 * Of the proposals these suggestions became, those the caller may open: submitted ones (everyone sees
 * those) and the caller's own drafts. A draft of someone else would only answer 「找不到这份提案」.
 */
async function openable(ctx: Ctx, list: SuggestionDoc[]): Promise<Set<string>> {
  const ids = [...new Set(list.flatMap((s) => (s.convertedTo ? [s.convertedTo.proposalId] : [])))]
  if (ids.length === 0) return new Set()
  const caller = me(ctx)
  const found = await ctx.store.find<ProposalDoc>(
    PC.proposals,
    { unionId: caller.unionId, _id: { $in: ids } },
    { limit: ids.length },
  )
  return new Set(found.filter((p) => wasSubmitted(p) || p.proposerId === caller._id).map((p) => p._id))
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
/** A member's own named suggestions on the first page: a person has a few at a time. */
const OWN_MAX = 20
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
 * caller's own named suggestions still waiting for an answer. The first page also carries `mine`: every
 * suggestion of the caller's — the named ones, and the anonymous ones whose ids their phone kept (`kept`;
 * the server stores no link between an anonymous suggestion and its author, so only the phone can say).
 */
export async function listSuggestions(ctx: Ctx, input: { cursor?: string; kept?: string[] }): Promise<SuggestionPage> {
  const caller = me(ctx)
  const first = !input.cursor
  const [named, kept, answered] = await Promise.all([
    first
      ? ctx.store.find<SuggestionDoc>(
          SC.suggestions,
          { unionId: caller.unionId, authorId: caller._id },
          { sort: { submittedOn: -1 }, limit: OWN_MAX },
        )
      : [],
    first && input.kept?.length
      ? ctx.store.find<SuggestionDoc>(
          SC.suggestions,
          { unionId: caller.unionId, _id: { $in: [...new Set(input.kept)] }, anonymous: true },
          { limit: input.kept.length },
        )
      : [],
    page(ctx, 'done', input.cursor),
  ])
  const own = named.filter((s) => !s.anonymous)
  const waiting = own.filter((s) => s.status === 'open')
  const opens = await openable(ctx, [...own, ...kept, ...answered.docs])
  const items = [...waiting, ...answered.docs].map((s) => toView(s, caller, false, opens))
  const reply: SuggestionPage = answered.next ? { items, more: true, next: answered.next } : { items, more: false }
  if (first) {
    // The anonymous ones are the caller's by what their phone kept; the view says so only to them.
    const mine = [
      ...own.map((s) => toView(s, caller, false, opens)),
      ...kept.map((s) => ({ ...toView(s, caller, false, opens), mine: true })),
    ]
    // Those still waiting first, then newest day first.
    const waitingFirst = (v: SuggestionView) => (v.status === 'open' ? 0 : 1)
    reply.mine = mine.sort((a, b) => waitingFirst(a) - waitingFirst(b) || b.submittedOn.localeCompare(a.submittedOn))
  }
  return reply
}

/** The cursor of the answered part's start, for the page on which the waiting ones ended. */
const DONE_START = 'done'

/**
 * For the committee and the chair: every suggestion, those waiting for an answer first, a page at a time.
 * The page that reaches the end of the waiting ones goes on with the answered ones.
 */
export async function suggestionInbox(ctx: Ctx, input: { cursor?: string }): Promise<SuggestionPage> {
  const cursor = input.cursor === DONE_START ? undefined : input.cursor
  if (input.cursor === DONE_START || cursor?.startsWith('done~')) {
    const done = await page(ctx, 'done', cursor)
    const items = await inboxViews(ctx, done.docs)
    return done.next ? { items, more: true, next: done.next } : { items, more: false }
  }
  // The answered ones' first page is read beside the first waiting ones, in case those end on this page.
  const [open, done] = await Promise.all([page(ctx, 'open', cursor), cursor ? null : page(ctx, 'done')])
  if (open.next) return { items: await inboxViews(ctx, open.docs), more: true, next: open.next }
  const following = done ?? (await page(ctx, 'done'))
  const room = PAGE - open.docs.length
  const taken = following.docs.slice(0, room)
  const items = await inboxViews(ctx, [...open.docs, ...taken])
  const last = taken[taken.length - 1]
  if (following.docs.length > room || following.more)
    return { items, more: true, next: last ? placeAfter('done', 'submittedOn', last) : DONE_START }
  return { items, more: false }
}

/** The committee's views: authors' names, links to what may be opened, and warnings on anonymous texts. */
async function inboxViews(ctx: Ctx, list: SuggestionDoc[]): Promise<SuggestionView[]> {
  const caller = me(ctx)
  const unsure = list.filter((s) => s.anonymous && s.status === 'open')
  const [opens, names] = await Promise.all([openable(ctx, list), unsure.length ? memberNames(ctx) : []])
  return list.map((s) => {
    const view = toView(s, caller, true, opens)
    if (s.anonymous && s.status === 'open') {
      const revealing = identifyingWords(`${s.title}\n${s.content}`, names)
      if (revealing.length) view.revealing = revealing
    }
    return view
  })
}

/** Everyone on the union's roster, left members too: a name in a text may be any of them. */
async function memberNames(ctx: Ctx): Promise<string[]> {
  const members = await ctx.store.find<MemberDoc>(C.members, { unionId: me(ctx).unionId }, { limit: 1000 })
  return members.map((m) => m.name)
}

async function loadSuggestion(ctx: Ctx, id: string): Promise<SuggestionDoc> {
  const s = await ctx.store.findOne<SuggestionDoc>(SC.suggestions, { _id: id, unionId: me(ctx).unionId })
  if (!s) throw new AppError('NOT_FOUND', '找不到这条建议')
  return s
}

function refuseUnlessOpen(s: SuggestionDoc): void {
  if (s.status !== 'open') throw new AppError('CONFLICT', `这条建议${LABELS[s.status]}，不能再处理`)
}

async function tellAuthor(ctx: JobCtx, s: SuggestionDoc, occasion: string, body: string): Promise<void> {
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

/** The draft a suggestion becomes: one per suggestion, so a retried or finished conversion finds the same. */
export function draftIdFor(suggestionId: string): string {
  return `from-${suggestionId}`
}

/**
 * A delegate adopts the suggestion: it becomes their proposal draft, which they complete and submit.
 *
 * Crash safety (src/core/shared/follow-up.ts): the first write marks the suggestion converted, with
 * everything the draft is made of and `followUpAt`; the rest (the draft under a deterministic `_id`, the
 * messages under fixed keys) is finishConversion, which removes the mark. A retry of the same conversion by
 * the same person finishes it and answers as the first call would have; the follow-ups job finishes one
 * nobody retried (suggestionConversionFollowUp).
 */
export async function convertSuggestion(
  ctx: Ctx,
  input: { suggestionId: string; delegateId: string; sessionId: string },
): Promise<ProposalDetail> {
  const caller = me(ctx)
  const s = await loadSuggestion(ctx, input.suggestionId)
  const done = s.convertedTo
  if (s.status === 'converted' && done?.byId === caller._id && done.delegateId === input.delegateId)
    return toDetail(ctx, await finishConversion(ctx, s), caller)
  refuseUnlessOpen(s)
  const [session, delegate] = await Promise.all([
    loadSession(ctx.store, caller.unionId, input.sessionId),
    ctx.store.findOne<MemberDoc>(C.members, { _id: input.delegateId, unionId: caller.unionId }),
  ])
  if (sessionPhase(session, ctx.clock.now()) === 'closed')
    throw new AppError('CONFLICT', `${session.name}的提案征集已经截止`)
  if (!delegate || delegate.status !== 'active' || !delegate.roles.includes('delegate')) {
    throw new AppError('BAD_INPUT', '请选择一位教代会代表来领办这条建议', { delegateId: '请选择教代会代表' })
  }
  const at = nowIso(ctx)
  const convertedTo = {
    proposalId: draftIdFor(s._id),
    delegateId: delegate._id,
    delegateName: delegate.name,
    sessionId: session._id,
    at,
    byId: caller._id,
    byName: caller.name,
  }
  const matched = await ctx.store.updateOne(
    SC.suggestions,
    { _id: s._id, unionId: s.unionId, status: 'open' },
    { $set: { status: 'converted', convertedTo, followUpAt: at } },
  )
  if (!matched) throw new AppError('CONFLICT', '这条建议刚刚已被处理，请刷新后再看')
  const draft = await finishConversion(ctx, { ...s, status: 'converted', convertedTo, followUpAt: at })
  return toDetail(ctx, draft, caller)
}

/** The draft, as the conversion recorded it: the same every time it is made. */
function draftOf(s: SuggestionDoc, c: NonNullable<SuggestionDoc['convertedTo']>): ProposalDoc {
  return {
    _id: c.proposalId,
    unionId: s.unionId,
    sessionId: c.sessionId,
    status: 'draft',
    title: Array.from(s.title).slice(0, TITLE_MAX).join(''),
    reasons: Array.from(s.content).slice(0, REASONS_MAX).join(''),
    suggestion: '',
    category: '',
    suggestedDept: '',
    openForSeconds: false,
    fromSuggestionId: s._id,
    proposerId: c.delegateId,
    proposerName: c.delegateName,
    seconders: [],
    mergedFrom: [],
    replies: [],
    replyReturned: false,
    ratings: [],
    redone: false,
    history: [{ at: c.at, byId: c.byId, byName: c.byName, action: `由合理化建议转为${c.delegateName}的提案草稿` }],
    createdAt: c.at,
    updatedAt: c.at,
  }
}

/**
 * The steps of a conversion after its first: the draft (kept as it is if it was written already, perhaps
 * edited since), the delegate's and the author's messages (fixed keys: nobody is told twice), then the mark
 * goes. Safe to run again at any point.
 */
async function finishConversion(ctx: JobCtx, s: SuggestionDoc): Promise<ProposalDoc> {
  const c = s.convertedTo
  if (!c) throw new Error(`suggestion ${s._id} has no conversion to finish`)
  let draft = draftOf(s, c)
  if (s.followUpAt === undefined) {
    // Finished before: the draft is there (and may have moved on since).
    draft = (await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: c.proposalId, unionId: s.unionId })) ?? draft
    return draft
  }
  try {
    await ctx.store.insert(PC.proposals, draft)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    draft = (await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: c.proposalId, unionId: s.unionId })) ?? draft
  }
  const title = '请您领办一条合理化建议'
  // An anonymous author may have written things that tell who they are; under the delegate's name they would.
  const careful = s.anonymous ? '原建议是匿名提出的，请先删改可能透露建议人身份的文字。' : ''
  const body = `提案委员会把建议「${s.title}」转为您的提案草稿，${careful}请补充具体建议后征集附议并提交。`
  await Promise.all([
    ctx.notifier.send({
      key: `proposal:${draft._id}:${c.delegateId}:adopt`,
      unionId: s.unionId,
      memberId: c.delegateId,
      kind: 'proposal',
      title,
      body,
      link: pageLink(ROUTES.proposalEdit, { id: draft._id }),
      template: 'proposal',
      templateData: proposalValues(draft, '请您领办', '建议已转为您的提案草稿', c.at),
    }),
    tellAuthor(ctx, s, 'converted', `您的建议「${s.title}」已由${c.delegateName}代表领办，将作为提案提交。`),
  ])
  await ctx.store.updateOne(SC.suggestions, { _id: s._id, unionId: s.unionId }, { $unset: { followUpAt: true } })
  return draft
}

/** Finishes a conversion cut short that nobody retried (registered in src/server/follow-ups.ts). */
export const suggestionConversionFollowUp: FollowUp = {
  name: '建议转为提案',
  collection: SC.suggestions,
  finish: async (ctx, doc) => {
    await finishConversion(ctx, doc as SuggestionDoc)
  },
}
