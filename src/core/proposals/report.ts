import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { findAll } from '../shared/paging'
import type { Filter } from '../shared/ports'
import { PC } from './collections'
import { carriedOver } from './carry-over'
import { loadSession } from './lookup'
import {
  PROPOSAL_STATUSES,
  RATINGS,
  type ProposalDoc,
  type ReplyMethod,
  type Resolution,
  type SessionDoc,
} from './model'
import { toRow, toSessionView } from './present'
import { reportParagraphs, type RatingRounds } from './report-text'
import { STATUS_LABELS } from './rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { CountRow, ProposalRowView, SessionReport } from './views'

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10)

/** Rows with something in them, most first, then by name. */
function rowsOf(counts: [string, number][]): CountRow[] {
  return counts
    .filter(([, count]) => count > 0)
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
}

/** Adds what the named rows leave out of `whole` (a name no longer on the session's list) as one row. */
function withRest(rows: [string, number][], whole: number, label: string): [string, number][] {
  const rest = whole - rows.reduce((sum, [, n]) => sum + n, 0)
  return rest > 0 ? [...rows, [label, rest]] : rows
}

/** Whether a proposal's first reply came by its reply date (shanghai days). */
function firstReplyOnTime(p: ProposalDoc): boolean | undefined {
  const first = p.replies[0]
  if (!first || !p.assignment) return undefined
  return shanghaiDate(new Date(first.at)) <= p.assignment.replyBy
}

/**
 * Answered proposals whose first reply was written before replies recorded `firstReplyOnTime` (the demo's
 * seed, data from earlier versions): their bodies say it. Answered means replied, closed, or back with the
 * department after a 不满意 or a returned reply. New data has none, so this reads nothing.
 */
async function unflaggedAnswers(ctx: Ctx, base: Filter): Promise<ProposalDoc[]> {
  const unflagged = { ...base, firstReplyOnTime: { $exists: false } }
  const parts = await Promise.all([
    findAll<ProposalDoc>(ctx.store, PC.proposals, { ...unflagged, status: { $in: ['replied', 'closed'] } }),
    findAll<ProposalDoc>(ctx.store, PC.proposals, { ...unflagged, status: 'assigned', redone: true }),
    findAll<ProposalDoc>(ctx.store, PC.proposals, {
      ...unflagged,
      status: 'assigned',
      redone: false,
      replyReturned: true,
    }),
  ])
  return parts.flat()
}

/** Count queries of one report in flight at once: a few dozen in all, so two or three round trips. */
const IN_FLIGHT = 16

/** Runs at most `n` of the tasks given to it at once; each further one waits for a place to free up. */
function inFlight(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    // A finishing task hands its place straight to the next one waiting, so `running` never exceeds n.
    if (running < n) running += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running -= 1
    }
  }
}

/**
 * A session's figures, counted by the database: one count query per figure, at most IN_FLIGHT at once, and
 * no proposal read (but answers from before `firstReplyOnTime`). Only submitted proposals count (`submittedAt` is set by
 * 提交; drafts, and drafts withdrawn, have none). Satisfaction is each proposal's latest rating: a proposal is
 * rated once, or 不满意 and then once more after 再办理, so "ever rated 满意" is "lastly 满意"; the paragraphs
 * also state the first ratings and what 再办理 made of them (RatingRounds). A reply is on
 * time when the first reply came by the reply date; a proposal still unanswered after its date is late.
 */
