import type { MemberDoc } from '../members/model'
import type { JobCtx } from '../shared/context'
import { findAll } from '../shared/paging'
import type { OutgoingMessage } from '../shared/ports'
import type { ReminderSource } from '../shared/reminders'
import { addDays, daysBetween, shanghaiDate } from '../shared/shanghai-time'
import { PC } from './collections'
import { membersWithRole } from './lookup'
import type { HistoryEntry, ProposalDoc } from './model'
import { label, NOTE_MAX, numberOf, proposalMessage } from './notify'
import { withDepartment } from './supervision-view'

/** Days past the reply date after which an unanswered proposal is reported to the chair (工会主席). */
export const ESCALATE_AFTER_DAYS = 7

/** Who the history names for a step the school's rules take on their own. */
const SYSTEM = { byId: 'system', byName: '系统' }

/**
 * 逾期报主席: a proposal still unanswered more than ESCALATE_AFTER_DAYS days past its reply date is reported
 * to the chair once per reply date — the history line is written once (a conditional update on
 * `escalations.<replyBy>`), the message is keyed by the reply date — so an approved 延期 moves the date and
 * allows a new report later. Both are safe to repeat: a run cut short is finished by the next one.
 */
export const overdueEscalation: ReminderSource = {
  name: 'proposals.escalateOverdue',
  async collect(ctx, now) {
    const today = shanghaiDate(now)
    const at = now.toISOString()
    // Across unions: a timer run has no caller, and long-overdue proposals are few at any time.
    const overdue = await findAll<ProposalDoc>(ctx.store, PC.proposals, {
      status: 'assigned',
      'assignment.replyBy': { $lt: addDays(today, -ESCALATE_AFTER_DAYS) },
    })
    const out: OutgoingMessage[] = []
    // One read of a union's chair however many of its proposals are overdue.
    const chairs = new Map<string, Promise<MemberDoc[]>>()
    const chairsOf = (unionId: string) => {
      if (!chairs.has(unionId)) chairs.set(unionId, membersWithRole(ctx.store, unionId, 'chair'))
      return chairs.get(unionId) as Promise<MemberDoc[]>
    }
    for (const p of overdue) {
      if (!p.assignment || !withDepartment(p)) continue
      const { lead, replyBy } = p.assignment
      const chairsHere = await chairsOf(p.unionId)
      // Nobody to report to: no history line claims otherwise.
      if (chairsHere.length === 0) continue
      if (p.escalations?.[replyBy] === undefined) await recordEscalation(ctx, p, replyBy, at)
      const days = daysBetween(replyBy, today)
      for (const chair of chairsHere)
        out.push(
          proposalMessage(
            p,
            chair._id,
            `escalate-${replyBy}`,
            `提案逾期已超过${ESCALATE_AFTER_DAYS}天`,
            `${label(p)}由${lead}主办，答复期限${replyBy}，已逾期${days}天仍未答复，请您督办。`,
            at,
            { status: '逾期未答复', note: whole(`${lead}逾期${days}天未答复`, `已逾期${days}天未答复`) },
          ),
        )
    }
    return out
  },
}

/** The template's note whole: a long department name gives way to the shorter phrase. */
const whole = (note: string, shorter: string) => (Array.from(note).length <= NOTE_MAX ? note : shorter)

/** The history line, once per reply date: only where this date's escalation is not recorded yet. */
async function recordEscalation(ctx: JobCtx, p: ProposalDoc, replyBy: string, at: string): Promise<void> {
  const line: HistoryEntry = {
    at,
    ...SYSTEM,
    action: `逾期${ESCALATE_AFTER_DAYS}天，已报工会主席`,
    note: `${numberOf(p)}答复期限${replyBy}`,
  }
  await ctx.store.updateOne(
    PC.proposals,
    { _id: p._id, unionId: p.unionId, status: 'assigned', [`escalations.${replyBy}`]: { $exists: false } },
    { $set: { [`escalations.${replyBy}`]: at, updatedAt: at }, $push: { history: [line] } },
  )
}
