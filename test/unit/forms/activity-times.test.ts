import { closeDays, defaultTimes, endDays, endTimes, withStart } from '@/subpackages/activities/edit/times'

const utc = (iso: string) => new Date(iso).toISOString()
const HOUR = 3600_000

describe('a new activity form starts from sensible times', () => {
  test('tomorrow 15:00–17:00 in Shanghai, sign-up open now and closing tomorrow 12:00', () => {
    const now = new Date('2026-12-03T02:00:00Z') // 10:00 Thursday in Shanghai
    const t = defaultTimes(now)
    expect(utc(t.startAt)).toBe('2026-12-04T07:00:00.000Z')
    expect(utc(t.endAt)).toBe('2026-12-04T09:00:00.000Z')
    expect(utc(t.signupCloseAt)).toBe('2026-12-04T04:00:00.000Z')
    expect(Date.parse(t.signupOpenAt)).toBeLessThanOrEqual(now.getTime())
  })

  test('just after midnight in Shanghai, 明天 is the Shanghai tomorrow, across the year end', () => {
    // 00:30 on 1 January 2027 in Shanghai, still 31 December in UTC.
    const t = defaultTimes(new Date('2026-12-31T16:30:00Z'))
    expect(utc(t.startAt)).toBe('2027-01-02T07:00:00.000Z')
  })
})

describe('the end and the sign-up close follow the start', () => {
  const base = defaultTimes(new Date('2026-12-03T02:00:00Z'))

  test('moving the start to another day moves the end to that day, keeping two hours', () => {
    const t = withStart(base, '2026-12-07T14:00:00+08:00')
    expect(utc(t.endAt)).toBe('2026-12-07T08:00:00.000Z') // 16:00 Shanghai on the new day
    expect(utc(t.signupCloseAt)).toBe('2026-12-07T03:00:00.000Z') // still 3 hours before the start
    expect(t.signupOpenAt).toBe(base.signupOpenAt)
  })

  test('a length the chair chose is kept', () => {
    const long = { ...base, endAt: utc('2026-12-04T11:30:00Z') } // 15:00–19:30
    const t = withStart(long, '2026-12-10T09:00:00+08:00')
    expect(Date.parse(t.endAt) - Date.parse(t.startAt)).toBe(4.5 * HOUR)
  })

  test('an end not after the start gets two hours again', () => {
    const broken = { ...base, endAt: base.startAt }
    const t = withStart(broken, '2026-12-10T09:00:00+08:00')
    expect(utc(t.endAt)).toBe('2026-12-10T03:00:00.000Z')
  })

  test('a start moved so early that the close would precede sign-up opening closes sign-up at the start', () => {
    const t = withStart(base, '2026-12-03T11:00:00+08:00') // in an hour; the close would be 08:00, before now
    expect(t.signupCloseAt).toBe('2026-12-03T11:00:00+08:00')
    expect(Date.parse(t.signupCloseAt)).toBeGreaterThan(Date.parse(t.signupOpenAt))
  })

  test('on a published activity the close stays put, unless the start moves before it', () => {
    const later = withStart(base, '2026-12-10T15:00:00+08:00', false)
    expect(later.signupCloseAt).toBe(base.signupCloseAt)
    expect(utc(later.endAt)).toBe('2026-12-10T09:00:00.000Z')
    const earlier = withStart(base, '2026-12-04T11:00:00+08:00', false) // before the 12:00 close
    expect(utc(earlier.signupCloseAt)).toBe('2026-12-04T03:00:00.000Z')
  })

  test('the other form fields ride along untouched', () => {
    const form = { ...base, title: '乒乓球赛', quota: 8 }
    expect(withStart(form, '2026-12-07T14:00:00+08:00')).toMatchObject({ title: '乒乓球赛', quota: 8 })
  })
})

describe('the end and close buttons are counted from the start', () => {
  const now = new Date('2026-12-03T02:00:00Z')

  test('end times are 1–4 hours after the start, on the same day only', () => {
    expect(endTimes('2026-12-04T15:00:00+08:00')).toEqual(['16:00', '17:00', '18:00', '19:00'])
    expect(endTimes('2026-12-04T21:30:00+08:00')).toEqual(['22:30', '23:30'])
    expect(endDays('2026-12-31T15:00:00+08:00', now).map((d) => d.date)).toEqual(['2026-12-31', '2027-01-01'])
  })

  test('close days are the day before and the day itself, never in the past', () => {
    expect(closeDays('2026-12-01T15:00:00+08:00', now)).toEqual([])
    expect(closeDays('2026-12-03T15:00:00+08:00', now)).toEqual([{ label: '活动当天', date: '2026-12-03' }])
    expect(closeDays('2027-03-01T15:00:00+08:00', now)).toEqual([
      { label: '活动前一天', date: '2027-02-28' },
      { label: '活动当天', date: '2027-03-01' },
    ])
  })
})