async function countReport(ctx: Ctx, session: SessionDoc): Promise<SessionReport> {
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const base: Filter = { unionId: session.unionId, sessionId: session._id, submittedAt: { $exists: true } }
  const place = inFlight(IN_FLIGHT)
  const count = (filter: Filter) => place(() => ctx.store.count(PC.proposals, { ...base, ...filter }))
  // Ratings of the replies given: a proposal merged into another was not answered itself, and what its
  // proposer thinks of the main one's reply (rate.ts, rateMain) would count that one reply twice.
  const rating = (filter: Filter) => count({ mergedInto: { $exists: false }, ...filter })
  const statuses = PROPOSAL_STATUSES.filter((s) => s !== 'draft')
  const categories = [...session.categories.filter((c) => c !== ''), '']
  const all = <K extends string>(keys: readonly K[], filter: (key: K) => Filter) =>
    Promise.all(keys.map((key) => count(filter(key)).then((n): [K, number] => [key, n])))
  const [
    byStatus,
    byCategory,
    byDepartment,
    assigned,
    [rated, satisfied, basicallySatisfied, autoSatisfied],
    [firstSatisfied, firstBasically, redoSatisfied, redoBasically, redoClosed],
    converted,
    overdue,
    [redone, returned, unansweredLate, onTimeFlagged, lateFlagged],
    [merged, closedWithMain],
    unflagged,
  ] = await Promise.all([
    all(statuses, (status) => ({ status })),
    all(categories, (category) => ({ category })),
    all(session.departments, (lead) => ({ 'assignment.lead': lead })),
    count({ 'assignment.lead': { $exists: true } }),
    Promise.all([
      rating({ 'ratings.rating': { $in: [...RATINGS] } }),
      rating({ 'ratings.rating': '满意' }),
      rating({ 'ratings.rating': '基本满意' }),
      rating({ 'ratings.auto': true }),
    ]),
    // 再办理 follows a first 不满意 and only it (rate.ts): without it the one rating is the first, with it the
    // second is the one that is not 不满意, or 不满意 again once the proposal is closed.
    Promise.all([
      rating({ redone: false, 'ratings.rating': '满意' }),
      rating({ redone: false, 'ratings.rating': '基本满意' }),
      rating({ redone: true, 'ratings.rating': '满意' }),
      rating({ redone: true, 'ratings.rating': '基本满意' }),
      rating({ redone: true, status: 'closed' }),
    ]),
    count({ 'review.decision': 'reject' }),
    // A reply waiting for 审核 is the department's answer given: not overdue.
    count({ status: 'assigned', 'assignment.replyBy': { $lt: today }, pendingSignOff: { $exists: false } }),
    Promise.all([
      count({ status: 'assigned', redone: true }),
      count({ status: 'assigned', redone: false, replyReturned: true }),
      count({ status: 'assigned', redone: false, replyReturned: false, 'assignment.replyBy': { $lt: today } }),
      count({ firstReplyOnTime: true }),
      count({ firstReplyOnTime: false }),
    ]),
    // 并案 for good, though a merged proposal closes with its main one (「随主提案办结」): it was not answered itself.
    Promise.all([count({ mergedInto: { $exists: true } }), count({ closedWithMain: true })]),
    unflaggedAnswers(ctx, base),
  ])
  const of = Object.fromEntries(byStatus) as Record<(typeof statuses)[number], number>
  const total = byStatus.reduce((sum, [, n]) => sum + n, 0)
  const earlier = unflagged.map(firstReplyOnTime)
  const onTime = onTimeFlagged + earlier.filter((x) => x === true).length
  const late = lateFlagged + earlier.filter((x) => x === false).length + unansweredLate
  const closed = of.closed - closedWithMain
  const answered = of.replied + closed + redone + returned
  // Every proposal past 审查 carries its decision; the ones neither pending, withdrawn, merged nor 不予立案 were 立案.
  const accepted = total - of.submitted - of.withdrawn - merged - converted
  const figures = {
    session: toSessionView(session, now),
    total,
    byStatus: rowsOf(byStatus.map(([status, n]) => [STATUS_LABELS[status], n])),
    byCategory: rowsOf(
      withRest(
        byCategory.map(([c, n]) => [c || '未分类', n]),
        total,
        '其他类别',
      ),
    ),
    byDepartment: rowsOf(withRest(byDepartment, assigned, '其他部门')),
    ratings: {
      rated,
      satisfied,
      basicallySatisfied,
      unsatisfied: rated - satisfied - basicallySatisfied,
      satisfactionRate: percent(satisfied + basicallySatisfied, rated),
      autoSatisfied,
    },
    replies: { due: onTime + late, onTime, late, onTimeRate: percent(onTime, onTime + late) },
    overdue,
    review: { pending: of.submitted, accepted, converted, merged, withdrawn: of.withdrawn },
    handling: { assigned, answered, answerRate: percent(answered, assigned), closed },
  }
  const firstUnsatisfied = rated - firstSatisfied - firstBasically
  const redoUnsatisfied = redoClosed - redoSatisfied - redoBasically
  const rounds: RatingRounds = {
    first: { satisfied: firstSatisfied, basicallySatisfied: firstBasically, unsatisfied: firstUnsatisfied },
    redo: {
      satisfied: redoSatisfied,
      basicallySatisfied: redoBasically,
      unsatisfied: redoUnsatisfied,
      waiting: firstUnsatisfied - redoSatisfied - redoBasically - redoUnsatisfied,
    },
  }
  return { ...figures, paragraphs: reportParagraphs(figures, rounds) }
}

