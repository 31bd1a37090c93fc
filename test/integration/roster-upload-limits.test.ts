import * as XLSX from '@e965/xlsx'
import { crc32, deflateRawSync } from 'zlib'
import { ROSTER_LIMITS } from '@/server/spreadsheet'
import { csvFile, DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/**
 * An uploaded roster is bounded before it is parsed: how far it inflates, how many rows and columns. A crafted
 * file gets a plain Chinese refusal, quickly, and writes nothing.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud?.cleanup())

/** A zip of these entries, deflated (what an .xlsx is). */
function zipOf(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of Object.entries(entries)) {
    const packed = deflateRawSync(data, { level: 9 })
    const fileName = Buffer.from(name)
    const head = Buffer.alloc(30)
    head.writeUInt32LE(0x04034b50, 0)
    head.writeUInt16LE(20, 4)
    head.writeUInt16LE(8, 8)
    head.writeUInt32LE(crc32(data), 14)
    head.writeUInt32LE(packed.length, 18)
    head.writeUInt32LE(data.length, 22)
    head.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(head, fileName, packed)
    centrals.push(central, fileName)
    offset += head.length + fileName.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(centrals.length / 2, 8)
  end.writeUInt16LE(centrals.length / 2, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const upload = (fileName: string, content: Buffer) => ({ fileName, contentBase64: content.toString('base64') })

test('a small .xlsx that inflates past the limit (a zip bomb) is refused before parsing, fast, writing nothing', async () => {
  const sheet = Buffer.concat([
    Buffer.from('<?xml version="1.0"?><worksheet><sheetData>'),
    Buffer.alloc(ROSTER_LIMITS.inflatedBytes + 4_000_000, ' '),
    Buffer.from('</sheetData></worksheet>'),
  ])
  const bomb = zipOf({ 'xl/worksheets/sheet1.xml': sheet })
  expect(bomb.length).toBeLessThan(100_000)
  const before = cloud.writes()
  const started = Date.now()
  for (const action of ['members.importPreview', 'members.importCommit'] as const) {
    const refused = await cloud.refused(DEMO.chair, action, upload('名册.xlsx', bomb))
    expect(refused).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('文件解压后太大') })
  }
  expect(Date.now() - started).toBeLessThan(5_000)
  expect(cloud.writes()).toBe(before)
})

test('a file that is not a zip is refused as not an .xlsx', async () => {
  const refused = await cloud.refused(DEMO.chair, 'members.importPreview', upload('名册.xlsx', Buffer.from('hello')))
  expect(refused.message).toContain('不是有效的 .xlsx 文件')
})

test('more rows or columns than a roster has are refused with what to do', async () => {
  const header = ['姓名', '工号', '性别', '手机号', '小组']
  const rows = Array.from({ length: ROSTER_LIMITS.rows + 5 }, (_, i) => [
    `测试${i}`,
    `X${i}`,
    '男',
    `1390000${String(i).padStart(4, '0')}`,
    '语文组',
  ])
  const tooLong = await cloud.refused(DEMO.chair, 'members.importPreview', csvFile([header, ...rows]))
  expect(tooLong.message).toContain(`最多${ROSTER_LIMITS.rows}行`)
  const wide = Array.from({ length: ROSTER_LIMITS.columns + 10 }, (_, i) => `列${i}`)
  const tooWide = await cloud.refused(DEMO.chair, 'members.importPreview', csvFile([wide, wide]))
  expect(tooWide.message).toContain(`最多${ROSTER_LIMITS.columns}列`)
})

test('an ordinary workbook still imports', async () => {
  const book = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([
      ['姓名', '工号', '性别', '手机号', '小组', '生日'],
      ['新同事', 'N001', '女', '13900001111', '语文组', '03-02'],
    ]),
    '名册',
  )
  const file = upload('名册.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer)
  const preview = await cloud.ok(DEMO.chair, 'members.importPreview', file)
  expect(JSON.stringify(preview)).toContain('新同事')
})
