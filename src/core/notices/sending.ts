import type { Notifier, OutgoingMessage } from '../shared/ports'
import type { TimeBox } from '../shared/time-box'

/**
 * How long an `api` call may spend sending before it stops and leaves the rest to a job or a second tap:
 * half of the function's 10 s (scripts/functions.ts), so the reply still reaches the phone at realistic
 * latencies (each send is 2–5 requests of 10–50 ms on CloudBase).
 */
export const API_SEND_BUDGET_MS = 5_000

/** Messages sent at once: a school's 300 members are then 30 rounds of a few requests, not 300. */
export const PARALLEL_SENDS = 10

export interface SendReport {
  /** Newly sent by this call. */
  sent: number
  /** Already sent before (their keys were recorded). */
  skipped: number
  /** False when time ran out first: the rest was not tried. */
  finished: boolean
}

/**
 * Sends PARALLEL_SENDS at a time until all are tried or the time box is over. Each batch settles fully
 * before an error is raised, so nothing is left half-way behind a reply; keys make sending twice harmless.
 */
export async function sendInBatches(
  notifier: Notifier,
  messages: readonly OutgoingMessage[],
  box: TimeBox,
): Promise<SendReport> {
  let sent = 0
  let skipped = 0
  for (let i = 0; i < messages.length; i += PARALLEL_SENDS) {
    if (box.over()) return { sent, skipped, finished: false }
    const outcomes = await Promise.allSettled(messages.slice(i, i + PARALLEL_SENDS).map((m) => notifier.send(m)))
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') throw toError(outcome.reason)
      if (outcome.value) sent++
      else skipped++
    }
  }
  return { sent, skipped, finished: true }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason))
}
