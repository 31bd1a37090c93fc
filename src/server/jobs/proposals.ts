import { autoCloseUnrated } from '@/core/proposals/auto-close'
import { defineJob, type Job } from './job'

export const proposalsJobs: Job[] = [
  defineJob<{ closed: number }>({
    name: 'proposals-auto-close',
    // Daily at 09:00, after the night: a proposer is told in the morning, not at midnight.
    cron: '0 0 9 * * * *',
    description: '答复后逾期未评价的提案，按届次规定视为满意并办结',
    async step(ports, run) {
      const report = await autoCloseUnrated(ports, run.deadline)
      const closed = (run.progress?.closed ?? 0) + report.closed
      const summary = `逾期未评价视为满意办结 ${closed} 件`
      return report.stopped
        ? { done: false, progress: { closed }, report: { summary, closed } }
        : { done: true, report: { summary, closed } }
    },
  }),
]
