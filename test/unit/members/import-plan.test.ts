import { planImport, readBirthday } from '@/core/members/import-plan'
import type { GroupDoc, MemberDoc } from '@/core/members/model'
import { maskPhone } from '@/core/members/present'

const groups: GroupDoc[] = [{ _id: 'g1', unionId: 'u', name: '语文组', order: 1, createdAt: '' }]
const header = ['姓名', '工号', '性别', '手机号', '生日', '工会小组']

describe('reading birthdays the way chairs type them', () => {
  test.each([
    ['03-08', { monthDay: '03-08' }],
    ['3-8', { monthDay: '03-08' }],
    ['3月8日', { monthDay: '03-08' }],
    ['1980-03-08', { monthDay: '03-08', year: 1980 }],
    ['1980/3/8', { monthDay: '03-08', year: 1980 }],
    ['1980年3月8日', { monthDay: '03-08', year: 1980 }],
    ['2000-02-29', { monthDay: '02-29', year: 2000 }],
    ['02-29', { monthDay: '02-29' }],
  ])('%s', (text, expected) => expect(readBirthday(text)).toEqual(expected))

  test.each(['1981-02-29', '1900-02-29', '02-30', '13-01', '00-10', 'March 8', '', '1980-03'])(
    '%s is refused',
    (text) => {
      expect(readBirthday(text)).toHaveProperty('error')
    },
  )
})

describe('planning an import', () => {
  test('header words may be in any order and use common synonyms', () => {
    const plan = planImport(
      [
        ['工会小组', '电话', '姓名', '性别', '出生日期', '编号'],
        ['语文组', '13800000000', '甲', '女', '5-1', 'A1'],
      ],
      groups,
      [],
    )
    expect(plan.problems).toEqual([])
    expect(plan.rows[0].fields).toMatchObject({
      name: '甲',
      staffNo: 'A1',
      gender: 'F',
      phone: '13800000000',
      birthday: '05-01',
      groupId: 'g1',
    })
  })

  test('an existing 工号 becomes an update of that entry', () => {
    const existing = { _id: 'm9', staffNo: 'A1' } as MemberDoc
    const plan = planImport([header, ['甲', 'A1', '男', '13800000000', '05-01', '语文组']], groups, [existing])
    expect(plan.rows[0].memberId).toBe('m9')
  })

  test('every reason of a bad row is listed at once, with the Excel row number', () => {
    const plan = planImport([header, ['', 'A 1', 'x', '1380000', '', '数学组']], groups, [])
    expect(plan.problems).toHaveLength(1)
    expect(plan.problems[0].row).toBe(2)
    expect(plan.problems[0].name).toBe('（无姓名）')
    expect(plan.problems[0].reasons).toEqual(
      expect.arrayContaining([
        '请填写生日',
        '性别应为“男”或“女”',
        '没有名为「数学组」的工会小组',
        '请填写姓名',
        expect.stringContaining('工号'),
        expect.stringContaining('手机号'),
      ]),
    )
  })

  test('too many rows are refused before any work', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ['甲', `A${i}`, '男', '13800000000', '05-01', '语文组'])
    expect(() => planImport([header, ...rows], groups, [])).toThrow('一次最多导入 1000 人')
  })
})

test('phones are masked to the first three and last four digits', () => {
  expect(maskPhone('13912345678')).toBe('139****5678')
  expect(maskPhone('123')).toBe('****')
})
