import { sendDailyGreetings } from '@/core/greetings/daily'
import type { Job } from '../jobs'

/** Timed jobs of birthday greetings. */
export const greetingsJobs: Job[] = [
  {
    name: 'daily',
    // 08:00 Asia/Shanghai (CloudBase reads trigger cron in UTC+8; the function itself runs in UTC = 00:00).
    cron: '0 0 8 * * * *',
    description: '发送今日生日祝福',
    async run(ports) {
      const r = await sendDailyGreetings(ports)
      const skipped = r.skipped.optedOut + r.skipped.retired
      return {
        summary: `${r.date} 生日 ${r.birthdays} 人，发送祝福 ${r.sent} 条，已发过 ${r.alreadySent} 条，按设置跳过 ${skipped} 人（${r.unions} 个工会）`,
        ...r,
      }
    },
  },
]
