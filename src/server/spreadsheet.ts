import { AppError } from '@/core/shared/errors'
import { zipInflationProblem } from './zip-limits'

/**
 * Bounds on an uploaded roster, checked before and while it is parsed. 5,000 rows of 12 columns inflate to
 * about 3 MB; SheetJS needs ~0.6 s per MB of hostile sheet XML, so 8 MB keeps the worst file to a few seconds.
 */
export const ROSTER_LIMITS = { inflatedBytes: 8_000_000, rows: 5_000, columns: 50 }

/**
 * SheetJS is loaded on first use, not with the `api` function: most calls never touch a spreadsheet, and its
 * evaluation was most of a cold start. (@e965/xlsx republishes SheetJS 0.20.3, which fixes CVE-2023-30533 and
 * CVE-2024-22363; npm's `xlsx` stopped at 0.18.5.)
 */
export const loadSheetJs = () => import('@e965/xlsx')

/**
 * Decodes an uploaded roster (.xlsx or .csv, base64) into rows of text. Dates typed as Excel dates become
 * YYYY-MM-DD so the domain sees one form; CSV is read as UTF-8 (Excel's "CSV UTF-8") with GBK-free fallback
 * left to the chair's save-as choice, which the page explains.
 */
export async function decodeSpreadsheet(fileName: string, contentBase64: string): Promise<string[][]> {
  const buffer = Buffer.from(contentBase64, 'base64')
  if (buffer.length === 0) throw new AppError('BAD_INPUT', '文件是空的')
  const isCsv = /\.csv$/i.test(fileName)
  if (!isCsv) {
    const problem = zipInflationProblem(buffer, ROSTER_LIMITS.inflatedBytes)
    if (problem) throw new AppError('BAD_INPUT', problem)
  }
  const XLSX = await loadSheetJs()
  // One row more than allowed is read, to tell "too many" from "just enough".
  const sheetRows = ROSTER_LIMITS.rows + 2
  let workbook: import('@e965/xlsx').WorkBook
  try {
    workbook = isCsv
      ? XLSX.read(stripBom(buffer.toString('utf8')), { type: 'string', raw: true, sheetRows })
      : XLSX.read(buffer, { type: 'buffer', cellDates: true, sheetRows, sheets: 0 })
  } catch {
    throw new AppError('BAD_INPUT', '无法读取这个文件，请确认是 .xlsx 或 .csv 格式的名册')
  }
  const sheet = workbook.Sheets[workbook.SheetNames[0]]
  if (!sheet) throw new AppError('BAD_INPUT', '文件里没有工作表')
  // The sheet's declared range decides how far the reader walks: check it before walking.
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1')
  if (range.e.c - range.s.c + 1 > ROSTER_LIMITS.columns)
    throw new AppError('BAD_INPUT', `名册最多${ROSTER_LIMITS.columns}列，请删去多余的列后再试`)
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: false })
  if (rows.length > ROSTER_LIMITS.rows + 1)
    throw new AppError('BAD_INPUT', `名册最多${ROSTER_LIMITS.rows}行，请分成几个文件导入`)
  return rows.map((row) => row.map(cellText))
}

function cellText(value: unknown): string {
  if (value instanceof Date) {
    // SheetJS gives dates at local midnight of the file's date; read the parts back in local time.
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  }
  if (value === null || value === undefined) return ''
  return String(value).trim()
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
