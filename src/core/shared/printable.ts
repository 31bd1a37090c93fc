/**
 * A document to print or file (提案汇编, 答复函, and later the year's 工作总结), as words and structure only.
 * The domain decides what a paper says; the server renders it in the format offices open (.docx, in
 * src/server/printable-docx.ts), so no use case touches a file format.
 */
export type Block =
  /** The document's name, centred and large: 「2026年教代会提案汇编」. */
  | { kind: 'title'; text: string }
  /** A centred line under the title: the session, the date. */
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  /** Body text; `indent` for the first-line indent of Chinese prose (首行缩进两字). */
  | { kind: 'paragraph'; text: string; indent?: boolean }
  /** Label–value lines in a two-column table: 提案人 / 附议人 / 承办部门 … */
  | { kind: 'fields'; rows: [string, string][] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  /** Right-aligned lines closing a letter: the sender, the date. */
  | { kind: 'signature'; lines: string[] }
  | { kind: 'pageBreak' }

export interface Printable {
  /** The file's name without extension, as the reader will find it in their downloads. */
  fileTitle: string
  blocks: Block[]
}

/** The file a use case hands back for download: its name and its bytes. */
export interface PrintedFile {
  fileName: string
  contentBase64: string
}
