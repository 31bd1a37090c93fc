// The papers a 教代会 prints open in Word/WPS as A4 documents with the text as written (src/server/printable-docx.ts).
import type { Printable } from '@/core/shared/printable'
import { renderDocx } from '@/server/printable-docx'
import { documentXml } from '../../support/docx'

const letter: Printable = {
  fileTitle: '第2026-03号提案答复函_李红',
  blocks: [
    { kind: 'title', text: '关于第2026-03号提案的答复' },
    { kind: 'paragraph', text: '李红代表：' },
    { kind: 'paragraph', indent: true, text: '您提出的「食堂增加午餐窗口」提案收悉。现答复如下：' },
    { kind: 'fields', rows: [['答复部门', '总务处']] },
    { kind: 'pageBreak' },
    { kind: 'table', header: ['编号', '提案标题'], rows: [['2026-03', '食堂增加午餐窗口 <&>']] },
    { kind: 'pageBreak' },
    { kind: 'heading', text: '第2次答复' },
    { kind: 'signature', lines: ['总务处', '2026年12月5日'] },
  ],
}

test('a letter renders as an A4 .docx with its words, a first-line indent, a table and a page break', async () => {
  const file = await renderDocx(letter)
  expect(file.fileName).toBe('第2026-03号提案答复函_李红.docx')
  const xml = documentXml(file.contentBase64)
  for (const text of ['关于第2026-03号提案的答复', '李红代表：', '答复部门', '总务处', '2026年12月5日'])
    expect(xml).toContain(text)
  // Markup characters in a title are text, not XML.
  expect(xml).toContain('食堂增加午餐窗口 &lt;&amp;&gt;')
  expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/)
  expect(xml).toMatch(/w:firstLineChars="200"/)
  // One break before the table (a paragraph carrying it), one on the heading itself.
  expect(xml).toContain('<w:br w:type="page"/>')
  expect(xml).toContain('<w:pageBreakBefore/>')
  expect(xml).toMatch(/<w:jc w:val="right"\/>/)
  expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(2)
})

test('a file name keeps to what Windows and phones accept', async () => {
  const file = await renderDocx({ fileTitle: '2026/春季: 教代会 提案汇编?', blocks: [{ kind: 'title', text: 'x' }] })
  expect(file.fileName).toBe('2026_春季_教代会_提案汇编_.docx')
})
