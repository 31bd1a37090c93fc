import {
  addDays,
  chineseWeekday,
  fromLocalInputs,
  monthDayLabel,
  shanghaiDate,
  toLocalInputs,
  weekdayOf,
} from '@/core/shared/shanghai-time'

/**
 * The pure rules behind DateTimeField: which dates and times its big buttons offer and what instant a tap
 * picks. Everything is Shanghai calendar time through the shared helpers, so a phone set to another zone
 * (or a chair travelling) still gets 「明天」 as the school means it.
 */

export interface QuickDay {
  label: string
  /** YYYY-MM-DD (Shanghai) */
  date: string
}

/** Times most union events start or close at; anything else is one wheel away. */
export const COMMON_TIMES = ['08:30', '10:00', '12:00', '14:00', '15:30', '17:00']

/** 今天、明天、下周一 in Shanghai; 下周一 is left out on a Sunday, when it is 明天. */
export function quickDays(now: Date): QuickDay[] {
  const today = shanghaiDate(now)
  const tomorrow = addDays(today, 1)
  const nextMonday = addDays(today, (8 - weekdayOf(today)) % 7 || 7)
  const days = [
    { label: '今天', date: today },
    { label: '明天', date: tomorrow },
  ]
  return nextMonday === tomorrow ? days : [...days, { label: '下周一', date: nextMonday }]
}

/** Common lengths of a window that stays open for a while (a 提案 collection). */
export const LATER = [
  { label: '两周后', days: 14 },
  { label: '一个月后', days: 30 },
]

/** Days counted from another date, e.g. 「两周后」 from the opening day; dates before today are left out. */
export function daysAfter(from: string, offsets: { label: string; days: number }[], now: Date): QuickDay[] {
  const today = shanghaiDate(now)
  return offsets.map((o) => ({ label: o.label, date: addDays(from, o.days) })).filter((d) => d.date >= today)
}

/** Days counted from today, e.g. 「一周后」 for a reply deadline. */
export function fromToday(offsets: { label: string; days: number }[], now: Date): QuickDay[] {
  return daysAfter(shanghaiDate(now), offsets, now)
}

/** A quick day keeps the time of day already chosen. */
export function onDay(iso: string, date: string): string {
  return fromLocalInputs(date, toLocalInputs(iso).time)
}

/** A quick time keeps the date already chosen. */
export function atTime(iso: string, time: string): string {
  return fromLocalInputs(toLocalInputs(iso).date, time)
}

/** 12月4日（周五）, with the year in front when it is not this year. */
export function dateLabel(date: string, now: Date): string {
  const year = date.slice(0, 4) === shanghaiDate(now).slice(0, 4) ? '' : `${Number(date.slice(0, 4))}年`
  return `${year}${monthDayLabel(date)}（${chineseWeekday(date)}）`
}
