import * as v from 'valibot'
import { AppError } from '../shared/errors'
import { isRealMonthDay } from '../shared/fields'
import type { MemberStatus } from '../shared/roles'
import { memberFields } from './contract'
import type { GroupDoc, MemberDoc } from './model'
import type { MemberFields } from './roster'
import type { ImportPreview, ImportRowProblem } from './views'

/** Header words the chair's spreadsheet may use for each field; the first row is the header. */
const COLUMNS = {
  name: ['姓名'],
  staffNo: ['工号', '编号'],
  gender: ['性别'],
  phone: ['手机号', '手机', '电话', '联系电话'],
  birthday: ['生日', '出生日期'],
  birthYear: ['出生年份'],
  group: ['工会小组', '小组'],
  department: ['部门'],
  status: ['状态'],
} as const
type Column = keyof typeof COLUMNS
const REQUIRED: Column[] = ['name', 'staffNo', 'gender', 'phone', 'birthday', 'group']
const COLUMN_LABELS: Record<Column, string> = {
  name: '姓名',
  staffNo: '工号',
  gender: '性别',
  phone: '手机号',
  birthday: '生日',
  birthYear: '出生年份',
  group: '工会小组',
  department: '部门',
  status: '状态',
}
export const MAX_IMPORT_ROWS = 1000

export interface PlannedRow {
  row: number
  fields: MemberFields
  status?: MemberStatus
  /** Set when the 工号 is already on the roster: the row updates that entry. */
  memberId?: string
}

export interface ImportPlan {
  total: number
  rows: PlannedRow[]
  problems: ImportRowProblem[]
}

export interface PlanOptions {
  /** Whether the importer may change this existing entry (an admin may not change a chair's or an admin's). */
  mayChange?: (entry: MemberDoc) => boolean
}

/**
 * Reads a roster spreadsheet (already decoded to rows of text) into what would be written, listing every bad
 * row with all its reasons so the chair can fix the file once. Writes nothing.
 */
export function planImport(
  table: string[][],
  groups: GroupDoc[],
  existing: MemberDoc[],
  options: PlanOptions = {},
): ImportPlan {
  const [header, ...body] = table
  if (!header) throw new AppError('BAD_INPUT', '文件是空的，请使用带表头的名册')
  const index = locateColumns(header)
  const groupByName = new Map(groups.map((g) => [g.name, g]))
  const existingByStaffNo = new Map(existing.map((m) => [m.staffNo, m]))
  const firstRowOfStaffNo = new Map<string, number>()
  const rows: PlannedRow[] = []
  const problems: ImportRowProblem[] = []
  let total = 0

  body.forEach((cells, i) => {
    const rowNumber = i + 2
    const cell = (c: Column) => (index[c] === undefined ? '' : String(cells[index[c] as number] ?? '').trim())
    if (cells.every((c) => String(c ?? '').trim() === '')) return
    total++
    if (total > MAX_IMPORT_ROWS) throw new AppError('BAD_INPUT', `一次最多导入 ${MAX_IMPORT_ROWS} 人，请分批导入`)
    const reasons: string[] = []
    const birthday = readBirthday(cell('birthday'))
    if ('error' in birthday) reasons.push(birthday.error)
    const yearText = cell('birthYear')
    const birthYear = yearText ? Number(yearText) : 'year' in birthday ? birthday.year : undefined
    const gender = readGender(cell('gender'))
    if (!gender) reasons.push('性别应为“男”或“女”')
    const groupName = cell('group')
    const group = groupByName.get(groupName)
    if (!group) reasons.push(groupName ? `没有名为「${groupName}」的工会小组` : '请填写工会小组')
    const statusText = cell('status')
    const status = readStatus(statusText)
    if (statusText && !status) reasons.push('状态应为“在职”或“退休”')

    const candidate = {
      name: cell('name'),
      staffNo: cell('staffNo'),
      gender: gender ?? 'M',
      phone: cell('phone'),
      birthday: 'monthDay' in birthday ? birthday.monthDay : '01-01',
      birthYear,
      groupId: group?._id ?? 'unknown',
      department: cell('department'),
    }
    const parsed = v.safeParse(v.strictObject(memberFields), candidate)
    if (!parsed.success) {
      for (const issue of parsed.issues) {
        const key = issue.path?.[0]?.key
        if (key === 'gender' || key === 'groupId' || (key === 'birthday' && 'error' in birthday)) continue
        reasons.push(issue.message)
      }
    }
    const staffNo = candidate.staffNo
    const earlier = firstRowOfStaffNo.get(staffNo)
    if (staffNo && earlier !== undefined) reasons.push(`工号 ${staffNo} 与第 ${earlier} 行重复`)
    else if (staffNo) firstRowOfStaffNo.set(staffNo, rowNumber)
    const entry = existingByStaffNo.get(staffNo)
    if (entry && options.mayChange && !options.mayChange(entry)) {
      reasons.push(`工号 ${staffNo} 是工会主席或管理员${entry.name}，只有工会主席可以修改，请从文件中删去这一行`)
    }

    if (reasons.length || !parsed.success) {
      problems.push({ row: rowNumber, name: candidate.name || '（无姓名）', reasons: Array.from(new Set(reasons)) })
      return
    }
    rows.push({
      row: rowNumber,
      fields: parsed.output,
      status: status ?? undefined,
      memberId: entry?._id,
    })
  })
  return { total, rows, problems }
}

