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

/** 2026-12-03 → 12月3日 */
export function monthDayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}
