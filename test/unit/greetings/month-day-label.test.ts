import fs from 'fs'
import path from 'path'
import { monthDayLabel } from '@/core/shared/shanghai-time'

describe('birthdays are shown as 6月18日, not 06-18', () => {
  test('a stored birthday (MM-DD) and a date (YYYY-MM-DD) read the same way', () => {
    expect(monthDayLabel('06-18')).toBe('6月18日')
    expect(monthDayLabel('12-03')).toBe('12月3日')
    expect(monthDayLabel('02-29')).toBe('2月29日')
    expect(monthDayLabel('2026-06-18')).toBe('6月18日')
    expect(monthDayLabel('2027-01-01')).toBe('1月1日')
  })

  // Every page that shows a member's birthday goes through the one function: a raw `x.birthday` in a
  // page's text is a 「06-18」 on a teacher's screen.
  test('no page shows a stored birthday without it', () => {
    const root = path.resolve(__dirname, '../../..')
    const files = ['src/pages', 'src/subpackages', 'src/components'].flatMap((dir) => sourceFiles(root, dir))
    expect(files.length).toBeGreaterThan(50)
    const raw = files.flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          SHOWN_RAW.some((pattern) => pattern.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
        ),
    )
    expect(raw).toEqual([])
  })
})

/** A birthday put on screen as it is stored: as text between tags, in a template string, or as an info row's value. */
const SHOWN_RAW = [/(>\s*\{|\$\{)\s*[\w.?]+\.birthday\s*\}/, /<InfoRow\b.*\bvalue=\{\s*[\w.?]+\.birthday\s*\}/]

function sourceFiles(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`
    if (entry.isDirectory()) return sourceFiles(root, rel)
    return /\.tsx$/.test(entry.name) ? [rel] : []
  })
}
