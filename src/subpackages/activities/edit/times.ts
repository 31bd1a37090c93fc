import { addDays, fromLocalInputs, shanghaiClock, shanghaiDate, toLocalInputs } from '@/core/shared/shanghai-time'
import { daysAfter, type QuickDay } from '@/components/date-choices'

/**
 * How the four times of an activity form hang together, so the chair sets the start and the rest follows:
 * the end keeps the activity's length (2 hours unless she changed it) and sign-up keeps closing the same
 * while before the start.
 */

export interface ActivityTimes {
  startAt: string
  endAt: string
  signupOpenAt: string
  signupCloseAt: string
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
export const DEFAULT_LENGTH = 2 * HOUR

const iso = (ms: number) => new Date(ms).toISOString()

/** Tomorrow 15:00–17:00 in Shanghai, sign-up open from now until tomorrow 12:00. */
export function defaultTimes(now: Date): ActivityTimes {
  const day = addDays(shanghaiDate(now), 1)
  const startAt = fromLocalInputs(day, '15:00')
  return {
    startAt,
    endAt: iso(Date.parse(startAt) + DEFAULT_LENGTH),
    signupOpenAt: iso(now.getTime() - MINUTE),
    signupCloseAt: fromLocalInputs(day, '12:00'),
  }
}

/**
 * A new start moves the end by the same amount (an end not after the old start gets the default length). On
 * a new form the sign-up close moves too, keeping its lead, or closes at the start when it would fall before
 * sign-up opens. On a published activity the close stays where the members were told it is, unless it would
 * now fall after the start.
 */
export function withStart<T extends ActivityTimes>(times: T, startAt: string, moveClose = true): T {
  const oldStart = Date.parse(times.startAt)
  const start = Date.parse(startAt)
  const length = Date.parse(times.endAt) - oldStart
  const lead = Math.max(0, oldStart - Date.parse(times.signupCloseAt))
  const endAt = iso(start + (length > 0 ? length : DEFAULT_LENGTH))
  if (!moveClose && Date.parse(times.signupCloseAt) <= start) return { ...times, startAt, endAt }
  const close = moveClose ? start - lead : start
  return { ...times, startAt, endAt, signupCloseAt: close > Date.parse(times.signupOpenAt) ? iso(close) : startAt }
}

/** The end's big buttons: the start's day and the next (for an outing that runs late). */
export function endDays(startAt: string, now: Date): QuickDay[] {
  return daysAfter(
    toLocalInputs(startAt).date,
    [
      { label: '当天', days: 0 },
      { label: '第二天', days: 1 },
    ],
    now,
  )
}

/** 1 to 4 hours after the start, as long as that is still the same day. */
export function endTimes(startAt: string): string[] {
  const start = Date.parse(startAt)
  const day = toLocalInputs(startAt).date
  return [1, 2, 3, 4]
    .map((h) => new Date(start + h * HOUR))
    .filter((t) => shanghaiDate(t) === day)
    .map(shanghaiClock)
}

/** The sign-up close's big buttons: the day before the activity and its own day (past days left out). */
export function closeDays(startAt: string, now: Date): QuickDay[] {
  return daysAfter(
    toLocalInputs(startAt).date,
    [
      { label: '活动前一天', days: -1 },
      { label: '活动当天', days: 0 },
    ],
    now,
  )
}
