/**
 * How long a run may go on: an api call's sending budget, or a job's share of the tick. One rule for every
 * time limit: it runs on the monotonic clock, because `Date` may stand still (a test's fixed clock) while
 * time does not. Jobs hand deadlines around as epoch ms; `untilDeadline` turns one into a box.
 */
export interface TimeBox {
  over(): boolean
}

export const NO_TIME_LIMIT: TimeBox = { over: () => false }

/** Ends `ms` from now. */
export function timeBox(ms: number): TimeBox {
  const end = performance.now() + ms
  return { over: () => performance.now() >= end }
}

/** Ends at an epoch-ms deadline (a job's), or never when there is none. */
export function untilDeadline(deadline: number | undefined): TimeBox {
  return deadline === undefined || deadline === Infinity ? NO_TIME_LIMIT : timeBox(deadline - Date.now())
}
