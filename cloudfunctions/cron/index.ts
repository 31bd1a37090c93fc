import type { Reply } from '@/core/shared/errors'
import { findJob, tick, TICK_BUDGET_MS, TICK_TRIGGER } from '@/server/jobs'
import type { JobReport } from '@/server/jobs'
import { createCloudPorts } from '../_runtime/ports'
import { cloud, initCloud } from '../_runtime/sdk'

initCloud()
const ports = createCloudPorts(cloud)

/**
 * What a CloudBase timer trigger passes: `TriggerName` is the trigger's `name` in config.json (`tick`). A test
 * event from the console names a job instead (`{"TriggerName": "init"}`) to run it by hand, and may give a
 * tick a smaller `budgetMs`.
 */
interface CronEvent {
  Type?: string
  TriggerName?: unknown
  budgetMs?: unknown
}

/** Timed triggers and the console only: a call carrying an OPENID came from the app, which must not run jobs. */
export async function main(event: CronEvent | undefined): Promise<Reply<JobReport>> {
  if (cloud.getWXContext().OPENID) return { ok: false, code: 'FORBIDDEN', message: '定时任务只能由系统触发' }
  const name = event?.TriggerName
  if (name === TICK_TRIGGER.name) {
    const report = await tick(ports, { budgetMs: typeof event?.budgetMs === 'number' ? event.budgetMs : undefined })
    for (const line of report.jobs) console.info(`[cron] ${line.job} ${line.period} ${line.outcome}: ${line.summary}`)
    return { ok: true, data: report }
  }
  const job = typeof name === 'string' ? findJob(name) : undefined
  if (!job) return { ok: false, code: 'UNKNOWN_ACTION', message: `没有名为 ${String(name)} 的定时任务` }
  // By hand (or a per-job trigger still uploaded from an older version): the job now, inside the timeout.
  const report = await job.run(ports, Date.now() + TICK_BUDGET_MS)
  console.info(`[cron] ${job.name}: ${report.summary}`)
  return { ok: true, data: report }
}
