import { loadSheetJs } from './spreadsheet'
import type { ExportedFile, ProposalSummary, SessionReport } from '@/core/proposals/views'

/**
 * The chair's session report as an Excel workbook: a 统计 sheet with the figures and a 提案清单 sheet with
 * one row per proposal, so it can be printed for the 教代会 or pasted into the work report.
 */
export async function buildReportWorkbook({
  report,
  rows,
}: {
  report: SessionReport
  rows: ProposalSummary[]
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
    ['满意', ratings.satisfied],
    ['基本满意', ratings.basicallySatisfied],
    ['不满意', ratings.unsatisfied],
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
  const list: (string | number)[][] = [
    ['编号', '案由', '类别', '提案人', '附议人数', '状态', '主办部门', '答复期限', '是否逾期', '评价'],
    ...rows.map((p) => [
      p.code ?? '',
      p.title,
      p.category,
      p.proposerName,
      p.secondsCount,
      p.statusLabel,
      p.leadDept ?? '',
      p.replyBy ?? '',
      p.overdue ? '逾期' : '',
      p.lastRating ?? '',
    ]),
  ]
  const book = XLSX.utils.book_new()
  const summarySheet = XLSX.utils.aoa_to_sheet(summary)
  summarySheet['!cols'] = [{ wch: 24 }, { wch: 10 }]
  const listSheet = XLSX.utils.aoa_to_sheet(list)
  listSheet['!cols'] = [
    { wch: 10 },
    { wch: 36 },
    { wch: 8 },
    { wch: 8 },
    { wch: 8 },
    { wch: 18 },
    { wch: 10 },
    { wch: 12 },
    { wch: 8 },
    { wch: 8 },
  ]
  XLSX.utils.book_append_sheet(book, summarySheet, '统计')
  XLSX.utils.book_append_sheet(book, listSheet, '提案清单')
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer
  return { fileName: `${session.name}提案统计.xlsx`, contentBase64: buffer.toString('base64') }
}
