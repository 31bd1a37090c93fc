import type { JobCtx } from '../shared/context'
import type { ReminderSource } from '../shared/reminders'

export interface SourceReport {
  name: string
  due: number
  sent: number
  alreadySent: number
  /** Set when the source or a send failed; the next run retries, keys make that harmless. */
  error?: string
}

export interface RemindersReport {
  sent: number
  alreadySent: number
  sources: SourceReport[]
}

/**
 * One run of the `reminders` job: asks every source what is due now and sends it. A source that fails is
 * reported and the others still run; anything it did not send is due again in ten minutes, and what was
 * sent is not sent again, because the notifier refuses a key it has seen.
 */
export async function runReminders(ctx: JobCtx, sources: readonly ReminderSource[]): Promise<RemindersReport> {
  const now = ctx.clock.now()
  const report: RemindersReport = { sent: 0, alreadySent: 0, sources: [] }
  for (const source of sources) {
    const line: SourceReport = { name: source.name, due: 0, sent: 0, alreadySent: 0 }
    report.sources.push(line)
    try {
      const due = await source.collect(ctx, now)
      line.due = due.length
      for (const message of due) {
        if (await ctx.notifier.send(message)) line.sent++
        else line.alreadySent++
      }
    } catch (e) {
      line.error = e instanceof Error ? e.message : String(e)
    }
    report.sent += line.sent
    report.alreadySent += line.alreadySent
  }
  return report
}

export function describeReminders(report: RemindersReport): string {
  const failed = report.sources.filter((s) => s.error)
  const parts = [`发送提醒 ${report.sent} 条`, `已发过 ${report.alreadySent} 条`]
  if (failed.length) parts.push(`出错 ${failed.map((s) => `${s.name}（${s.error}）`).join('；')}`)
  return parts.join('，')
}
