import type { Reply } from '@/core/shared/errors'
import { tick as runTick, TICK_TRIGGER, type TickReport } from '@/server/jobs'
import type { KillPlan } from '../../emulator/cloudbase/invocation'
import type { TestCloud } from './test-cloud'

export interface TickEvent {
  Type: 'Timer'
  TriggerName: string
  budgetMs?: number
}

/** What CloudBase passes `cron` when its timer trigger fires (plus a test's smaller budget). */
export function tickEvent(options: { budgetMs?: number } = {}): TickEvent {
  return { Type: 'Timer', TriggerName: TICK_TRIGGER.name, ...options }
}

/**
 * The timer trigger fires once: through the `cron` bundle on the emulator, in process on the local cloud.
 * `budgetMs: 0` gives each due job one batch.
 */
export async function tick(cloud: TestCloud, options: { budgetMs?: number } = {}): Promise<TickReport> {
  if (!cloud.emulator) return runTick(cloud.ports, options)
  const reply = (await cloud.emulator.invoke('cron', tickEvent(options))) as Reply<TickReport>
  if (!reply.ok) throw new Error(`the tick failed on the emulator: ${JSON.stringify(reply)}`)
  return reply.data
}

/** The tick killed at its N-th request (emulator only): 'killed', or its reply when it finished first. */
export async function tickKilledAt(cloud: TestCloud, kill: KillPlan | undefined): Promise<Reply<unknown> | 'killed'> {
  if (!cloud.emulator) throw new Error('fault injection needs the CloudBase emulator')
  try {
    return (await cloud.emulator.invoke('cron', tickEvent(), { kill })) as Reply<unknown>
  } catch (e) {
    if (e instanceof Error && e.name === 'InvocationKilled') return 'killed'
    throw e
  }
}

/** What the tick did with each job: job → outcome. */
export function outcomes(report: TickReport): Record<string, string> {
  return Object.fromEntries(report.jobs.map((l) => [l.job, l.outcome]))
}
