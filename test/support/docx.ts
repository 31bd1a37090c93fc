import * as XLSX from '@e965/xlsx'

/** The XML of word/document.xml inside a .docx (a ZIP), read back with SheetJS's container reader. */
export function documentXml(base64: string): string {
  const zip = XLSX.CFB.read(Buffer.from(base64, 'base64'), { type: 'buffer' })
  const entry = XLSX.CFB.find(zip, '/word/document.xml')
  if (!entry?.content) throw new Error('no word/document.xml in the file')
  return Buffer.from(entry.content as Uint8Array).toString('utf8')
}

/** What a reader sees: the document's text runs, paragraph by paragraph. */
export function documentText(base64: string): string[] {
  return documentXml(base64)
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .map((t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
}
