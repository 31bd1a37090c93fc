import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud.cleanup())

/**
 * The seeded 五届四次教代会 (src/server/seed/proposals.ts), counted by hand: 12 proposals; 10 立案, pp-10
 * 不予立案 (意见建议, still handled), pp-05 并入 pp-01; 11 with departments (总务处 pp-01/06/09/11, 办公室
 * pp-02/03/08/10, 教务处 pp-04/07/12); all answered but pp-09; pp-06 answered on day 25 of 20 and pp-09
 * never, so 9 on time; 9 办结 with final ratings 6 满意 + 3 基本满意.
 */
describe('the 提案工作报告 figures of the past session', () => {
  test('review, handling and rating figures', async () => {
    const r = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.pastSession })
    expect(r.total).toBe(12)
    expect(r.review).toEqual({ pending: 0, accepted: 10, converted: 1, merged: 1, withdrawn: 0 })
    expect(r.handling).toEqual({ assigned: 11, answered: 10, answerRate: 90.9, closed: 9 })
    expect(r.replies).toEqual({ due: 11, onTime: 9, late: 2, onTimeRate: 81.8 })
    expect(r.ratings).toEqual({ rated: 9, satisfied: 6, basicallySatisfied: 3, unsatisfied: 0, satisfactionRate: 100 })
    expect(r.overdue).toBe(1)
  })

  test('the same figures as paragraphs a chair copies into the report', async () => {
    const r = await cloud.ok(DEMO.committee, 'proposals.report', { sessionId: SEED.pastSession })
    const { opensOn, closesOn } = r.session
    expect(r.paragraphs).toEqual([
      `五届四次教代会提案征集时间为${opensOn}至${closesOn}，共收到代表提案12件，其中立案10件，不予立案、转为意见建议1件，并案处理1件。`,
      '按类别分：后勤5件、教学3件、福利2件、管理2件。',
      '立案提案和意见建议共11件已交有关部门办理（办公室4件、总务处4件、教务处3件），已答复10件，办复率90.9%；按期答复9件，按期答复率81.8%；目前仍有1件逾期未答复，正在督办。',
      '已办结9件。提案人对答复进行评价9件，其中满意6件、基本满意3件、不满意0件，满意率（含基本满意）100%。',
    ])
  })

  test('the exported workbook carries the paragraphs too', async () => {
    const file = await cloud.ok(DEMO.chair, 'proposals.exportReport', { sessionId: SEED.pastSession })
    const XLSX = await import('@e965/xlsx')
    const book = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer' })
    const cells = XLSX.utils.sheet_to_json<string[]>(book.Sheets['统计'], { header: 1 }).flat()
    expect(cells).toContain('提案工作报告素材')
    expect(cells).toContain('按类别分：后勤5件、教学3件、福利2件、管理2件。')
  })
})
