import type { ServerPorts } from './ports'
import { openFirstUnion } from './first-union'
import { INDEXES } from './indexes'
import { greetingsJobs } from './jobs/greetings'
import { defineJob, type Job } from './jobs/job'
import { remindersJobs } from './jobs/reminders'
import { proposalsJobs } from './jobs/proposals'
import { runTick, type TickOptions, type TickReport } from './jobs/tick'
import { finishFollowUps, type FollowUpReport } from './follow-ups'
import { ensureSchema } from './schema'

export type { Job, JobReport } from './jobs/job'
export { TICK_BUDGET_MS, TICK_TRIGGER, type TickReport } from './jobs/tick'

/**
 * The timed jobs of the `cron` function. One timer trigger (`tick`, every ten minutes) runs each job whose
 * period has work left; a job's `cron` (WeChat's 7-field form, read in Asia/Shanghai) says when a period
 * begins. A job's run stops before the tick's deadline and the next tick goes on.
 */
export const JOBS: Job[] = [
  defineJob({
    name: 'init',
    // Daily at 03:00: creating indexes is idempotent, so a new collection's index appears within a day even
    // if nobody ran `init` by hand after a deployment.
    cron: '0 0 3 * * * *',
    description: '建立数据库集合与索引；核对订阅消息模板；设置了 FIRST_UNION 时开通第一个工会',
    async step(ports) {
      await ensureSchema(ports.store)
      const firstUnion = await openFirstUnion(ports, process.env.FIRST_UNION)
      // Daily too: a template deleted in the WeChat console, or a mapping gone wrong, shows in the logs.
      const templates = await ports.subscribeTemplates.verify()
      const summary = `索引 ${INDEXES.length} 个已就绪；${templates.summary}${firstUnion ? `；${firstUnion}` : ''}`
      return {
        done: true,
        report: {
          summary,
          indexes: INDEXES.length,
          templates: { ready: templates.ready, problems: templates.problems },
          ...(firstUnion ? { firstUnion } : {}),
        },
      }
    },
  }),
  ...greetingsJobs,
  ...remindersJobs,
  ...proposalsJobs,
  defineJob<Pick<FollowUpReport, 'finished' | 'failed'>>({
    name: 'follow-ups',
    cron: '0 */10 * * * * *',
    description: '完成被中断的多步写入（报名、取消、提交等），见 src/core/shared/follow-up.ts',
    async step(ports, run) {
      // What is left stays marked: the marks themselves are where the next run goes on.
      const report = await finishFollowUps(ports, run.deadline)
      const finished = { ...run.progress?.finished }
      for (const [name, n] of Object.entries(report.finished)) finished[name] = (finished[name] ?? 0) + n
      const failed = (run.progress?.failed ?? 0) + report.failed
      const done = Object.entries(finished).map(([name, n]) => `${name} ${n}`)
      const summary = `完成中断的写入：${done.join('，') || '无'}${failed ? `；失败 ${failed}` : ''}`
      const totals = { finished, failed }
      return report.stopped
        ? { done: false, progress: totals, report: { summary, ...totals } }
        : { done: true, report: { summary, ...totals } }
    },
  }),
]

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name)
}

/** One firing of `cron`'s timer trigger over every job (src/server/jobs/tick.ts). */
export function tick(ports: ServerPorts, options?: TickOptions): Promise<TickReport> {
  return runTick(ports, JOBS, options)
}
