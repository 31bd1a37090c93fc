import type { CellObject } from '@e965/xlsx'
import type { ExportCell } from '@/core/activities/export-rows'
import { shanghaiDate, shanghaiDayStart } from '@/core/shared/shanghai-time'
import { loadSheetJs } from './spreadsheet'

const DAY_MS = 86_400_000
/** Excel counts days from 1899-12-30; counted from that day's Shanghai midnight, a serial shows Shanghai time. */
const EXCEL_DAY_ZERO = shanghaiDayStart('1899-12-30').getTime()
const DATE_TIME = 'yyyy-mm-dd hh:mm'
/** Column widths in characters: narrow columns still show their header, a long note does not take the page. */
const WIDTH = { min: 6, max: 50 }

/**
 * Typed rows → an .xlsx workbook as base64, with a file name a chair recognises in their downloads. Numbers and
 * date-times are real Excel values (sortable, summable); the header row carries an autofilter. SheetJS
 * 0.20.3's writer has no frozen panes (its sheetView holds only workbookViewId and rightToLeft).
 */
export async function buildActivityWorkbook(
  title: string,
  rows: ExportCell[][],
  now: Date,
): Promise<{ fileName: string; contentBase64: string }> {
  const XLSX = await loadSheetJs()
  const sheet = XLSX.utils.aoa_to_sheet(rows.map((row) => row.map(toCell)))
  const columns = Math.max(0, ...rows.map((row) => row.length))
  sheet['!cols'] = Array.from({ length: columns }, (_, c) => ({
    // The header's filter button takes about two characters.
    wch: clamp(Math.max(...rows.map((row, r) => displayWidth(row[c] ?? null) + (r === 0 ? 2 : 0))) + 2),
  }))
  if (columns > 0)
    sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 0, c: columns - 1 } }) }
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, '报名签到表')
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
  const day = shanghaiDate(now)
  const safeTitle = title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)
  return { fileName: `${safeTitle}_报名签到表_${day}.xlsx`, contentBase64: buffer.toString('base64') }
}

/**
 * An instant becomes the serial number of its Shanghai wall-clock time with a date-time format: what Excel
 * stores for a typed date, independent of the server's time zone. Text is marked as text (「@」), so a phone
 * number stays digits when the chair edits the cell. Empty stays empty.
 */
function toCell(cell: ExportCell): CellObject | null {
  if (cell === null || cell === '') return null
  if (typeof cell === 'number') return { t: 'n', v: cell }
  if (typeof cell === 'string') return { t: 's', v: cell, z: '@' }
  return { t: 'n', v: excelSerial(cell.at), z: DATE_TIME }
}

function excelSerial(iso: string): number {
  return (Date.parse(iso) - EXCEL_DAY_ZERO) / DAY_MS
}

/** Hangul, CJK (incl. rare characters beyond U+FFFF), full-width forms and punctuation. */
const WIDE =
  /[\u{1100}-\u{115f}\u{2e80}-\u{a4cf}\u{ac00}-\u{d7a3}\u{f900}-\u{faff}\u{fe30}-\u{fe4f}\u{ff00}-\u{ff60}\u{ffe0}-\u{ffe6}\u{20000}-\u{3fffd}]/u

/** How many characters wide a cell shows: Chinese and full-width characters take two. */
function displayWidth(cell: ExportCell): number {
  if (cell === null) return 0
  if (typeof cell === 'number') return String(cell).length
  if (typeof cell === 'object') return DATE_TIME.length
  let width = 0
  for (const ch of cell) width += WIDE.test(ch) ? 2 : 1
  return width
}

const clamp = (width: number) => Math.min(WIDTH.max, Math.max(WIDTH.min, width))
