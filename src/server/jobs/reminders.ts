import { activitiesReminders } from '@/core/activities/reminders'
import { finishUndeliveredNotices, noticesReminders } from '@/core/notices/reminders'
import { proposalsReminders } from '@/core/proposals/reminders'
import { describeReminders, runReminders } from '@/core/reminders/engine'
import type { ReminderSource } from '@/core/shared/reminders'
import type { Job } from '../jobs'

/** Every capability's reminder sources; the job asks each what is due. */
export const REMINDER_SOURCES: readonly ReminderSource[] = [
  ...activitiesReminders,
  ...proposalsReminders,
  ...noticesReminders,
]

export const remindersJobs: Job[] = [
  {
    name: 'reminders',
    cron: '0 */10 * * * * *',
    description: '发送到期的提醒（活动、提案、通知回执）',
    async run(ports) {
      const unfinished = await finishUndeliveredNotices(ports)
      const report = await runReminders(ports, REMINDER_SOURCES)
      const resumed = unfinished.notices ? `；补发通知 ${unfinished.notices} 条（${unfinished.sent} 人）` : ''
      return { summary: `${describeReminders(report)}${resumed}`, ...report, unfinishedNotices: unfinished }
    },
  },
]
