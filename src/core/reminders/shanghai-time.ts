/**
 * Calendar arithmetic in Asia/Shanghai with a fixed +8 offset (China has no daylight saving). Cloud functions
 * run in UTC, so "today" is never `new Date().getDate()`: it is always derived from an instant here.
 */

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

/** YYYY-MM-DD in Shanghai for an instant. 2026-12-02T16:00Z is already 2026-12-03 in Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10)
}

/** HH:mm on a Shanghai wall clock for an instant. 2026-12-02T16:00Z is 00:00 (of 2026-12-03). */
export function shanghaiClock(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(11, 16)
}

/** The UTC instant at which a Shanghai calendar day begins (00:00 +08:00). */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS)
}

/** A Shanghai calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** 2026-12-03 → 12月3日 */
export function chineseDate(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** 2026-12-03 → 2026年12月3日 */
export function chineseFullDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${chineseDate(date)}`
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** 2026-12-03 → 周四 */
export function chineseWeekday(date: string): string {
  return `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`
}
