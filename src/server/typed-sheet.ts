import type { CellObject, WorkSheet } from '@e965/xlsx'
import type { SheetCell } from '@/core/shared/sheet-cell'
import { shanghaiDayStart } from '@/core/shared/shanghai-time'
import { loadSheetJs } from './spreadsheet'

const DAY_MS = 86_400_000
/** Excel counts days from 1899-12-30; counted from that day's Shanghai midnight, a serial shows Shanghai time. */
const EXCEL_DAY_ZERO = shanghaiDayStart('1899-12-30').getTime()
const DATE_TIME = 'yyyy-mm-dd hh:mm'
const DATE = 'yyyy-mm-dd'
/** Column widths in characters: narrow columns still show their header, a long reply does not take the page. */
const WIDTH = { min: 6, max: 50 }

/**
 * Typed rows (the first is the header) → a sheet whose numbers and dates are real Excel values (sortable,
 * summable, filterable by date), with widths fitted to the content and a filter on the header row. Text is
 * marked as text, so a phone number stays digits. (SheetJS 0.20.3's writer has no frozen panes.)
 */
export async function typedSheet(rows: SheetCell[][]): Promise<WorkSheet> {
  const XLSX = await loadSheetJs()
  const sheet = XLSX.utils.aoa_to_sheet(rows.map((row) => row.map(toCell)))
  const columns = Math.max(0, ...rows.map((row) => row.length))
  sheet['!cols'] = Array.from({ length: columns }, (_, c) => ({
    // The header's filter button takes about two characters.
    wch: clamp(Math.max(...rows.map((row, r) => displayWidth(row[c] ?? null) + (r === 0 ? 2 : 0))) + 2),
  }))
  if (columns > 0)
    sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 0, c: columns - 1 } }) }
  return sheet
}

/** Text is marked as text (「@」) so digits stay digits when the chair edits the cell. */
function toCell(cell: SheetCell): CellObject | null {
  if (cell === null || cell === '') return null
  if (typeof cell === 'number') return { t: 'n', v: cell }
  if (typeof cell === 'string') return { t: 's', v: cell, z: '@' }
  if ('at' in cell) return { t: 'n', v: (Date.parse(cell.at) - EXCEL_DAY_ZERO) / DAY_MS, z: DATE_TIME }
  return { t: 'n', v: (shanghaiDayStart(cell.day).getTime() - EXCEL_DAY_ZERO) / DAY_MS, z: DATE }
}

/** Hangul, CJK (incl. rare characters beyond U+FFFF), full-width forms and punctuation. */
const WIDE =
  /[\u{1100}-\u{115f}\u{2e80}-\u{a4cf}\u{ac00}-\u{d7a3}\u{f900}-\u{faff}\u{fe30}-\u{fe4f}\u{ff00}-\u{ff60}\u{ffe0}-\u{ffe6}\u{20000}-\u{3fffd}]/u

/** How many characters wide a cell shows: Chinese and full-width characters take two. */
function displayWidth(cell: SheetCell): number {
  if (cell === null) return 0
  if (typeof cell === 'number') return String(cell).length
  if (typeof cell === 'object') return 'at' in cell ? DATE_TIME.length : DATE.length
  let width = 0
  for (const ch of cell) width += WIDE.test(ch) ? 2 : 1
  return width
}

const clamp = (width: number) => Math.min(WIDTH.max, Math.max(WIDTH.min, width))
