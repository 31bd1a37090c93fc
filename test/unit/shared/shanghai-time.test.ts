import fs from 'fs'
import path from 'path'
import { Cron } from 'croner'
import {
  addDays,
  chineseFullDate,
  chineseWeekday,
  daysBetween,
  formatSpan,
  formatWhen,
  fromLocalInputs,
  fullTime,
  isLeapYear,
  monthDayLabel,
  shanghaiDate,
  shanghaiDayEnd,
  shanghaiDayStart,
  shanghaiHour,
  shanghaiQuarter,
  shortTime,
  toLocalInputs,
} from '@/core/shared/shanghai-time'

describe('Shanghai calendar from UTC instants (cloud functions run in UTC)', () => {
  test('23:59 Shanghai is still today; 00:00 Shanghai is the next day', () => {
    expect(shanghaiDate(new Date('2026-12-02T15:59:59Z'))).toBe('2026-12-02')
    expect(shanghaiDate(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03')
  })

  test('08:00 Shanghai is 00:00 UTC of the same date', () => {
    expect(shanghaiDate(new Date('2026-12-03T00:00:00Z'))).toBe('2026-12-03')
    expect(shanghaiDayStart('2026-12-03').toISOString()).toBe('2026-12-02T16:00:00.000Z')
  })

  test('year end and leap days', () => {
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3)
    expect(isLeapYear(2028)).toBe(true)
    expect(isLeapYear(2100)).toBe(false)
    expect(isLeapYear(2000)).toBe(true)
    expect(monthDayLabel('2026-03-08')).toBe('3月8日')
  })

  test('the daily trigger cron 0 0 8 * * * * read in Asia/Shanghai fires at 00:00 UTC', () => {
    const next = new Cron('0 0 8 * * * *', { timezone: 'Asia/Shanghai' }).nextRun(new Date('2026-12-02T12:00:00Z'))
    expect(next?.toISOString()).toBe('2026-12-03T00:00:00.000Z')
  })
})

describe('what teachers read: the same wall clock whatever the phone or server zone', () => {
  test('times and spans', () => {
    expect(formatWhen('2026-12-03T06:30:00Z')).toBe('12月3日（周四）14:30')
    expect(formatSpan('2026-12-03T06:30:00Z', '2026-12-03T08:00:00Z')).toBe('12月3日（周四）14:30—16:00')
    // Ends after midnight Shanghai, though still the same UTC date: two days to the reader.
    expect(formatSpan('2026-12-03T12:00:00Z', '2026-12-03T16:30:00Z')).toBe('12月3日（周四）20:00 至 12月4日 00:30')
    expect(shortTime('2026-12-02T16:05:00Z')).toBe('12月3日 00:05')
    expect(fullTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05')
    expect(chineseFullDate('2027-01-01')).toBe('2027年1月1日')
    expect(chineseWeekday('2026-12-06')).toBe('周日')
  })

  test('hours, quarters and day ends in Shanghai', () => {
    expect(shanghaiHour(new Date('2026-12-02T23:30:00Z'))).toBe(7)
    expect(shanghaiQuarter('2026-12-31T16:00:00Z')).toEqual({ year: 2027, quarter: 1 })
    expect(shanghaiQuarter('2026-09-30T15:59:00Z')).toEqual({ year: 2026, quarter: 3 })
    expect(shanghaiDayEnd('2026-12-03').toISOString()).toBe('2026-12-03T15:59:59.999Z')
    expect(toLocalInputs('2026-12-02T16:00:00Z')).toEqual({ date: '2026-12-03', time: '00:00' })
    expect(Date.parse(fromLocalInputs('2026-12-03', '00:00'))).toBe(Date.parse('2026-12-02T16:00:00Z'))
  })
})

describe('one module owns the +8 offset (issue 13: eight places wrote it, one page used dayjs)', () => {
  const root = path.resolve(__dirname, '..', '..', '..')
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) return sources(p)
      return /\.tsx?$/.test(e.name) ? [p] : []
    })
  const files = ['src', 'cloudfunctions'].flatMap((d) => sources(path.join(root, d)))

  test('no other file adds eight hours or reads a wall clock from the runtime zone', () => {
    const offenders = files
      .filter((f) => !f.endsWith(path.join('shared', 'shanghai-time.ts')))
      // An uploaded roster's dates are calendar dates, which SheetJS hands over at the runtime's local midnight.
      .filter((f) => !f.endsWith(path.join('server', 'spreadsheet.ts')))
      .filter((f) => {
        const text = fs.readFileSync(f, 'utf8')
        return /8 \* 3600|8 \* 60 \* 60|8 \* 60\b|28800|utcOffset|getUTCHours|\+ OFFSET|\.getHours\(|\.getDate\(\)|from 'dayjs'/.test(
          text,
        )
      })
      .map((f) => path.relative(root, f))
    expect(offenders).toEqual([])
  })
})
