import fs from 'fs'
import path from 'path'
import * as XLSX from '@e965/xlsx'

/**
 * The spreadsheet reader parses files strangers upload. SheetJS before 0.19.3 lets a crafted workbook pollute
 * Object.prototype (CVE-2023-30533) and before 0.20.2 has a ReDoS (CVE-2024-22363); npm's `xlsx` stopped at
 * 0.18.5. This fails if a vulnerable version comes back, through the dependency list or the lockfile.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..')

const atLeast = (version: string, floor: number[]) => {
  const parts = version.split('.').map(Number)
  for (let i = 0; i < floor.length; i++) if (parts[i] !== floor[i]) return (parts[i] ?? 0) > floor[i]
  return true
}

test('the SheetJS the server loads has both CVE fixes', () => {
  expect(atLeast(XLSX.version, [0, 20, 2])).toBe(true)
})

test('no vulnerable SheetJS anywhere in the lockfile', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; name?: string }>
  }
  const sheetJs = Object.entries(lock.packages).filter(
    ([where, p]) => /node_modules\/(xlsx|@e965\/xlsx)$/.test(where) || p.name === 'xlsx',
  )
  expect(sheetJs.length).toBeGreaterThan(0)
  for (const [where, p] of sheetJs)
    expect({ where, safe: atLeast(p.version ?? '0', [0, 20, 2]) }).toEqual({ where, safe: true })
})