export function previewOf(plan: ImportPlan, groups: GroupDoc[]): ImportPreview {
  const names = new Map(groups.map((g) => [g._id, g.name]))
  return {
    total: plan.total,
    toCreate: plan.rows.filter((r) => !r.memberId).length,
    toUpdate: plan.rows.filter((r) => r.memberId).length,
    problems: plan.problems,
    sample: plan.rows.slice(0, 200).map((r) => ({
      row: r.row,
      name: r.fields.name,
      staffNo: r.fields.staffNo,
      groupName: names.get(r.fields.groupId) ?? '',
      action: r.memberId ? 'update' : 'create',
    })),
  }
}

function locateColumns(header: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {}
  header.forEach((h, i) => {
    const word = String(h ?? '').trim()
    for (const col of Object.keys(COLUMNS) as Column[]) {
      if (found[col] === undefined && (COLUMNS[col] as readonly string[]).includes(word)) found[col] = i
    }
  })
  const missing = REQUIRED.filter((c) => found[c] === undefined)
  if (missing.length) {
    throw new AppError('BAD_INPUT', `表头缺少：${missing.map((c) => COLUMN_LABELS[c]).join('、')}。第一行应为列名`)
  }
  return found
}

function readGender(text: string): 'M' | 'F' | null {
  if (text === '男' || text.toUpperCase() === 'M') return 'M'
  if (text === '女' || text.toUpperCase() === 'F') return 'F'
  return null
}

function readStatus(text: string): MemberStatus | null {
  if (text === '在职') return 'active'
  if (text === '退休') return 'retired'
  return null
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Accepts 03-08, 3-8, 3月8日, 1980-03-08, 1980/3/8, 1980年3月8日, 1980.3.8. */
export function readBirthday(text: string): { monthDay: string; year?: number } | { error: string } {
  if (!text) return { error: '请填写生日' }
  const full = text.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/)
  const short = text.match(/^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/)
  const m = full ? [full[2], full[3]] : short ? [short[1], short[2]] : null
  if (!m) return { error: `生日「${text}」看不懂，请写成 03-08 或 1980-03-08` }
  const monthDay = `${pad(Number(m[0]))}-${pad(Number(m[1]))}`
  if (!isRealMonthDay(monthDay)) return { error: `生日「${text}」没有这一天` }
  if (!full) return { monthDay }
  const year = Number(full[1])
  if (monthDay === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) {
    return { error: `生日「${text}」没有这一天` }
  }
  return { monthDay, year }
}
