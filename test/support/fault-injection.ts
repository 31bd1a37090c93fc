import type { Reply } from '@/core/shared/errors'
import { FOLLOW_UP_GRACE_MS } from '@/core/shared/follow-up'
import type { KillPlan } from '../../emulator/cloudbase/invocation'
import type { TestCloud } from './test-cloud'

export type KilledOutcome = Reply<unknown> | 'killed'

export interface KillPoint extends KillPlan {
  /** e.g. "request 3 of 7, after it took effect". */
  label: string
}

/**
 * Runs `act` at every kill point of its first invocation: once cleanly to count its requests, then killed at
 * each request N, before it reaches the database and after it took effect. Every run starts from the same
 * database (restored from a snapshot); `check` then recovers (a retry, the follow-ups job) and asserts what a
 * user would notice. Emulator only: the local cloud cannot kill a call.
 */
export async function atEveryKillPoint(
  cloud: TestCloud,
  act: (kill: KillPlan | undefined) => Promise<KilledOutcome>,
  check: (point: KillPoint, outcome: KilledOutcome) => Promise<void>,
): Promise<KillPoint[]> {
  const emulator = cloud.emulator
  if (!emulator) throw new Error('fault injection needs the CloudBase emulator')
  const start = await emulator.database.snapshot()
  const startTime = cloud.ports.clock.now()
  const last = emulator.invocations.at(-1)
  const clean = await act(undefined)
  if (clean === 'killed') throw new Error('the clean run was killed')
  // The first invocation `act` made is the one to kill.
  const requests = emulator.invocations[emulator.invocations.indexOf(last!) + 1]?.requests ?? 0
  if (requests === 0) throw new Error('the clean run made no requests')
  const points: KillPoint[] = []
  for (let atRequest = 1; atRequest <= requests; atRequest++)
    for (const when of ['before', 'after'] as const)
      points.push({ atRequest, when, label: `request ${atRequest} of ${requests}, ${when} it took effect` })
  for (const point of points) {
    await emulator.database.restore(start)
    cloud.ports.clock.set(startTime)
    const outcome = await act({ atRequest: point.atRequest, when: point.when })
    await check(point, outcome)
  }
  return points
}

/** Moves time past the grace period and runs the follow-ups job, as its timer would. */
export async function afterGrace(cloud: TestCloud): Promise<void> {
  cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + FOLLOW_UP_GRACE_MS + 60_000))
  await cloud.runJob('follow-ups')
}

/** Runs a kill point's checks so a failure names the point, saying where the write was cut. */
export async function atPoint(point: KillPoint, check: () => Promise<void>): Promise<void> {
  try {
    await check()
  } catch (e) {
    throw new Error(`killed at ${point.label}:\n${e instanceof Error ? e.message : String(e)}`)
  }
}
