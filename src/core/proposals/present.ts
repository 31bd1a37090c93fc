import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import type { Store } from '../shared/ports'
import { PC } from './collections'
import { loadSession, secondId } from './lookup'
import type { ProposalDoc, SecondDoc, SessionDoc } from './model'
import { FROM, isOverdue, sessionPhase, STATUS_LABELS, wasSubmitted } from './rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalDetail, ProposalPermissions, ProposalRowView, ProposalSummary, SessionView } from './views'

export function toSessionView(s: SessionDoc, now: Date): SessionView {
  const phase = sessionPhase(s, now)
  return {
    id: s._id,
    name: s.name,
    codePrefix: s.codePrefix,
    opensOn: shanghaiDate(new Date(s.opensAt)),
    closesOn: shanghaiDate(new Date(s.closesAt)),
    secondsRequired: s.secondsRequired,
    categories: s.categories,
    departments: s.departments,
    open: phase === 'open',
    phase,
    submittedCount: s.counter,
  }
}

export function toSummary(p: ProposalDoc, sessionName: string, today: string): ProposalSummary {
  const summary: ProposalSummary = {
    ...toRow(p, today),
    isOpinion: p.review?.decision === 'reject',
    sessionId: p.sessionId,
    sessionName,
    updatedAt: p.updatedAt,
  }
  if (p.submittedAt) summary.submittedAt = p.submittedAt
  return summary
}

/** A list row: only what ProposalRow shows. */
export function toRow(p: ProposalDoc, today: string): ProposalRowView {
  const isOpinion = p.review?.decision === 'reject'
  const row: ProposalRowView = {
    id: p._id,
    title: p.title,
    category: p.category,
    status: p.status,
    statusLabel:
      isOpinion && p.status !== 'converted' ? `${STATUS_LABELS[p.status]}（意见建议）` : STATUS_LABELS[p.status],
    proposerName: p.proposerName,
    secondsCount: p.seconders.length,
    overdue: isOverdue(p, today),
  }
  if (p.code) row.code = p.code
  if (p.assignment) {
    row.leadDept = p.assignment.lead
    row.replyBy = p.assignment.replyBy
  }
  const lastRating = p.ratings[p.ratings.length - 1]
  if (lastRating) row.lastRating = lastRating.rating
  return row
}

export function permissions(
  p: ProposalDoc,
  caller: MemberDoc,
  mySecond: SecondDoc | null,
  session: SessionDoc,
  now: Date,
): ProposalPermissions {
  const mine = p.proposerId === caller._id
  const has = (role: string) => caller.roles.some((r) => r === role)
  const draft = p.status === 'draft'
  const phase = sessionPhase(session, now)
  const myStatus = mySecond?.status
  return {
    edit: mine && draft && phase !== 'closed',
    invite: mine && draft && phase !== 'closed',
    submit: mine && draft && phase === 'open',
    second:
      draft && !mine && has('delegate') && (p.openForSeconds || myStatus === 'invited') && myStatus !== 'accepted',
    withdrawSecond: draft && myStatus === 'accepted',
    withdraw: mine && (FROM.withdrawDraft.includes(p.status) || FROM.withdrawSubmitted.includes(p.status)),
    review: has('committee') && FROM.review.includes(p.status),
    assign: has('committee') && FROM.assign.includes(p.status),
    reply: has('deptHead') && FROM.reply.includes(p.status) && p.assignment?.lead === caller.department,
    returnReply: has('committee') && FROM.returnReply.includes(p.status) && !p.replyReturned,
    rate: mine && FROM.rate.includes(p.status),
  }
}

async function briefOf(
  store: Store,
  unionId: string,
  id: string,
): Promise<{ id: string; code?: string; title: string } | null> {
  const other = await store.findOne<ProposalDoc>(PC.proposals, { _id: id, unionId })
  if (!other) return null
  return other.code ? { id, code: other.code, title: other.title } : { id, title: other.title }
}

/** What the action already read, so the detail need not read it again. */
export interface KnownForDetail {
  /** The proposal's session as it now is. */
  session?: SessionDoc
  /** The caller's 附议 of this proposal (null: none). */
  mySecond?: SecondDoc | null
}

/** The full page of one proposal as this caller may see it. */
export async function toDetail(
  ctx: Ctx,
  p: ProposalDoc,
  caller: MemberDoc,
  known: KnownForDetail = {},
): Promise<ProposalDetail> {
  const now = ctx.clock.now()
  const draft = !wasSubmitted(p)
  const brief = (id: string) => briefOf(ctx.store, p.unionId, id)
  // Every read here is independent of the others: one round trip.
  const [session, mySecond, asked, mergedInto, mergedFromAll] = await Promise.all([
    known.session ?? loadSession(ctx.store, p.unionId, p.sessionId),
    known.mySecond !== undefined
      ? known.mySecond
      : ctx.store.findOne<SecondDoc>(PC.seconds, { _id: secondId(p._id, caller._id), unionId: p.unionId }),
    draft
      ? ctx.store.find<SecondDoc>(
          PC.seconds,
          { unionId: p.unionId, proposalId: p._id },
          { sort: { createdAt: 1 }, limit: 100 },
        )
      : [],
    p.mergedInto ? brief(p.mergedInto) : null,
    Promise.all(p.mergedFrom.map(brief)),
  ])
  // Before submission the proposer sees who was asked and who agreed; afterwards everyone sees the frozen list.
  const seconds = draft
    ? asked
        .filter((s) => p.proposerId === caller._id || s.memberId === caller._id || s.status === 'accepted')
        .map((s) => ({ memberId: s.memberId, name: s.memberName, status: s.status }))
    : p.seconders.map((s) => ({ memberId: s.memberId, name: s.name, status: 'accepted' as const }))
  const mergedFrom = mergedFromAll.filter((x): x is { id: string; code?: string; title: string } => x !== null)
  const detail: ProposalDetail = {
    ...toSummary(p, session.name, shanghaiDate(now)),
    secondsCount: draft ? seconds.filter((s) => s.status === 'accepted').length : p.seconders.length,
    reasons: p.reasons,
    suggestion: p.suggestion,
    suggestedDept: p.suggestedDept,
    openForSeconds: p.openForSeconds,
    isMine: p.proposerId === caller._id,
    secondsRequired: session.secondsRequired,
    seconds,
    mergedFrom,
    replies: p.replies.map((r, index) => {
      const view = {
        at: r.at,
        department: r.department,
        byName: r.byName,
        method: r.method,
        resolution: r.resolution,
        text: r.text,
      }
      return p.replyReturn?.replyIndex === index ? { ...view, returnedReason: p.replyReturn.reason } : view
    }),
    replyReturned: p.replyReturned,
    ratings: p.ratings.map((r) => ({ at: r.at, rating: r.rating, comment: r.comment })),
    redone: p.redone,
    history: p.history.map((h) =>
      h.note
        ? { at: h.at, byName: h.byName, action: h.action, note: h.note }
        : { at: h.at, byName: h.byName, action: h.action },
    ),
    session: toSessionView(session, now),
    can: permissions(p, caller, mySecond, session, now),
  }
  if (p.review) detail.review = p.review
  if (p.withdrawal) detail.withdrawal = p.withdrawal
  if (mergedInto) detail.mergedInto = mergedInto
  if (p.assignment)
    detail.assignment = {
      lead: p.assignment.lead,
      cooperating: p.assignment.cooperating,
      replyBy: p.assignment.replyBy,
    }
  return detail
}
