// Teachers, many over 50, are addressed with the polite 您 everywhere (issue 13): a 你 in any text the code
// shows or sends would read as curt. Comments are not shown, so only string literals and JSX text are read.
import fs from 'fs'
import path from 'path'
import ts from 'typescript'

const src = path.resolve(__dirname, '../../../src')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Every text a file could show: string and template literal parts and JSX text, with their line numbers. */
function shownTexts(fileName: string, code: string): { line: number; text: string }[] {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: { line: number; text: string }[] = []
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

describe('user-facing text addresses the user with 您', () => {
  test('the scan finds 你 in strings, templates and JSX text but not in comments', () => {
    const code = [
      '// 你 in a comment is not shown',
      "const a = '你好'",
      'const b = `${a}，你已签到`',
      'const c = <View>你的小组</View>',
    ].join('\n')
    const hits = shownTexts('x.tsx', code).filter((t) => t.text.includes('你'))
    expect(hits.map((h) => h.line)).toEqual([2, 3, 4])
  })

  test('no text under src says 你', () => {
    const offending = sourceFiles(src).flatMap((f) =>
      shownTexts(f, fs.readFileSync(f, 'utf8'))
        .filter((t) => t.text.includes('你'))
        .map((t) => `${path.relative(src, f)}:${t.line} ${t.text}`),
    )
    expect(offending).toEqual([])
  })
})
