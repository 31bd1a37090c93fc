import { addDays, isLeapYear } from '../shared/shanghai-time'

/**
 * Birthday rules, pure. Birthdays are stored as MM-DD; a 29 Feb birthday is celebrated on 28 Feb in a common
 * year, so that nobody is skipped three years out of four.
 */

/** The MM-DD birthdays celebrated on a Shanghai date: 28 Feb of a common year also greets 29 Feb. */
export function birthdaysCelebratedOn(date: string): string[] {
  const md = date.slice(5)
  const year = Number(date.slice(0, 4))
  return md === '02-28' && !isLeapYear(year) ? ['02-28', '02-29'] : [md]
}

/** The date (YYYY-MM-DD) a MM-DD birthday is celebrated in a given year. */
export function celebrationDate(birthday: string, year: number): string {
  const md = birthday === '02-29' && !isLeapYear(year) ? '02-28' : birthday
  return `${year}-${md}`
}

/** The first celebration on or after `from` (YYYY-MM-DD). */
export function nextCelebration(birthday: string, from: string): string {
  const year = Number(from.slice(0, 4))
  const thisYear = celebrationDate(birthday, year)
  return thisYear >= from ? thisYear : celebrationDate(birthday, year + 1)
}

/** Every MM-DD celebrated in the `days` days starting at `from`: what an indexed `$in` query asks for. */
export function birthdaysCelebratedWithin(from: string, days: number): string[] {
  const out = new Set<string>()
  for (let i = 0; i < days; i++) for (const md of birthdaysCelebratedOn(addDays(from, i))) out.add(md)
  return Array.from(out)
}

/** Quarter 1–4 of a month 1–12. */
export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1
}

/** Every MM-DD of a quarter (02-29 included: it is celebrated in Q1 whatever the year). */
export function birthdaysOfQuarter(quarter: number): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1
  const last = first + 2
  return { from: `${String(first).padStart(2, '0')}-01`, to: `${String(last).padStart(2, '0')}-31` }
}

/** The age a member turns on their birthday in `year`; for the chair only. */
export function ageTurning(birthYear: number | undefined, year: number): number | undefined {
  return birthYear === undefined ? undefined : year - birthYear
}
