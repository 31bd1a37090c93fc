import type { SheetCell } from '@/core/shared/sheet-cell'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import { loadSheetJs } from './spreadsheet'
import { typedSheet } from './typed-sheet'
import { fileNamePart } from '@/core/shared/typed-text'

/** Typed rows → an .xlsx workbook as base64, with a file name a chair recognises in their downloads. */
export async function buildActivityWorkbook(
  title: string,
  rows: SheetCell[][],
  now: Date,
): Promise<{ fileName: string; contentBase64: string }> {
  const XLSX = await loadSheetJs()
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, await typedSheet(rows), '报名签到表')
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
  const day = shanghaiDate(now)
  const safeTitle = fileNamePart(title).slice(0, 40)
  return { fileName: `${safeTitle}_报名签到表_${day}.xlsx`, contentBase64: buffer.toString('base64') }
}
