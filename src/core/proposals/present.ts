import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import type { Store } from '../shared/ports'
import { PC } from './collections'
import { loadSession, secondId } from './lookup'
import { cooperationView } from './cooperation-view'
import type { ProposalDoc, SecondDoc, SessionDoc } from './model'
import { FROM, isNamedOn, isOverdue, mainReplyToRate, sessionPhase, STATUS_LABELS, wasSubmitted } from './rules'
import { signOffView, withoutWithheldReply } from './sign-off-steps'
import { supervisionOf } from './supervision-view'
import { shanghaiDate } from '../shared/shanghai-time'
import type {
  ProposalDetail,
  ProposalPermissions,
  ProposalRowView,
  ProposalSummary,
  ReplyView,
  SessionView,
} from './views'

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
    ...(s.replySignOff ? { replySignOff: s.replySignOff } : {}),
    ...(s.autoCloseDays ? { autoCloseDays: s.autoCloseDays } : {}),
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
  main: ProposalDoc | null = null,
): ProposalPermissions {
  const mine = p.proposerId === caller._id
  const has = (role: string) => caller.roles.some((r) => r === role)
  // 回避: who proposed or seconded it takes no step in handling it (the server refuses it too).
  const handles = !isNamedOn(p, caller._id)
  // The handling steps the caller's roles allow now, before 回避.
  const steps = {
    review: has('committee') && FROM.review.includes(p.status),
    assign: has('committee') && FROM.assign.includes(p.status),
    reply:
      has('deptHead') && FROM.reply.includes(p.status) && p.assignment?.lead === caller.department && !p.pendingSignOff,
    returnReply: has('committee') && FROM.returnReply.includes(p.status) && !p.replyReturned,
    signOff: has('committee') && !!p.pendingSignOff,
  }
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
    review: handles && steps.review,
    assign: handles && steps.assign,
    reply: handles && steps.reply,
    returnReply: handles && steps.returnReply,
    signOff: handles && steps.signOff,
    rate: mine && (main ? 'index' in mainReplyToRate(p, main) : FROM.rate.includes(p.status)),
    recused: !handles && Object.values(steps).some(Boolean),
  }
}

type Brief = { id: string; code?: string; title: string }

const briefOf = (other: ProposalDoc): Brief =>
  other.code ? { id: other._id, code: other.code, title: other.title } : { id: other._id, title: other.title }

async function briefById(store: Store, unionId: string, id: string): Promise<Brief | null> {
  const other = await store.findOne<ProposalDoc>(PC.proposals, { _id: id, unionId })
  return other ? briefOf(other) : null
}

function replyViews(p: ProposalDoc): ReplyView[] {
  return p.replies.map((r, index) => {
    const view = {
      at: r.at,
      department: r.department,
      byName: r.byName,
      method: r.method,
      resolution: r.resolution,
      text: r.text,
    }
    return p.replyReturn?.replyIndex === index ? { ...view, returnedReason: p.replyReturn.reason } : view
  })
}

/** What the action already read, so the detail need not read it again. */
export interface KnownForDetail {
  /** The proposal's session as it now is. */
  session?: SessionDoc
  /** The caller's 附议 of this proposal (null: none). */
  mySecond?: SecondDoc | null
  /** The proposal this one was merged into, as it now is. */
  main?: ProposalDoc | null
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
  const brief = (id: string) => briefById(ctx.store, p.unionId, id)
  // Every read here is independent of the others: one round trip.
  const [session, mySecond, asked, main, mergedFromAll] = await Promise.all([
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
    // A merged proposal is answered and rated through the main one: its page shows the main one's replies.
    !p.mergedInto
      ? null
      : known.main?._id === p.mergedInto
        ? known.main
        : ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p.mergedInto, unionId: p.unionId }),
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
    replies: replyViews(withoutWithheldReply(main ?? p, caller)),
    replyReturned: p.replyReturned,
    ratings: p.ratings.map((r) => ({ at: r.at, rating: r.rating, comment: r.comment })),
    redone: p.redone,
    history: p.history.map((h) =>
      h.note
        ? { at: h.at, byName: h.byName, action: h.action, note: h.note }
        : { at: h.at, byName: h.byName, action: h.action },
    ),
    session: toSessionView(session, now),
    can: permissions(p, caller, mySecond, session, now, main),
  }
  if (main) detail.repliesFromMain = true
  const signOff = signOffView(p, caller)
  if (signOff) detail.signOff = signOff
  if (p.review) detail.review = p.review
  if (p.withdrawal) detail.withdrawal = p.withdrawal
  if (main) detail.mergedInto = briefOf(main)
  if (p.assignment)
    detail.assignment = {
      lead: p.assignment.lead,
      cooperating: p.assignment.cooperating,
      replyBy: p.assignment.replyBy,
    }
  const cooperation = cooperationView(p, caller)
  if (cooperation) detail.cooperation = cooperation
  const supervision = supervisionOf(p, caller)
  if (supervision) detail.supervision = supervision
  return detail
}
