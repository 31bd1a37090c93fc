import { sendDailyGreetings, type GreetingCursor } from '@/core/greetings/daily'
import type { DailyGreetingReport } from '@/core/greetings/views'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import { defineJob, type Job, type JobReport } from './job'

interface DailyProgress {
  cursor: GreetingCursor
  /** What the period's earlier runs did. */
  totals: DailyGreetingReport
}

/** Timed jobs of birthday greetings. */
export const greetingsJobs: Job[] = [
  defineJob<DailyProgress>({
    name: 'daily',
    // 08:00 Asia/Shanghai (the function itself runs in UTC, where it is 00:00).
    cron: '0 0 8 * * * *',
    description: '发送今日生日祝福',
    async step(ports, run) {
      const today = shanghaiDate(ports.clock.now())
      // A tick greets for its period's date; by hand, for today.
      const date = run.period ? shanghaiDate(run.period) : today
      // A greeting belongs to the day: a period not finished by midnight (or first seen the day after, when the
      // function was down) is not made up for with a late 生日快乐.
      if (date !== today) return { done: true, report: { summary: `${date} 已过，不再补发当天的生日祝福`, date } }
      const { next, ...r } = await sendDailyGreetings(ports, {
        date,
        deadline: run.deadline,
        from: run.progress?.cursor,
      })
      const totals = run.progress ? add(run.progress.totals, r) : r
      if (next)
        return { done: false, progress: { cursor: next, totals }, report: describe(totals, '（未完，下次继续）') }
      return { done: true, report: describe(totals) }
    },
  }),
]

function describe(r: DailyGreetingReport, more = ''): JobReport {
  const skipped = r.skipped.optedOut + r.skipped.retired
  return {
    summary: `${r.date} 生日 ${r.birthdays} 人，发送祝福 ${r.sent} 条，已发过 ${r.alreadySent} 条，按设置跳过 ${skipped} 人（${r.unions} 个工会）${more}`,
    ...r,
  }
}

function add(a: DailyGreetingReport, b: DailyGreetingReport): DailyGreetingReport {
  return {
    date: a.date,
    unions: a.unions + b.unions,
    birthdays: a.birthdays + b.birthdays,
    sent: a.sent + b.sent,
    alreadySent: a.alreadySent + b.alreadySent,
    skipped: { optedOut: a.skipped.optedOut + b.skipped.optedOut, retired: a.skipped.retired + b.skipped.retired },
  }
}
