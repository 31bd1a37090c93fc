import { Cron } from 'croner'
import { tick, TICK_TRIGGER, type Job } from '../jobs'
import type { ServerPorts } from '../ports'

/**
 * Fires the `cron` function's one timer trigger on this machine, as CloudBase does: `tick` on its 7-field
 * expression, and the tick runs each job that is due. A tick never overlaps itself (croner's protect).
 */
export function startCronRunner(ports: ServerPorts, log: (line: string) => void): { stop(): void } {
  const timer = new Cron(TICK_TRIGGER.config, { timezone: 'Asia/Shanghai', protect: true }, async () => {
    await runTickLogged(ports, log)
  })
  return { stop: () => timer.stop() }
}

export async function runTickLogged(ports: ServerPorts, log: (line: string) => void): Promise<void> {
  const started = Date.now()
  try {
    const report = await tick(ports)
    for (const line of report.jobs) log(`[cron] ${line.job} ${line.period} ${line.outcome}: ${line.summary}`)
    if (report.jobs.length) log(`[cron] tick (${Date.now() - started} ms)`)
  } catch (e) {
    log(`[cron] tick failed: ${e instanceof Error ? e.stack : String(e)}`)
  }
}

/** A job by hand (`npm run trigger`): now, from the start, outside the run records. */
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
