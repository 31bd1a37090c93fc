import type { Block, Printable, PrintedFile } from '@/core/shared/printable'
import { fileNamePart } from '@/core/shared/typed-text'

/**
 * A Printable as a Word document (.docx), the format a school office opens, edits and prints (Word or WPS).
 * A4 with the margins of Chinese official papers; 仿宋 body text, 黑体 headings, 宋体 for the title.
 * The `docx` library is loaded on first use, as SheetJS is: most calls never print anything.
 */
export async function renderDocx(doc: Printable): Promise<PrintedFile> {
  const d = await import('docx')
  const body = (text: string, options: { bold?: boolean; font?: string; size?: number } = {}) =>
    new d.TextRun({ text, bold: options.bold, size: options.size, font: options.font && cjkFont(options.font) })
  const cell = (text: string, header = false) =>
    new d.TableCell({
      children: [new d.Paragraph({ children: [body(text, { bold: header, font: header ? '黑体' : undefined })] })],
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
    })
  const table = (rows: string[][], header?: string[], columnWidths?: number[]) =>
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      columnWidths,
      rows: [
        ...(header ? [new d.TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) })] : []),
        ...rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
      ],
    })

  const children: (InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>)[] = []
  let breakNext = false
  const push = (block: Exclude<Block, { kind: 'pageBreak' }>) => {
    const pageBreakBefore = breakNext
    breakNext = false
    switch (block.kind) {
      case 'title':
        children.push(
          new d.Paragraph({
            pageBreakBefore,
            alignment: d.AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [body(block.text, { bold: true, font: '宋体', size: 44 })],
          }),
        )
        return
      case 'subtitle':
        children.push(
          new d.Paragraph({
            pageBreakBefore,
            alignment: d.AlignmentType.CENTER,
            spacing: { after: 360 },
            children: [body(block.text, { font: '楷体' })],
          }),
        )
        return
      case 'heading':
        children.push(
          new d.Paragraph({
            pageBreakBefore,
            keepNext: true,
            spacing: { before: 240, after: 120 },
            children: [body(block.text, { bold: true, font: '黑体', size: 32 })],
          }),
        )
        return
      case 'paragraph':
        children.push(
          new d.Paragraph({
            pageBreakBefore,
            indent: block.indent ? { firstLineChars: 200 } : undefined,
            children: [body(block.text)],
          }),
        )
        return
      case 'fields':
      case 'table':
        // A table cannot start a page itself: an explicit break goes before it.
        if (pageBreakBefore) children.push(new d.Paragraph({ children: [new d.PageBreak()] }))
        // Label–value lines: the label a fifth of the width (of the 8,844 twips inside the margins).
        children.push(
          block.kind === 'table' ? table(block.rows, block.header) : table(block.rows, undefined, [1800, 7044]),
        )
        return
      case 'signature':
        for (const line of block.lines)
          children.push(new d.Paragraph({ alignment: d.AlignmentType.RIGHT, children: [body(line)] }))
    }
  }
  for (const block of doc.blocks) {
    if (block.kind === 'pageBreak') breakNext = children.length > 0
    else push(block)
  }

  const document = new d.Document({
    creator: '教工之家',
    title: doc.fileTitle,
    styles: {
      default: {
        document: {
          run: { font: cjkFont('仿宋'), size: 28 },
          paragraph: { spacing: { line: 440, lineRule: d.LineRuleType.AT_LEAST } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  })
  const buffer = await d.Packer.toBuffer(document)
  return { fileName: `${safeFileName(doc.fileTitle)}.docx`, contentBase64: buffer.toString('base64') }
}

/** A Chinese font for Chinese text, with a Latin font for digits and letters beside it. */
const cjkFont = (name: string) => ({ eastAsia: name, ascii: 'Times New Roman', hAnsi: 'Times New Roman' })

/** What Windows and phones accept in a file name. */
const safeFileName = (title: string) => fileNamePart(title).slice(0, 60)
