import type { JobCtx } from '../shared/context'
import { findAll } from '../shared/paging'
import type { OutgoingMessage } from '../shared/ports'
import type { ReminderSource } from '../shared/reminders'
import { daysBetween, shanghaiDate } from '../shared/shanghai-time'
import { PC } from './collections'
import type { ProposalDoc, SessionDoc } from './model'
import { label, proposalMessage } from './notify'

/** Days after the reply reached the proposer when they are reminded to rate it: once at 3, again at 7. */
export const RATE_REMINDER_DAYS = [3, 7] as const

/**
 * When the latest reply reached the proposer: its own time, or its release after 答复审核 (sign-off.ts),
 * whichever is later (a session may have turned sign-off on or off between two replies).
 */
export function replyReachedAt(p: ProposalDoc): string | undefined {
  const reply = p.replies[p.replies.length - 1]
  if (!reply) return undefined
  return p.replyReleasedAt && p.replyReleasedAt > reply.at ? p.replyReleasedAt : reply.at
}

/** Whole Shanghai days since the latest reply reached the proposer (0 on its own day). */
export function daysSinceReply(p: ProposalDoc, today: string): number | undefined {
  const at = replyReachedAt(p)
  return at === undefined ? undefined : daysBetween(shanghaiDate(at), today)
}

/** The reminder due now (the latest one passed), if any: 3, then 7. */
function dueReminder(days: number): number | undefined {
  return [...RATE_REMINDER_DAYS].reverse().find((d) => days >= d)
}

/** Sessions with 逾期视为满意, by id: their proposals' reminders say when that happens. */
async function autoCloseSessions(ctx: JobCtx): Promise<Map<string, SessionDoc>> {
  const found = await findAll<SessionDoc>(ctx.store, PC.sessions, { autoCloseDays: { $gt: 0 } })
  return new Map(found.map((s) => [s._id, s]))
}

/**
 * 提醒评价: the proposer of an answered proposal who has not rated the reply, 3 and 7 days after it reached
 * them; the proposers of proposals merged into it likewise, for their own proposal (they rate the main one's
 * reply there). Keys carry the reply's index and the day, so each reply is reminded of once per day mark,
 * whatever the runs, and a reply after 再办理 is reminded of again.
 */
export const ratingReminders: ReminderSource = {
  name: 'proposals.rateReminder',
  async collect(ctx, now) {
    const today = shanghaiDate(now)
    const at = now.toISOString()
    const out: OutgoingMessage[] = []
    // Across unions: a timer run has no caller, and proposals waiting for a rating are few at any time.
    const [replied, sessions] = await Promise.all([
      findAll<ProposalDoc>(ctx.store, PC.proposals, { status: 'replied' }),
      autoCloseSessions(ctx),
    ])
    for (const p of replied) {
      const days = daysSinceReply(p, today)
      const due = days === undefined ? undefined : dueReminder(days)
      if (due === undefined) continue
      const index = p.replies.length - 1
      const closeDays = sessions.get(p.sessionId)?.autoCloseDays ?? 0
      const closing = closeDays > 0 ? `答复后${closeDays}天未评价的，将视为满意并办结。` : ''
      out.push(
        proposalMessage(
          p,
          p.proposerId,
          `rate-${index}-${due}d`,
          '请评价提案答复',
          `${label(p)}已答复${days}天，您还没有评价。请打开查看答复，选择满意、基本满意或不满意。${closing}`,
          at,
          { status: '请您评价', note: '请查看答复并评价' },
        ),
      )
      if (p.mergedFrom.length === 0) continue
      const merged = await ctx.store.find<ProposalDoc>(
        PC.proposals,
        { unionId: p.unionId, _id: { $in: p.mergedFrom.slice(0, 100) }, status: 'merged', mergedInto: p._id },
        { limit: 100 },
      )
      for (const m of merged) {
        if (m.ratedMainReplies?.[String(index)] !== undefined || m.proposerId === p.proposerId) continue
        out.push(
          proposalMessage(
            m,
            m.proposerId,
            `rate-main-${p._id}-${index}-${due}d`,
            '请评价提案答复',
            `您的${label(m)}已并入${label(p)}，主提案已答复${days}天，您还没有评价。请打开您的提案查看答复并评价。`,
            at,
            { status: '请您评价', note: '请查看主提案的答复并评价' },
          ),
        )
      }
    }
    return out
  },
}
