import { EXPORT_TYPES, exportTypeOf } from './export-types'

/** Browser: a Blob behind a temporary <a download> link. */
export async function saveExportedFile(fileName: string, contentBase64: string): Promise<void> {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0))
  const blob = new Blob([bytes], { type: EXPORT_TYPES[exportTypeOf(fileName)] })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
