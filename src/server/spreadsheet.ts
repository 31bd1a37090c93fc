import * as XLSX from 'xlsx'
import { AppError } from '@/core/shared/errors'

/**
 * Decodes an uploaded roster (.xlsx or .csv, base64) into rows of text. Dates typed as Excel dates become
 * YYYY-MM-DD so the domain sees one form; CSV is read as UTF-8 (Excel's "CSV UTF-8") with GBK-free fallback
 * left to the chair's save-as choice, which the page explains.
 */
export function decodeSpreadsheet(fileName: string, contentBase64: string): string[][] {
  let buffer: Buffer
  try {
    buffer = Buffer.from(contentBase64, 'base64')
  } catch {
    throw new AppError('BAD_INPUT', '文件内容不正确，请重新选择文件')
  }
  if (buffer.length === 0) throw new AppError('BAD_INPUT', '文件是空的')
  const isCsv = /\.csv$/i.test(fileName)
  let workbook: XLSX.WorkBook
  try {
    workbook = isCsv
      ? XLSX.read(stripBom(buffer.toString('utf8')), { type: 'string', raw: true })
      : XLSX.read(buffer, { type: 'buffer', cellDates: true })
  } catch {
    throw new AppError('BAD_INPUT', '无法读取这个文件，请确认是 .xlsx 或 .csv 格式的名册')
  }
  const sheet = workbook.Sheets[workbook.SheetNames[0]]
  if (!sheet) throw new AppError('BAD_INPUT', '文件里没有工作表')
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: '', blankrows: false })
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
