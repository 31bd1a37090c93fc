import { identifyingWords } from '@/core/suggestions/identifying'
import type { SuggestionView } from '@/core/suggestions/views'
import { adoptedLine, answeredPart, convertWarning, readKept, withKept } from '@/subpackages/proposals/suggestions/own'

const view = (over: Partial<SuggestionView>): SuggestionView => ({
  id: 'k7m2q9x4w8r3t6ya',
  title: '打印室增加一台复印机',
  content: '期末复印试卷时排队很久，建议打印室再增加一台复印机。',
  submittedOn: '2026-12-01',
  anonymous: true,
  status: 'open',
  statusLabel: '待答复',
  mine: false,
  ...over,
})

describe('合理化建议 on the page', () => {
  test('「已答复的建议」 never lists one still waiting', () => {
    const items = [
      view({ id: 'a', status: 'open', statusLabel: '待答复', mine: true }),
      view({ id: 'b', status: 'answered', statusLabel: '已答复' }),
      view({ id: 'c', status: 'converted', statusLabel: '已转为提案' }),
    ]
    expect(answeredPart(items).map((s) => s.statusLabel)).toEqual(['已答复', '已转为提案'])
  })

  test('「已由…领办」 is plain text until the proposal can be opened, then a link', () => {
    expect(adoptedLine(view({ status: 'converted', convertedTo: { delegateName: '何平' } }))).toEqual({
      text: '已由何平代表领办，提案提交后可在这里查看',
    })
    expect(
      adoptedLine(view({ status: 'converted', convertedTo: { delegateName: '何平', proposalId: 'from-x' } })),
    ).toEqual({ text: '已由何平代表领办为提案 ›', proposalId: 'from-x' })
    expect(adoptedLine(view({}))).toBeUndefined()
  })

  test('the phone keeps the ids of its anonymous suggestions, newest first, and nothing else', () => {
    expect(withKept(['a', 'b'], 'c', 2)).toEqual(['c', 'a'])
    expect(withKept(['a', 'b'], 'b', 5)).toEqual(['b', 'a'])
    expect(readKept(['a1', 7, 'bad id', { x: 1 }, 'b_2'])).toEqual(['a1', 'b_2'])
    expect(readKept('')).toEqual([])
  })

  test('before an anonymous suggestion goes under a delegate’s name the committee is told what may give it away', () => {
    expect(convertWarning(view({ anonymous: false }), '何平')).toBeUndefined()
    expect(convertWarning(view({ revealing: ['本人所在办公室', '何平'] }), '郭婷')).toBe(
      '这条建议是匿名提出的。转为提案后，它的文字会以郭婷代表的名义出现。文字中有「本人所在办公室」「何平」，可能透露建议人是谁。草稿转出后，代表可以先修改再提交。',
    )
    expect(convertWarning(view({}), '郭婷')).toContain('请留意文字中是否有能看出建议人是谁的内容')
  })
})

describe('words that may tell who wrote an anonymous suggestion', () => {
  test('self-descriptions, 本人, a staff number, a phone number and members’ names are found', () => {
    expect(
      identifyingWords('我是三年级的语文老师，本人工号T1020，电话13912345678，和王建国主席说过。', [
        '王建国',
        '李',
        '胡军',
      ]),
    ).toEqual(['我是三年级的语文老师', '本人工号T1020', '工号T1020', '13912345678', '王建国'])
    expect(identifyingWords('建议食堂增加一个窗口，按年级错峰就餐。', ['王建国', '胡军'])).toEqual([])
  })
})
