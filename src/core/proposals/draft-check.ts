import { REASONS_MAX, REASONS_MIN, SUGGESTION_MIN, TITLE_MAX } from './labels'

/**
 * What a draft still lacks before it may be submitted, per field, in a teacher's words. Pure, so the edit page
 * marks every problem beside its field with the very words the server's refusal of 提交 carries.
 */

/** The fields in the order the edit page shows them: the first with a problem is where the reader is taken. */
export const DRAFT_FIELDS = ['title', 'reasons', 'suggestion', 'category', 'suggestedDept'] as const
export type DraftField = (typeof DRAFT_FIELDS)[number]

/** Characters as a teacher counts them: after trimming, one per character (not per UTF-16 unit). */
export const charCount = (s: string): number => Array.from(s.trim()).length

/** Every problem of the draft (text lengths count characters after trimming), keyed by field. */
export function draftProblems(d: Record<DraftField, string>): Partial<Record<DraftField, string>> {
  const problems: Partial<Record<DraftField, string>> = {}
  const len = charCount
  if (len(d.title) < 4) problems.title = '案由至少4个字'
  if (len(d.title) > TITLE_MAX) problems.title = titleTooLong(len(d.title))
  if (len(d.reasons) < REASONS_MIN) problems.reasons = `情况说明至少${REASONS_MIN}个字（现在${len(d.reasons)}个字）`
  if (len(d.reasons) > REASONS_MAX) problems.reasons = `情况说明不能超过${REASONS_MAX}个字`
  if (len(d.suggestion) < SUGGESTION_MIN)
    problems.suggestion = `具体建议至少${SUGGESTION_MIN}个字（现在${len(d.suggestion)}个字）`
  if (!d.category) problems.category = '请选择类别'
  if (!d.suggestedDept) problems.suggestedDept = '请选择建议承办部门'
  return problems
}

/** Said as soon as a typed or pasted title passes the limit: nothing is cut off silently. */
export function titleTooLong(count: number): string {
  return `案由最多${TITLE_MAX}个字，现在${count}个字，请删短一些`
}

/** The fields with a problem, in the page's order, and the line above the form: 「还有N处需要修改」. */
export function problemSummary(problems: Partial<Record<string, string>>): {
  count: number
  first?: DraftField
  text?: string
} {
  const marked = DRAFT_FIELDS.filter((f) => problems[f])
  if (marked.length === 0) return { count: 0 }
  return { count: marked.length, first: marked[0], text: `还有${marked.length}处需要修改，已在下方逐项标出` }
}
