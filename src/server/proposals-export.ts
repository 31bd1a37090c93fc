import type { ProposalExportRow } from '@/core/proposals/report'
import type { ExportedFile, SessionReport } from '@/core/proposals/views'
import { loadSheetJs } from './spreadsheet'
import type { SheetCell } from '@/core/shared/sheet-cell'
import { typedSheet } from './typed-sheet'

const LIST_HEADER = [
  '编号',
  '案由',
  '类别',
  '提案人',
  '附议人',
  '附议人数',
  '提交时间',
  '状态',
  '并入提案',
  '主办部门',
  '协办部门',
  '答复期限',
  '是否逾期',
  '答复时间',
  '答复方式',
  '解决程度',
  '答复内容',
  '评价',
]

function listRow(p: ProposalExportRow): SheetCell[] {
  return [
    p.code ?? '',
    p.title,
    p.category,
    p.proposerName,
    p.seconders.join('、'),
    p.secondsCount,
    p.submittedAt ? { at: p.submittedAt } : null,
    p.statusLabel,
    p.mergedInto ?? '',
    p.leadDept ?? '',
    p.cooperating.join('、'),
    p.replyBy ? { day: p.replyBy } : null,
    p.overdue ? '逾期' : '',
    p.reply ? { at: p.reply.at } : null,
    p.reply?.method ?? '',
    p.reply?.resolution ?? '',
    p.reply?.text ?? '',
    p.lastRating ?? '',
  ]
}

/**
 * The chair's session report as an Excel workbook: a 统计 sheet with the figures and a 提案清单 sheet with
 * one row per proposal — 协办, the reply and its 解决程度, seconders, where it was merged — with numbers and
 * dates typed, so it can be filtered, printed for the 教代会 or pasted into the work report.
 */
export async function buildReportWorkbook({
  report,
  rows,
}: {
  report: SessionReport
  rows: ProposalExportRow[]
}): Promise<ExportedFile> {
  const XLSX = await loadSheetJs()
  const { session, ratings, replies } = report
  const summary: (string | number)[][] = [
    [`${session.name} 提案办理情况统计`],
    [`征集时间：${session.opensOn} 至 ${session.closesOn}`],
    [],
    ['提案总数', report.total],
    ['逾期未答复', report.overdue],
    ['已评价', ratings.rated],
    ['满意（最后一次评价）', ratings.satisfied],
    ['基本满意（最后一次评价）', ratings.basicallySatisfied],
    ['不满意（最后一次评价）', ratings.unsatisfied],
    ['满意率（含基本满意）', `${ratings.satisfactionRate}%`],
    ['应答复', replies.due],
    ['按期答复', replies.onTime],
    ['超期答复或未答复', replies.late],
    ['按期答复率', `${replies.onTimeRate}%`],
    [],
    ['按状态', '件数'],
    ...report.byStatus.map((r) => [r.key, r.count]),
    [],
    ['按类别', '件数'],
    ...report.byCategory.map((r) => [r.key, r.count]),
    [],
    ['按主办部门', '件数'],
    ...report.byDepartment.map((r) => [r.key, r.count]),
    [],
    ['提案工作报告素材'],
    ...report.paragraphs.map((text) => [text]),
  ]
  const book = XLSX.utils.book_new()
  const summarySheet = XLSX.utils.aoa_to_sheet(summary)
  summarySheet['!cols'] = [{ wch: 24 }, { wch: 10 }]
  const listSheet = await typedSheet([LIST_HEADER, ...rows.map(listRow)])
  XLSX.utils.book_append_sheet(book, summarySheet, '统计')
  XLSX.utils.book_append_sheet(book, listSheet, '提案清单')
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
  return { fileName: `${session.name}提案统计.xlsx`, contentBase64: buffer.toString('base64') }
}