export async function sessionReport(ctx: Ctx, input: { sessionId: string }): Promise<SessionReport> {
  const session = await loadSession(ctx.store, me(ctx).unionId, input.sessionId)
  const [report, carried] = await Promise.all([
    countReport(ctx, session),
    carriedOver(ctx.store, session, shanghaiDate(ctx.clock.now())),
  ])
  return { ...report, carriedOver: carried }
}

/**
 * One proposal as the 提案清单 sheet lists it: what the meeting asks of a register (协办, the reply, 解决程度,
 * seconders, where it was merged), typed so the workbook can keep numbers and dates as such.
 */
export interface ProposalExportRow extends ProposalRowView {
  seconders: string[]
  /** UTC instant. */
  submittedAt?: string
  /** The number (or, without one, the title) of the proposal it was merged into. */
  mergedInto?: string
  cooperating: string[]
  /** The reply that stands: the latest one not returned by the committee. */
  reply?: { at: string; department: string; method: ReplyMethod; resolution: Resolution; text: string }
}

function exportRow(p: ProposalDoc, today: string, named: Map<string, string>): ProposalExportRow {
  const row: ProposalExportRow = {
    ...toRow(p, today),
    seconders: p.seconders.map((s) => s.name),
    cooperating: p.assignment?.cooperating ?? [],
  }
  if (p.submittedAt) row.submittedAt = p.submittedAt
  if (p.mergedInto) row.mergedInto = named.get(p.mergedInto) ?? ''
  // Neither a reply sent back nor one still waiting for 审核 is the standing answer.
  const standing = p.replies
    .filter((_, i) => !(p.replyReturned && p.replyReturn?.replyIndex === i) && p.pendingSignOff?.replyIndex !== i)
    .at(-1)
  if (standing) {
    const { at, department, method, resolution, text } = standing
    row.reply = { at, department, method, resolution, text }
  }
  return row
}

/**
 * The report plus one row per proposal, for the spreadsheet the server builds. The list is the session's
 * whole register by definition (a session of a school holds tens to hundreds), read in pages of 100.
 */
export async function reportForExport(
  ctx: Ctx,
  input: { sessionId: string },
): Promise<{ report: SessionReport; rows: ProposalExportRow[] }> {
  const { unionId } = me(ctx)
  const session = await loadSession(ctx.store, unionId, input.sessionId)
  const [report, proposals] = await Promise.all([
    countReport(ctx, session),
    findAll<ProposalDoc>(ctx.store, PC.proposals, {
      unionId,
      sessionId: session._id,
      submittedAt: { $exists: true },
    }),
  ])
  const today = shanghaiDate(ctx.clock.now())
  // 并案 joins proposals of one session, so the target is among these.
  const named = new Map(proposals.map((p) => [p._id, p.code ?? p.title]))
  const rows = proposals
    .map((p) => exportRow(p, today, named))
    .sort((a, b) => ((a.code ?? '') < (b.code ?? '') ? -1 : 1))
  return { report, rows }
}
