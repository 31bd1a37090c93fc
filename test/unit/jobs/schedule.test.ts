import { Cron } from 'croner'
import { findJob, JOBS, TICK_TRIGGER } from '@/server/jobs'
import { parseSchedule, periodAt } from '@/server/jobs/schedule'

/** The period a Shanghai wall time falls in, for an expression: its key, or null. */
function periodKey(cron: string, shanghai: string): string | null {
  return periodAt(parseSchedule(cron), new Date(`${shanghai}+08:00`))?.key ?? null
}

describe('which period a job is in, in Shanghai time', () => {
  test('daily at 08:00: due from 08:00 until the next 08:00; midnight does not start a new period', () => {
    const daily = findJob('daily')!.cron
    expect(periodKey(daily, '2026-12-05T08:00:00')).toBe('2026-12-05T08:00')
    expect(periodKey(daily, '2026-12-05T07:59:59')).toBe('2026-12-04T08:00')
    expect(periodKey(daily, '2026-12-05T23:59:59')).toBe('2026-12-05T08:00')
    expect(periodKey(daily, '2026-12-06T00:00:00')).toBe('2026-12-05T08:00')
    // The instant is UTC: 08:00 in Shanghai is 00:00 UTC of the same date.
    expect(periodAt(parseSchedule(daily), new Date('2026-12-05T00:00:00Z'))?.start.toISOString()).toBe(
      '2026-12-05T00:00:00.000Z',
    )
  })

  test('every ten minutes: each tick is a new period', () => {
    const reminders = findJob('reminders')!.cron
    expect(periodKey(reminders, '2026-12-05T08:09:59')).toBe('2026-12-05T08:00')
    expect(periodKey(reminders, '2026-12-05T08:10:00')).toBe('2026-12-05T08:10')
    expect(periodKey(reminders, '2026-12-06T00:05:00')).toBe('2026-12-06T00:00')
    expect(periodKey(TICK_TRIGGER.config, '2026-12-05T08:10:00')).toBe('2026-12-05T08:10')
  })

  test('init at 03:00, across the year end; weekdays count from Sunday = 0', () => {
    expect(periodKey('0 0 3 * * * *', '2027-01-01T02:00:00')).toBe('2026-12-31T03:00')
    // 2026-12-05 is a Saturday: Mondays at 09:30 last fired on 30 November.
    expect(periodKey('0 30 9 * * 1 *', '2026-12-05T12:00:00')).toBe('2026-11-30T09:30')
    expect(periodKey('0 30 9 * * 0,6 *', '2026-12-05T12:00:00')).toBe('2026-12-05T09:30')
    // Seconds show in the key only when the expression has them.
    expect(periodKey('30 15 10 * * * *', '2026-12-05T12:00:00')).toBe('2026-12-05T10:15:30')
    // WeChat's `a/n`: from a, every n.
    expect(periodKey('0 5/20 7-9 * * * *', '2026-12-05T12:00:00')).toBe('2026-12-05T09:45')
    expect(periodKey('0 5/20 7-9 * * * *', '2026-12-05T07:44:59')).toBe('2026-12-05T07:25')
  })

  test('29 February fires once in four years; a past year never again', () => {
    expect(periodKey('0 0 8 29 2 * *', '2027-06-01T00:00:00')).toBe('2024-02-29T08:00')
    expect(periodKey('0 0 8 * * * 2025', '2026-12-05T08:00:00')).toBe('2025-12-31T08:00')
    expect(periodKey('0 0 8 * * * 2027', '2026-12-05T08:00:00')).toBeNull()
  })

  test('agrees with croner (what the local cloud fired on before) over a year of instants', () => {
    const expressions = [...JOBS.map((j) => j.cron), '0 30 9 * * 1-5 *', '0 0 */6 1,15 * * *', '0 5-59/20 7-9 * * * *']
    for (const expression of expressions) {
      const theirs = new Cron(expression, { timezone: 'Asia/Shanghai', paused: true })
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 31_111_111) {
        // croner's previous run is strictly before its reference; ours is at or before.
        const [expected] = theirs.previousRuns(1, new Date(t + 1))
        expect([expression, periodAt(parseSchedule(expression), new Date(t))?.start.toISOString()]).toEqual([
          expression,
          expected.toISOString(),
        ])
      }
    }
  })

  test.each([
    ['0 0 8 * * *', '应有 7 段'],
    ['0 0 8 * * MON *', '星期段写法不支持'],
    ['0 0 8 * JAN * *', '月段写法不支持'],
    ['0 0 24 * * * *', '小时段超出 0-23'],
    ['0 0 8 1 * 1 *', '不能同时限定日和星期'],
    ['0 */0 8 * * * *', '分钟段超出'],
  ])('refuses %s rather than guess (%s)', (expression, reason) => {
    expect(() => parseSchedule(expression)).toThrow(reason)
  })
})
