import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { shanghaiClock, shanghaiDate } from '@/core/shared/shanghai-time'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/**
 * The Excel list the meeting needs (issue 14, workflow: exports): 协办, the reply, 解决程度, the reply's date,
 * seconders and the merge target, with numbers and dates as Excel values and a filter on the header.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud.cleanup())

const proposal = async (_id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id })) as ProposalDoc

test('the 提案清单 sheet carries 协办, the reply, seconders and 并案, typed', async () => {
  // pp-01 was handled with 协办 (the seed has none), as 交办 records it.
  await cloud.ports.store.updateOne(
    PC.proposals,
    { _id: 'pp-01' },
    {
      $set: { 'assignment.cooperating': ['办公室', '教务处'] },
    },
  )
  const [main, merged] = await Promise.all([proposal('pp-01'), proposal('pp-05')])
  const file = await cloud.ok(DEMO.chair, 'proposals.exportReport', { sessionId: SEED.pastSession })
  const XLSX = await import('@e965/xlsx')
  const sheet = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer', cellNF: true, cellStyles: true })
    .Sheets['提案清单']
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true })
  const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0] ?? []
  const byCode = new Map(rows.map((r, i) => [r['编号'], { r, line: i + 2 }]))

  const first = byCode.get(main.code)
  const reply = main.replies[main.replies.length - 1]
  expect(first?.r).toMatchObject({
    案由: main.title,
    附议人: main.seconders.map((s) => s.name).join('、'),
    附议人数: main.seconders.length,
    协办部门: '办公室、教务处',
    答复方式: reply?.method,
    解决程度: reply?.resolution,
    答复内容: reply?.text,
  })
  expect(byCode.get(merged.code)?.r['并入提案']).toBe(main.code)

  // Dates are Excel dates showing Shanghai time; counts are numbers.
  const cell = (column: string) => {
    const c = header.indexOf(column)
    return sheet[XLSX.utils.encode_cell({ r: (first?.line ?? 0) - 1, c })] as { t: string; v: number; z?: string }
  }
  expect(cell('附议人数').t).toBe('n')
  const at = (serial: number) => {
    const d = XLSX.SSF.parse_date_code(serial)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${d.y}-${pad(d.m)}-${pad(d.d)} ${pad(d.H)}:${pad(d.M)}`
  }
  expect(cell('答复时间')).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm' })
  expect(at(cell('答复时间').v)).toBe(`${shanghaiDate(reply?.at ?? '')} ${shanghaiClock(reply?.at ?? '')}`)
  expect(at(cell('提交时间').v)).toBe(
    `${shanghaiDate(main.submittedAt ?? '')} ${shanghaiClock(main.submittedAt ?? '')}`,
  )
  expect(cell('答复期限')).toMatchObject({ t: 'n', z: 'yyyy-mm-dd' })
  expect(at(cell('答复期限').v)).toBe(`${main.assignment?.replyBy} 00:00`)

  // A filter on the header row, and the long reply column wider than the number column.
  // From the header across all 18 columns.
  expect(sheet['!autofilter']?.ref).toMatch(/^A1:R\d+$/)
  const widths = (sheet['!cols'] ?? []).map((c) => c.wch ?? c.width ?? 0)
  const column = (name: string) => widths[header.indexOf(name)] ?? 0
  expect(column('答复内容')).toBeGreaterThan(column('编号'))
})
