import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { findAll } from '../shared/paging'
import { PC } from './collections'
import { loadSession } from './lookup'
import type { ProposalDoc, SessionDoc } from './model'
import { toSessionView, toSummary } from './present'
import { reportParagraphs } from './report-text'
import { isOverdue, shanghaiDate, STATUS_LABELS, wasSubmitted } from './rules'
import type { CountRow, ProposalSummary, SessionReport } from './views'

function countBy(items: string[]): CountRow[] {
  const counts = new Map<string, number>()
  for (const key of items) counts.set(key, (counts.get(key) ?? 0) + 1)
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10)

/**
 * A session's figures from its submitted proposals (pure, so it is tested without a store). Satisfaction
 * uses each proposal's final rating; a reply is on time when the first reply came by the reply date, and a
 * proposal still unanswered after its date counts as late.
 */
export function computeReport(session: SessionDoc, proposals: ProposalDoc[], now: Date): SessionReport {
  const today = shanghaiDate(now)
  const submitted = proposals.filter(wasSubmitted)
  const finalRatings = submitted.map((p) => p.ratings[p.ratings.length - 1]?.rating).filter((r) => r !== undefined)
  const satisfied = finalRatings.filter((r) => r === '满意').length
  const basically = finalRatings.filter((r) => r === '基本满意').length
  let onTime = 0
  let late = 0
  for (const p of submitted) {
    if (!p.assignment) continue
    const first = p.replies[0]
    if (first) {
      if (shanghaiDate(new Date(first.at)) <= p.assignment.replyBy) onTime += 1
      else late += 1
    } else if (p.assignment.replyBy < today) late += 1
  }
  const decided = (decision: 'accept' | 'reject' | 'merge') =>
    submitted.filter((p) => p.review?.decision === decision).length
  const assigned = submitted.filter((p) => p.assignment)
  const answered = assigned.filter((p) => p.replies.length > 0).length
  const figures = {
    session: toSessionView(session, now),
    total: submitted.length,
    byStatus: countBy(submitted.map((p) => STATUS_LABELS[p.status])),
    byCategory: countBy(submitted.map((p) => p.category || '未分类')),
    byDepartment: countBy(submitted.filter((p) => p.assignment).map((p) => p.assignment?.lead ?? '')),
    ratings: {
      rated: finalRatings.length,
      satisfied,
      basicallySatisfied: basically,
      unsatisfied: finalRatings.length - satisfied - basically,
      satisfactionRate: percent(satisfied + basically, finalRatings.length),
    },
    replies: { due: onTime + late, onTime, late, onTimeRate: percent(onTime, onTime + late) },
    overdue: submitted.filter((p) => isOverdue(p, today)).length,
    review: {
      pending: submitted.filter((p) => p.status === 'submitted').length,
      accepted: decided('accept'),
      converted: decided('reject'),
      merged: decided('merge'),
      withdrawn: submitted.filter((p) => p.status === 'withdrawn').length,
    },
    handling: {
      assigned: assigned.length,
      answered,
      answerRate: percent(answered, assigned.length),
      closed: submitted.filter((p) => p.status === 'closed').length,
    },
  }
  return { ...figures, paragraphs: reportParagraphs(figures) }
}

async function sessionProposals(
  ctx: Ctx,
  sessionId: string,
): Promise<{ session: SessionDoc; proposals: ProposalDoc[] }> {
  const { unionId } = me(ctx)
  const session = await loadSession(ctx.store, unionId, sessionId)
  const proposals = await findAll<ProposalDoc>(ctx.store, PC.proposals, {
    unionId,
    sessionId,
    status: { $ne: 'draft' },
  })
  return { session, proposals }
}

export async function sessionReport(ctx: Ctx, input: { sessionId: string }): Promise<SessionReport> {
  const { session, proposals } = await sessionProposals(ctx, input.sessionId)
  return computeReport(session, proposals, ctx.clock.now())
}

/** The report plus one row per proposal, for the spreadsheet the server builds. */
export async function reportForExport(
  ctx: Ctx,
  input: { sessionId: string },
): Promise<{ report: SessionReport; rows: ProposalSummary[] }> {
  const { session, proposals } = await sessionProposals(ctx, input.sessionId)
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const rows = proposals
    .map((p) => toSummary(p, session.name, today))
    .sort((a, b) => ((a.code ?? '') < (b.code ?? '') ? -1 : 1))
  return { report: computeReport(session, proposals, now), rows }
}
