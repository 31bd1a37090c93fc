import * as XLSX from '@e965/xlsx'
import { buildActivityWorkbook } from '@/server/activities-export'

async function read(rows: Parameters<typeof buildActivityWorkbook>[1]) {
  const file = await buildActivityWorkbook('教职工登山', rows, new Date('2026-12-31T16:30:00Z'))
  const book = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer', cellStyles: true })
  return { file, sheet: book.Sheets['报名签到表'] }
}

describe('the .xlsx built from typed rows', () => {
  test('date-times show the Shanghai day and hour, also across midnight UTC; the file is named by the Shanghai day', async () => {
    const { file, sheet } = await read([
      ['报名时间', '签到时间'],
      [{ at: '2026-12-31T15:59:00Z' }, { at: '2026-12-31T16:30:00.000Z' }],
    ])
    expect(sheet.A2.w).toBe('2026-12-31 23:59')
    expect(sheet.B2.w).toBe('2027-01-01 00:30')
    expect(file.fileName).toBe('教职工登山_报名签到表_2027-01-01.xlsx')
  })

  test('Chinese counts double for the width, a very long note stops at 50, empty text is an empty cell', async () => {
    const { sheet } = await read([
      ['姓名', '取消原因', '代报名人'],
      ['欧阳𠮷祥', '临时有事'.repeat(30), ''],
    ])
    const widths = (sheet['!cols'] ?? []).map((c) => c.wch)
    // The name shows 8 columns wide (𠮷 is one character beyond U+FFFF); the cell leaves some room.
    expect(widths[0]).toBeGreaterThanOrEqual(10)
    expect(widths[1]).toBe(50)
    expect(sheet.C2).toBeUndefined()
  })
})
