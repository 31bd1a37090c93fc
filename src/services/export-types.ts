/** The kinds of file the server exports, by extension: what WeChat's viewer and the browser are told. */
export const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const

export type ExportType = keyof typeof EXPORT_TYPES

export function exportTypeOf(fileName: string): ExportType {
  return fileName.toLowerCase().endsWith('.docx') ? 'docx' : 'xlsx'
}
