import { activitiesReminders } from '@/core/activities/reminders'
import { MC } from '@/core/messages/collections'
import type { StoredMessageDoc } from '@/core/messages/model'
import { finishUndeliveredNotices, noticesReminders } from '@/core/notices/reminders'
import { proposalsReminders } from '@/core/proposals/reminders'
import {
  describeReminders,
  runReminders,
  type RemindersCursor,
  type RemindersReport,
  type SourceReport,
} from '@/core/reminders/engine'
import type { Store } from '@/core/shared/ports'
import type { ReminderSource } from '@/core/shared/reminders'
import { defineJob, type Job } from './job'

/** Every capability's reminder sources; the job asks each what is due. */
export const REMINDER_SOURCES: readonly ReminderSource[] = [
  ...activitiesReminders,
  ...proposalsReminders,
  ...noticesReminders,
]

interface RemindersProgress {
  from: RemindersCursor
  /** What the period's earlier runs did. */
  totals: Omit<RemindersReport, 'next'>
  resent: { notices: number; sent: number }
}

export const remindersJobs: Job[] = [
  defineJob<RemindersProgress>({
    name: 'reminders',
    cron: '0 */10 * * * * *',
    description: '发送到期的提醒（活动、提案、通知回执），补发中断的通知',
    async step(ports, run) {
      const unfinished = await finishUndeliveredNotices(ports, run.deadline)
      const { next, ...report } = await runReminders(ports, REMINDER_SOURCES, {
        deadline: run.deadline,
        from: run.progress?.from,
        delivered: deliveredKeys(ports.store),
      })
      const totals = run.progress ? merge(run.progress.totals, report) : report
      const resent = {
        notices: Math.max(run.progress?.resent.notices ?? 0, unfinished.notices),
        sent: (run.progress?.resent.sent ?? 0) + unfinished.sent,
      }
      const resumed = resent.notices ? `；补发通知 ${resent.notices} 条（${resent.sent} 人）` : ''
      const summary = `${describeReminders(totals)}${resumed}${next ? '（未完，下次继续）' : ''}`
      const out = { summary, ...totals, unfinishedNotices: resent }
      return next ? { done: false, progress: { from: next, totals, resent }, report: out } : { done: true, report: out }
    },
  }),
]

/**
 * Which keys the notifier has recorded: a message's `_id` is its key (src/server/notifier-store.ts). One read
 * per hundred keys instead of a refused insert each, when a run goes over what an earlier one sent.
 */
function deliveredKeys(store: Store): (keys: string[]) => Promise<ReadonlySet<string>> {
  return async (keys) => {
    const found = await store.find<StoredMessageDoc>(MC.messages, { _id: { $in: keys } }, { limit: keys.length })
    return new Set(found.map((m) => m._id))
  }
}

function merge(a: Omit<RemindersReport, 'next'>, b: Omit<RemindersReport, 'next'>): Omit<RemindersReport, 'next'> {
  const sources: SourceReport[] = a.sources.map((s) => ({ ...s }))
  for (const line of b.sources) {
    const seen = sources.find((s) => s.name === line.name)
    if (!seen) sources.push({ ...line })
    else {
      seen.due = Math.max(seen.due, line.due)
      seen.sent += line.sent
      seen.alreadySent += line.alreadySent
      if (line.error) seen.error = line.error
    }
  }
  return { sent: a.sent + b.sent, alreadySent: a.alreadySent + b.alreadySent, sources }
}
