import { draftProblems, problemSummary, titleTooLong } from '@/core/proposals/draft-check'

const empty = { title: '', reasons: '', suggestion: '', category: '', suggestedDept: '' }

describe('what a draft still lacks before 提交', () => {
  test('every problem is named beside its field, and the count and first one are said above the form', () => {
    const problems = draftProblems(empty)
    expect(problems).toEqual({
      title: '案由至少4个字',
      reasons: '情况说明至少50个字（现在0个字）',
      suggestion: '具体建议至少30个字（现在0个字）',
      category: '请选择类别',
      suggestedDept: '请选择建议承办部门',
    })
    expect(problemSummary(problems)).toEqual({ count: 5, first: 'title', text: '还有5处需要修改，已在下方逐项标出' })
    // The first problem is the first field on the page, whatever order the server listed them in.
    expect(problemSummary({ suggestedDept: '请选择建议承办部门', reasons: '情况说明至少50个字' }).first).toBe('reasons')
    expect(problemSummary({})).toEqual({ count: 0 })
  })

  test('a title over 40 characters is called too long, with its length, rather than cut', () => {
    const pasted = '关于'.padEnd(45, '改')
    expect(draftProblems({ ...empty, title: pasted }).title).toBe('案由最多40个字，现在45个字，请删短一些')
    expect(titleTooLong(41)).toBe('案由最多40个字，现在41个字，请删短一些')
    // Counted in characters a teacher sees, after trimming.
    expect(draftProblems({ ...empty, title: `  ${'字'.repeat(40)}  ` }).title).toBeUndefined()
  })
})
