import type { ServerPorts } from './ports'
import { openFirstUnion } from './first-union'
import { INDEXES } from './indexes'
import { greetingsJobs } from './jobs/greetings'
import { remindersJobs } from './jobs/reminders'
import { finishFollowUps } from './follow-ups'
import { ensureSchema } from './schema'

export interface JobReport {
  /** One line for logs and `npm run trigger`, e.g. "建立索引 12 个". */
  summary: string
  [key: string]: unknown
}

/**
 * A timed job of the `cron` function. `cron` is WeChat's 7-field form (sec min hour day month weekday year),
 * read in Asia/Shanghai by CloudBase triggers and by the local runner alike.
 */
export interface Job {
  name: string
  cron: string
  description: string
  run(ports: ServerPorts): Promise<JobReport>
}

export const JOBS: Job[] = [
  {
    name: 'init',
    // Daily at 03:00: creating indexes is idempotent, so a new collection's index appears within a day even
    // if nobody ran `init` by hand after a deployment.
    cron: '0 0 3 * * * *',
    description: '建立数据库集合与索引；核对订阅消息模板；设置了 FIRST_UNION 时开通第一个工会',
    async run(ports) {
      await ensureSchema(ports.store)
      const firstUnion = await openFirstUnion(ports, process.env.FIRST_UNION)
      // Daily too: a template deleted in the WeChat console, or a mapping gone wrong, shows in the logs.
      const templates = await ports.subscribeTemplates.verify()
      const summary = `索引 ${INDEXES.length} 个已就绪；${templates.summary}${firstUnion ? `；${firstUnion}` : ''}`
      return {
        summary,
        indexes: INDEXES.length,
        templates: { ready: templates.ready, problems: templates.problems },
        ...(firstUnion ? { firstUnion } : {}),
      }
    },
  },
  ...greetingsJobs,
  ...remindersJobs,
  {
    name: 'follow-ups',
    cron: '0 */10 * * * * *',
    description: '完成被中断的多步写入（报名、取消、提交等），见 src/core/shared/follow-up.ts',
    async run(ports) {
      // Stop well inside cron's timeout; what is left stays marked for the next run.
      const report = await finishFollowUps(ports, Date.now() + 40_000)
      const done = Object.entries(report.finished).map(([name, n]) => `${name} ${n}`)
      const summary = `完成中断的写入：${done.join('，') || '无'}${report.failed ? `；失败 ${report.failed}` : ''}`
      return { summary, ...report }
    },
  },
]

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name)
}
