import type { Reply } from '@/core/shared/errors'
import { findJob } from '@/server/jobs'
import type { JobReport } from '@/server/jobs'
import { createCloudPorts } from '../_runtime/ports'
import { cloud, initCloud } from '../_runtime/sdk'

initCloud()
const ports = createCloudPorts(cloud)

/** What a CloudBase timer trigger passes: `TriggerName` is the trigger's `name` in config.json. */
interface TimerEvent {
  Type?: string
  TriggerName?: unknown
}

/** Timed triggers only: a call carrying an OPENID came from the app, and the app must not run jobs. */
export async function main(event: TimerEvent | undefined): Promise<Reply<JobReport>> {
  if (cloud.getWXContext().OPENID) return { ok: false, code: 'FORBIDDEN', message: '定时任务只能由系统触发' }
  const name = event?.TriggerName
  const job = typeof name === 'string' ? findJob(name) : undefined
  if (!job) return { ok: false, code: 'UNKNOWN_ACTION', message: `没有名为 ${String(name)} 的定时任务` }
  const report = await job.run(ports)
  console.info(`[cron] ${job.name}: ${report.summary}`)
  return { ok: true, data: report }
}
