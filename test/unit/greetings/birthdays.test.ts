import {
  ageTurning,
  birthdaysCelebratedOn,
  birthdaysCelebratedWithin,
  birthdaysOfQuarter,
  celebrationDate,
  nextCelebration,
  quarterOf,
} from '@/core/greetings/birthdays'

describe('who is greeted on a date', () => {
  test('an ordinary day greets its own MM-DD', () => {
    expect(birthdaysCelebratedOn('2026-12-03')).toEqual(['12-03'])
  })
  test('29 Feb birthdays are greeted on 28 Feb in a common year', () => {
    expect(birthdaysCelebratedOn('2027-02-28')).toEqual(['02-28', '02-29'])
    expect(birthdaysCelebratedOn('2027-03-01')).toEqual(['03-01'])
  })
  test('in a leap year 29 Feb is its own day and 28 Feb is not doubled', () => {
    expect(birthdaysCelebratedOn('2028-02-28')).toEqual(['02-28'])
    expect(birthdaysCelebratedOn('2028-02-29')).toEqual(['02-29'])
  })
  test('2100 is not a leap year', () => {
    expect(birthdaysCelebratedOn('2100-02-28')).toEqual(['02-28', '02-29'])
  })
})

describe('upcoming and quarterly lists', () => {
  test('next celebration wraps into next year and honours 29 Feb', () => {
    expect(nextCelebration('12-03', '2026-12-01')).toBe('2026-12-03')
    expect(nextCelebration('01-08', '2026-12-01')).toBe('2027-01-08')
    expect(nextCelebration('02-29', '2026-12-01')).toBe('2027-02-28')
    expect(nextCelebration('02-29', '2027-03-01')).toBe('2028-02-29')
    expect(celebrationDate('02-29', 2027)).toBe('2027-02-28')
  })
  test('a 7-day window across the year end asks for exactly those days', () => {
    expect(birthdaysCelebratedWithin('2026-12-28', 7)).toEqual([
      '12-28',
      '12-29',
      '12-30',
      '12-31',
      '01-01',
      '01-02',
      '01-03',
    ])
  })
  test('a window holding 28 Feb of a common year also asks for 29 Feb', () => {
    expect(birthdaysCelebratedWithin('2027-02-27', 2)).toEqual(['02-27', '02-28', '02-29'])
  })
  test('quarters', () => {
    expect(quarterOf(1)).toBe(1)
    expect(quarterOf(12)).toBe(4)
    expect(birthdaysOfQuarter(1)).toEqual({ from: '01-01', to: '03-31' })
    expect(birthdaysOfQuarter(4)).toEqual({ from: '10-01', to: '12-31' })
  })
  test('age from the birth year, or nothing without one', () => {
    expect(ageTurning(1990, 2026)).toBe(36)
    expect(ageTurning(undefined, 2026)).toBeUndefined()
  })
})
