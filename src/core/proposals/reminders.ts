import { C } from '../shared/collections'
import type { JobCtx } from '../shared/context'
import type { MemberDoc } from '../members/model'
import { findAll } from '../shared/paging'
import type { OutgoingMessage } from '../shared/ports'
import type { ReminderSource } from '../shared/reminders'
import { PC } from './collections'
import type { ProposalDoc } from './model'
import { label, proposalMessage } from './notify'
import { overdueEscalation } from './supervision-escalation'
import { ratingReminders } from './rating-reminders'
import { daysBetween, shanghaiDate } from '../shared/shanghai-time'

/** Days before the reply date when the 主办 department head is reminded. */
export const DUE_SOON_DAYS = 3

async function activeWithRole(ctx: JobCtx, unionId: string, role: string, department?: string): Promise<MemberDoc[]> {
  const filter: Record<string, string> = { unionId, roles: role, status: 'active' }
  if (department !== undefined) filter.department = department
  return ctx.store.find<MemberDoc>(C.members, filter, { sort: { _id: 1 }, limit: 200 })
}

/**
 * Proposals with a department: a reminder to the 主办 head when the reply date is 3 days away or less,
 * and an overdue notice to the head and the committee once the date has passed. Keys carry the reply date,
 * so each is sent once per date (a 再办理 keeps the date and is not re-nagged).
 */
export const replyDueReminders: ReminderSource = {
  name: 'proposals.replyDue',
  async collect(ctx, now) {
    const today = shanghaiDate(now)
    const at = now.toISOString()
    const out: OutgoingMessage[] = []
    // Across unions: a timer run has no caller, and assigned proposals are few at any time.
    const assigned = await findAll<ProposalDoc>(ctx.store, PC.proposals, { status: 'assigned' })
    // A reply waiting for sign-off is answered, as far as the department is concerned.
    const due = assigned.filter(
      (p) => p.assignment && !p.pendingSignOff && daysBetween(today, p.assignment.replyBy) <= DUE_SOON_DAYS,
    )
    // The people to tell, read once per union and department, all at once: one round trip, not one per proposal.
    const people = new Map<string, Promise<MemberDoc[]>>()
    const once = (key: string, read: () => Promise<MemberDoc[]>) => {
      if (!people.has(key)) people.set(key, read())
      return people.get(key) as Promise<MemberDoc[]>
    }
    const headsOf = (p: ProposalDoc) =>
      once(`${p.unionId}:head:${p.assignment?.lead}`, () =>
        activeWithRole(ctx, p.unionId, 'deptHead', p.assignment?.lead ?? ''),
      )
    const committeeOf = (p: ProposalDoc) =>
      once(`${p.unionId}:committee`, () => activeWithRole(ctx, p.unionId, 'committee'))
    const told = await Promise.all(
      due.map(async (p) => {
        const overdue = daysBetween(today, p.assignment?.replyBy ?? today) < 0
        const [heads, committee] = await Promise.all([headsOf(p), overdue ? committeeOf(p) : Promise.resolve([])])
        return { p, heads, committee }
      }),
    )
    for (const { p, heads, committee } of told) {
      const { lead, replyBy } = p.assignment as NonNullable<ProposalDoc['assignment']>
      const daysLeft = daysBetween(today, replyBy)
      if (daysLeft >= 0) {
        const when = daysLeft === 0 ? '今天' : `${daysLeft}天后（${replyBy}）`
        for (const h of heads)
          out.push(
            proposalMessage(
              p,
              h._id,
              `due-${replyBy}`,
              '提案答复期限将到',
              `${label(p)}由${lead}主办，答复期限是${when}，请及时答复。`,
              at,
              // WeChat's keywords hold 5 and 20 characters: words that fit whole.
              { status: '期限将到', note: `答复期限${replyBy}` },
            ),
          )
        continue
      }
      const body = `${label(p)}由${lead}主办，答复期限${replyBy}已过${-daysLeft}天，尚未答复。`
      for (const h of heads)
        out.push(
          proposalMessage(p, h._id, `overdue-${replyBy}`, '提案答复已逾期', `${body}请尽快答复。`, at, {
            status: '已逾期',
            note: `已逾期${-daysLeft}天，请尽快答复`,
          }),
        )
      for (const m of committee)
        out.push(
          proposalMessage(p, m._id, `overdue-${replyBy}`, '提案答复已逾期', `${body}请督办。`, at, {
            status: '已逾期',
            note: `已逾期${-daysLeft}天，请督办`,
          }),
        )
    }
    return out
  },
}

/** Reminders this capability asks the `reminders` job to send. */
export const proposalsReminders: ReminderSource[] = [replyDueReminders, overdueEscalation, ratingReminders]
