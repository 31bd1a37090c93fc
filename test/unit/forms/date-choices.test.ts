import { atTime, dateLabel, daysAfter, fromToday, onDay, quickDays } from '@/components/date-choices'
import { monthDayLabel } from '@/core/shared/shanghai-time'

/** What the chair sees on the big buttons: label → the Shanghai date it picks. */
const shown = (now: string) => quickDays(new Date(now)).map((d) => `${d.label} ${d.date}`)

describe('the big day buttons follow the Shanghai calendar, not the phone or server clock', () => {
  test('one minute before midnight on a Sunday: 今天 is Sunday, 明天 is Monday, and no second 下周一', () => {
    // 2026-12-06 23:59 in Shanghai is still 15:59 UTC.
    expect(shown('2026-12-06T15:59:00Z')).toEqual(['今天 2026-12-06', '明天 2026-12-07'])
  })

  test('at midnight Shanghai it is already Monday, while UTC is still on Sunday', () => {
    expect(shown('2026-12-06T16:00:00Z')).toEqual(['今天 2026-12-07', '明天 2026-12-08', '下周一 2026-12-14'])
  })

  test('across a month and a year end', () => {
    // Friday 1 January 2027, 00:30 in Shanghai; 31 December in UTC.
    expect(shown('2026-12-31T16:30:00Z')).toEqual(['今天 2027-01-01', '明天 2027-01-02', '下周一 2027-01-04'])
    // Saturday 28 February 2026 (no leap day): 明天 is 1 March, 下周一 2 March.
    expect(shown('2026-02-28T10:00:00Z')).toEqual(['今天 2026-02-28', '明天 2026-03-01', '下周一 2026-03-02'])
    // Saturday 31 January 2026 late evening.
    expect(shown('2026-01-31T15:30:00Z')).toEqual(['今天 2026-01-31', '明天 2026-02-01', '下周一 2026-02-02'])
  })

  test('days counted from another date leave out the past, and count across month ends', () => {
    const now = new Date('2026-12-03T02:00:00Z')
    expect(
      daysAfter(
        '2026-12-03',
        [
          { label: '活动前一天', days: -1 },
          { label: '当天', days: 0 },
        ],
        now,
      ),
    ).toEqual([{ label: '当天', date: '2026-12-03' }])
    expect(fromToday([{ label: '一个月后', days: 30 }], new Date('2026-12-31T16:00:00Z'))).toEqual([
      { label: '一个月后', date: '2027-01-31' },
    ])
  })
})

describe('a tap picks a Shanghai instant', () => {
  test('a day keeps the chosen time of day, also when that time is just after midnight', () => {
    // 00:30 on 7 December in Shanghai.
    const picked = onDay('2026-12-06T16:30:00.000Z', '2026-12-31')
    expect(new Date(picked).toISOString()).toBe('2026-12-30T16:30:00.000Z')
  })

  test('a time keeps the chosen Shanghai date, not the UTC one', () => {
    // 07:00 on 1 January in Shanghai is 23:00 on 31 December in UTC; 08:30 is still 1 January.
    const picked = atTime('2026-12-31T23:00:00.000Z', '08:30')
    expect(new Date(picked).toISOString()).toBe('2027-01-01T00:30:00.000Z')
    expect(picked).toBe('2027-01-01T08:30:00+08:00')
  })
})

describe('how the box reads', () => {
  test('month, day and weekday; the year only when it is not this year', () => {
    const now = new Date('2026-12-03T02:00:00Z')
    expect(dateLabel('2026-12-07', now)).toBe('12月7日（周一）')
    expect(dateLabel('2027-01-01', now)).toBe('2027年1月1日（周五）')
    expect(monthDayLabel('06-08')).toBe('6月8日')
  })
})
