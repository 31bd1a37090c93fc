import { Cron } from 'croner'
import { JOBS, type Job } from '../jobs'
import type { ServerPorts } from '../ports'

/**
 * Runs the `cron` function's timed triggers on this machine with the same 7-field expressions CloudBase reads,
 * in Asia/Shanghai. A job never overlaps itself (croner's protect), as a CloudBase timer would not either.
 */
export function startCronRunner(ports: ServerPorts, log: (line: string) => void): { stop(): void } {
  const timers = JOBS.map(
    (job) =>
      new Cron(job.cron, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        await runJobLogged(ports, job, log)
      }),
  )
  return { stop: () => timers.forEach((t) => t.stop()) }
}

export async function runJobLogged(ports: ServerPorts, job: Job, log: (line: string) => void): Promise<string> {
  const started = Date.now()
  try {
    const report = await job.run(ports)
    const line = `[cron] ${job.name}: ${report.summary} (${Date.now() - started} ms)`
    log(line)
    return report.summary
  } catch (e) {
    log(`[cron] ${job.name} failed: ${e instanceof Error ? e.stack : String(e)}`)
    throw e
  }
}
