/** Shanghai wall-clock formatting by fixed +8 arithmetic (China has no DST); pure, safe for pages too. */
const OFFSET_MS = 8 * 3600_000
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

function parts(iso: string) {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS)
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: String(d.getUTCHours()).padStart(2, '0'),
    mi: String(d.getUTCMinutes()).padStart(2, '0'),
    w: WEEKDAYS[d.getUTCDay()],
  }
}

/** 12月3日（周四）14:30 */
export function formatWhen(iso: string): string {
  const p = parts(iso)
  return `${p.mo}月${p.d}日（周${p.w}）${p.h}:${p.mi}`
}

/** 12月3日 14:30—16:00, or two full times when the end is another day. */
export function formatSpan(startIso: string, endIso: string): string {
  const a = parts(startIso)
  const b = parts(endIso)
  if (a.y === b.y && a.mo === b.mo && a.d === b.d) return `${formatWhen(startIso)}—${b.h}:${b.mi}`
  return `${formatWhen(startIso)} 至 ${b.mo}月${b.d}日 ${b.h}:${b.mi}`
}

/** The Shanghai date (YYYY-MM-DD) and time (HH:mm) of an instant, for date/time pickers. */
export function toLocalInputs(iso: string): { date: string; time: string } {
  const p = parts(iso)
  return { date: `${p.y}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`, time: `${p.h}:${p.mi}` }
}

/** Picker values (Shanghai) → an ISO instant with the +08:00 zone, as the contract accepts. */
export function fromLocalInputs(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}
