import { Cron } from 'croner'
import {
  addDays,
  chineseDate,
  daysBetween,
  isLeapYear,
  shanghaiDate,
  shanghaiDayStart,
} from '@/core/reminders/shanghai-time'

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
    expect(chineseDate('2026-03-08')).toBe('3月8日')
  })

  test('the daily trigger cron 0 0 8 * * * * read in Asia/Shanghai fires at 00:00 UTC', () => {
    const next = new Cron('0 0 8 * * * *', { timezone: 'Asia/Shanghai' }).nextRun(new Date('2026-12-02T12:00:00Z'))
    expect(next?.toISOString()).toBe('2026-12-03T00:00:00.000Z')
  })
})
