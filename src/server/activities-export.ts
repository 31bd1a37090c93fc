import { loadSheetJs } from './spreadsheet'

/** Rows of text → an .xlsx workbook as base64, with a file name a chair recognises in their downloads. */
export async function buildActivityWorkbook(
  title: string,
  rows: string[][],
  now: Date,
): Promise<{ fileName: string; contentBase64: string }> {
  const XLSX = await loadSheetJs()
  const sheet = XLSX.utils.aoa_to_sheet(rows)
  sheet['!cols'] = rows[0]?.map((h) => ({ wch: Math.max(8, h.length * 2 + 4) }))
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(book, sheet, '报名签到表')
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  const safeTitle = title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)
  return { fileName: `${safeTitle}_报名签到表_${day}.xlsx`, contentBase64: buffer.toString('base64') }
}
