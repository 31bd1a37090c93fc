/** Small display helpers for notices and messages (pure: safe in the main package). */

const OFFSET_MS = 8 * 3600_000

function shanghai(iso: string): Date {
  return new Date(Date.parse(iso) + OFFSET_MS)
}

/** 12月3日 14:05 in Shanghai time, whatever the phone's zone. */
export function shortTime(iso: string): string {
  const d = shanghai(iso)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`
}

/**
 * 2026-12-03 or a stored birthday 12-03 → 12月3日: how every date without a year, birthdays above all, is
 * shown to people (「06-18」 reads as a code to many colleagues).
 */
export function monthDayLabel(date: string): string {
  const md = date.slice(-5)
  return `${Number(md.slice(0, 2))}月${Number(md.slice(3, 5))}日`
}
