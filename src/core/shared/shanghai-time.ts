/**
 * Shanghai time, the one place that knows the school's clock: every date a teacher sees and every "today"
 * a rule uses is Asia/Shanghai, derived from an instant by a fixed +8 hours (China has no daylight saving).
 * Cloud functions run in UTC and phones may be set to any zone, so nothing else may read a local date.
 *
 * Plain arithmetic rather than dayjs: each function is a line or two, pure, and safe in the main package;
 * dayjs would need its utc plugin for the same and be one more thing to keep in the 2 MB.
 */

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

const pad = (n: number) => String(n).padStart(2, '0')

/** An instant as fields of the Shanghai wall clock. */
function wallClock(at: Date | string) {
  const d = new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  }
}

// ——— instants → Shanghai calendar ———

/** YYYY-MM-DD in Shanghai for an instant. 2026-12-02T16:00Z is already 2026-12-03 in Shanghai. */
export function shanghaiDate(at: Date | string): string {
  const w = wallClock(at)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`
}

/** HH:mm on a Shanghai wall clock for an instant. 2026-12-02T16:00Z is 00:00 (of 2026-12-03). */
export function shanghaiClock(at: Date | string): string {
  const w = wallClock(at)
  return `${pad(w.hour)}:${pad(w.minute)}`
}

/** The hour (0–23) on a Shanghai wall clock. */
export function shanghaiHour(at: Date | string): number {
  return wallClock(at).hour
}

/** The year and quarter (1–4) an instant falls in, in Shanghai. */
export function shanghaiQuarter(at: Date | string): { year: number; quarter: number } {
  const w = wallClock(at)
  return { year: w.year, quarter: Math.floor((w.month - 1) / 3) + 1 }
}

/** The instant a Shanghai calendar day begins (00:00 +08:00). */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS)
}

/** The last millisecond of a Shanghai calendar day. */
export function shanghaiDayEnd(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + DAY_MS - 1)
}

/** A Shanghai date and time as the picker gives them (YYYY-MM-DD, HH:mm) → an ISO instant with its zone. */
export function fromLocalInputs(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** The Shanghai date (YYYY-MM-DD) and time (HH:mm) of an instant, for date and time pickers. */
export function toLocalInputs(at: Date | string): { date: string; time: string } {
  return { date: shanghaiDate(at), time: shanghaiClock(at) }
}

// ——— calendar dates (YYYY-MM-DD) ———

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

// ——— words a teacher reads ———

/** 2026-12-03, or a stored birthday 12-03 → 12月3日 (「06-18」 reads as a code to many colleagues). */
export function monthDayLabel(date: string): string {
  const md = date.slice(-5)
  return `${Number(md.slice(0, 2))}月${Number(md.slice(3, 5))}日`
}

/** 2026-12-03 → 2026年12月3日 */
export function chineseFullDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${monthDayLabel(date)}`
}

/** 2026-12-03 → 周四 */
export function chineseWeekday(date: string): string {
  return `周${WEEKDAYS[weekdayOf(date)]}`
}

/** 12月3日（周四）14:30 */
export function formatWhen(at: Date | string): string {
  const w = wallClock(at)
  return `${w.month}月${w.day}日（周${WEEKDAYS[w.weekday]}）${pad(w.hour)}:${pad(w.minute)}`
}

/** 12月3日（周四）14:30—16:00, or two full times when the end is on another day. */
export function formatSpan(start: string, end: string): string {
  const sameDay = shanghaiDate(start) === shanghaiDate(end)
  if (sameDay) return `${formatWhen(start)}—${shanghaiClock(end)}`
  return `${formatWhen(start)} 至 ${monthDayLabel(shanghaiDate(end))} ${shanghaiClock(end)}`
}

/** 12月3日 14:05: a time in a list (messages, receipts). */
export function shortTime(at: Date | string): string {
  return `${monthDayLabel(shanghaiDate(at))} ${shanghaiClock(at)}`
}

/** 2026-12-03 14:05: a time in a record the chair may compare across years (logs, a 提案's history). */
export function fullTime(at: Date | string): string {
  return `${shanghaiDate(at)} ${shanghaiClock(at)}`
}
