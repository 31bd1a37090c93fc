import type { ServerPorts } from '../ports'
import { parseSchedule, type Schedule } from './schedule'

export interface JobReport {
  /** One line for logs and `npm run trigger`, e.g. "建立索引 12 个". */
  summary: string
  [key: string]: unknown
}

/** One time-boxed run of a job. */
export interface JobRun<P> {
  /**
   * Stop before this instant (epoch ms, against Date.now()), having saved where it got to in `progress`. A run
   * always does one batch before it looks, so every run moves on, however little time it was given.
   */
  deadline: number
  /** Where the previous run of this period stopped; null at the period's start (and when run by hand). */
  progress: P | null
  /** The scheduled start of the period this run works for; null when run by hand, which works for now. */
  period: Date | null
}

export type JobStep<P> =
  | { done: true; report: JobReport }
  /** The deadline came first: `progress` is saved in the run record and handed to the next tick's run. */
  | { done: false; progress: P; report: JobReport }

export interface JobSpec<P> {
  name: string
  /** When the job is due: WeChat's 7-field cron, read in Asia/Shanghai (schedule.ts). */
  cron: string
  description: string
  step(ports: ServerPorts, run: JobRun<P>): Promise<JobStep<P>>
}

/** A timed job of the `cron` function; the `tick` (tick.ts) runs each one whose period is not done yet. */
export interface Job {
  readonly name: string
  readonly cron: string
  readonly description: string
  readonly schedule: Schedule
  /** One run of a period, from the progress its run record holds. */
  step(ports: ServerPorts, run: JobRun<unknown>): Promise<JobStep<unknown>>
  /**
   * Runs the job now, by hand (`npm run trigger`, a console test event): from the start, outside the run
   * records, until done or `deadline`. Whatever it sends is keyed, so the ticks never send it again.
   */
  run(ports: ServerPorts, deadline?: number): Promise<JobReport>
}

export function defineJob<P>(spec: JobSpec<P>): Job {
  // A bad expression fails when the module loads (and in the unit tests), not at 08:00.
  const schedule = parseSchedule(spec.cron)
  return {
    name: spec.name,
    cron: spec.cron,
    description: spec.description,
    schedule,
    // A run record's progress is what this job's own step returned last time: the cast restores its type.
    step: (ports, run) => spec.step(ports, { ...run, progress: run.progress as P | null }),
    async run(ports, deadline = Infinity) {
      const step = await spec.step(ports, { deadline, progress: null, period: null })
      if (step.done) return step.report
      return { ...step.report, summary: `${step.report.summary}（时间到，余下的由定时运行接着完成）` }
    },
  }
}
