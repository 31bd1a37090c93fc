import type { JobCtx } from '../shared/context'
import { FOLLOW_UP_FIELD } from '../shared/follow-up'
import { findAll } from '../shared/paging'
import { shanghaiDate } from '../shared/shanghai-time'
import { untilDeadline } from '../shared/time-box'
import { PC } from './collections'
import { finishPending } from './follow-up'
import type { HistoryEntry, PendingStep, ProposalDoc, RatingEntry, SessionDoc } from './model'
import { daysSinceReply } from './rating-reminders'

/** The rating a proposal gets when its proposer let the session's days pass: the rule's, marked as such. */
export const AUTO_RATING_COMMENT = '逾期未评价，视为满意'

/** Who the history names for a step nobody took by hand. */
const SYSTEM = { id: 'system', name: '系统' }

export interface AutoCloseReport {
  closed: number
  /** The deadline came first: the next run goes on (what is left is still 'replied'). */
  stopped: boolean
}

/**
 * 逾期视为满意 (session.autoCloseDays): an answered proposal its proposer has not rated for that many days
 * closes as 满意, the rating marked `auto`. Each close is ONE conditional update from 'replied' on the
 * proposal as read (its `updatedAt`: a rating, a return or a new reply in between wins), which also marks the
 * follow-up (follow-up.ts 'close': the messages, 随主提案办结); a second run, or two at once, find nothing
 * left to close. A proposal whose earlier step is still marked waits for the follow-ups job.
 */
export async function autoCloseUnrated(ctx: JobCtx, deadline?: number): Promise<AutoCloseReport> {
  const box = untilDeadline(deadline)
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const report: AutoCloseReport = { closed: 0, stopped: false }
  const sessions = await findAll<SessionDoc>(ctx.store, PC.sessions, { autoCloseDays: { $gt: 0 } })
  for (const session of sessions) {
    const days = session.autoCloseDays ?? 0
    const replied = await findAll<ProposalDoc>(ctx.store, PC.proposals, {
      unionId: session.unionId,
      sessionId: session._id,
      status: 'replied',
      [FOLLOW_UP_FIELD]: { $exists: false },
    })
    for (const p of replied) {
      if ((daysSinceReply(p, today) ?? -1) < days) continue
      if (box.over()) return { ...report, stopped: true }
      if (await closeOne(ctx, p, days, now.toISOString())) report.closed += 1
    }
  }
  return report
}

async function closeOne(ctx: JobCtx, p: ProposalDoc, days: number, at: string): Promise<boolean> {
  const entry: HistoryEntry = { at, byId: SYSTEM.id, byName: SYSTEM.name, action: `${days}天未评价，视为满意，办结` }
  const rating: RatingEntry = { at, rating: '满意', comment: AUTO_RATING_COMMENT, auto: true }
  const followUp: PendingStep = { action: 'close', step: p.history.length + 1, by: SYSTEM.id }
  const set = { status: 'closed', closedAt: at, updatedAt: at, [FOLLOW_UP_FIELD]: at, followUp }
  const matched = await ctx.store.updateOne(
    PC.proposals,
    {
      _id: p._id,
      unionId: p.unionId,
      status: 'replied',
      updatedAt: p.updatedAt,
      [FOLLOW_UP_FIELD]: { $exists: false },
    },
    { $set: set, $push: { ratings: [rating], history: [entry] } },
  )
  if (!matched) return false
  // The update matched the proposal as read: its new state is known.
  const closed = {
    ...p,
    ...set,
    ratings: [...p.ratings, rating],
    history: [...p.history, entry],
  } as ProposalDoc
  await finishPending(ctx, closed)
  return true
}
