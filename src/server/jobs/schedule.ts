import { addDays, shanghaiClock, shanghaiDate, shanghaiDayStart, weekdayOf } from '@/core/shared/shanghai-time'

/**
 * When a job is due. `cron` has one timer trigger (`tick`, every ten minutes); each job keeps its own 7-field
 * expression (sec min hour day month weekday year, WeChat's 定时触发器 form) as the rule for which period it is
 * in, read here in Asia/Shanghai. A job's period runs from one scheduled instant to the next; a tick works on
 * the current period until it is done.
 *
 * Fields and ranges as WeChat documents them (weekday 0–6, 0 = Sunday); each field is `*`, a value, a range
 * `a-b`, a step `* /n`, `a/n` (from a, every n) or `a-b/n`, or a list of those. Month and weekday names, and a
 * day of month together with a weekday (whose meaning WeChat does not document), are refused, not guessed.
 */
export interface Schedule {
  expression: string
  seconds: readonly number[]
  minutes: readonly number[]
  hours: readonly number[]
  days: ReadonlySet<number>
  months: ReadonlySet<number>
  weekdays: ReadonlySet<number>
  years: ReadonlySet<number>
}

export interface Period {
  /** The scheduled instant this period began. */
  start: Date
  /** Its Shanghai wall time, e.g. `2026-12-05T08:00` (seconds only when not 0): part of the run record's _id. */
  key: string
}

const FIELDS = [
  { name: '秒', min: 0, max: 59 },
  { name: '分钟', min: 0, max: 59 },
  { name: '小时', min: 0, max: 23 },
  { name: '日', min: 1, max: 31 },
  { name: '月', min: 1, max: 12 },
  { name: '星期', min: 0, max: 6 },
  { name: '年', min: 1970, max: 2099 },
] as const

/** Far enough back for any expression that fires at all: a 29 February one fires once in four years. */
const LOOKBACK_DAYS = 4 * 366 + 1

export function parseSchedule(expression: string): Schedule {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== FIELDS.length) throw new Error(`cron 表达式应有 7 段：${expression}`)
  const values = parts.map((text, i) => parseField(text, FIELDS[i], expression))
  if (parts[3] !== '*' && parts[5] !== '*') throw new Error(`cron 表达式不能同时限定日和星期：${expression}`)
  return {
    expression,
    seconds: values[0],
    minutes: values[1],
    hours: values[2],
    days: new Set(values[3]),
    months: new Set(values[4]),
    weekdays: new Set(values[5]),
    years: new Set(values[6]),
  }
}

function parseField(text: string, field: (typeof FIELDS)[number], expression: string): number[] {
  const out = new Set<number>()
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part)
    if (!m) throw new Error(`cron 表达式的${field.name}段写法不支持：${expression}`)
    const step = m[4] === undefined ? 1 : Number(m[4])
    const lo = m[1] === '*' ? field.min : Number(m[2])
    // `a/n` runs from a to the end of the range; a bare value is just itself.
    const hi = m[1] === '*' ? field.max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? field.max : lo
    if (step < 1 || lo < field.min || hi > field.max || lo > hi)
      throw new Error(`cron 表达式的${field.name}段超出 ${field.min}-${field.max}：${expression}`)
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return [...out].sort((a, b) => a - b)
}

/** The period `now` falls in: the latest scheduled instant at or before it (Shanghai time), or null if none. */
export function periodAt(schedule: Schedule, now: Date): Period | null {
  const today = shanghaiDate(now)
  const [hour, minute] = shanghaiClock(now).split(':').map(Number)
  // Shanghai is a whole number of hours from UTC: the seconds are the same on both clocks.
  const nowInDay = hour * 3600 + minute * 60 + now.getUTCSeconds()
  for (let back = 0; back <= LOOKBACK_DAYS; back++) {
    const date = addDays(today, -back)
    if (!firesOn(schedule, date)) continue
    const at = latestInDay(schedule, back === 0 ? nowInDay : 86_399)
    if (at === null) continue
    return { start: new Date(shanghaiDayStart(date).getTime() + at * 1000), key: periodKey(date, at) }
  }
  return null
}

function firesOn(s: Schedule, date: string): boolean {
  const weekday = weekdayOf(date)
  return (
    s.years.has(Number(date.slice(0, 4))) &&
    s.months.has(Number(date.slice(5, 7))) &&
    s.days.has(Number(date.slice(8, 10))) &&
    s.weekdays.has(weekday)
  )
}

/** The latest scheduled second of a day at or before `limit` (seconds since midnight), or null. */
function latestInDay(s: Schedule, limit: number): number | null {
  for (let h = s.hours.length - 1; h >= 0; h--) {
    const hour = s.hours[h] * 3600
    if (hour > limit) continue
    for (let m = s.minutes.length - 1; m >= 0; m--) {
      const minute = hour + s.minutes[m] * 60
      if (minute > limit) continue
      for (let x = s.seconds.length - 1; x >= 0; x--) if (minute + s.seconds[x] <= limit) return minute + s.seconds[x]
    }
  }
  return null
}

function periodKey(date: string, at: number): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const seconds = at % 60
  return `${date}T${two(Math.floor(at / 3600))}:${two(Math.floor(at / 60) % 60)}${seconds ? `:${two(seconds)}` : ''}`
}
