import { reportParagraphs } from '@/core/proposals/report-text'
import type { SessionReport } from '@/core/proposals/views'

const session: SessionReport['session'] = {
  id: 's',
  name: '五届五次教代会',
  codePrefix: '2026',
  opensOn: '2026-03-01',
  closesOn: '2026-03-31',
  secondsRequired: 2,
  categories: [],
  departments: [],
  open: false,
  phase: 'closed',
  submittedCount: 0,
}

const empty: Omit<SessionReport, 'paragraphs'> = {
  session,
  total: 0,
  byStatus: [],
  byCategory: [],
  byDepartment: [],
  ratings: { rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: 0 },
  replies: { due: 0, onTime: 0, late: 0, onTimeRate: 0 },
  overdue: 0,
  review: { pending: 0, accepted: 0, converted: 0, merged: 0, withdrawn: 0 },
  handling: { assigned: 0, answered: 0, answerRate: 0, closed: 0 },
}

describe('reportParagraphs', () => {
  test('a session without proposals says so in one sentence', () => {
    expect(reportParagraphs(empty)).toEqual(['五届五次教代会提案征集时间为2026-03-01至2026-03-31，尚未收到提案。'])
  })

  test('outcomes of 0 are left out; pending and withdrawn appear when there are some; no rating paragraph yet', () => {
    const text = reportParagraphs({
      ...empty,
      total: 4,
      byCategory: [{ key: '后勤', count: 4 }],
      byDepartment: [{ key: '总务处', count: 2 }],
      review: { pending: 1, accepted: 2, converted: 0, merged: 0, withdrawn: 1 },
      handling: { assigned: 2, answered: 1, answerRate: 50, closed: 0 },
      replies: { due: 1, onTime: 1, late: 0, onTimeRate: 100 },
    })
    expect(text).toEqual([
      '五届五次教代会提案征集时间为2026-03-01至2026-03-31，共收到代表提案4件，其中立案2件，提案人撤回1件，待审查1件。',
      '按类别分：后勤4件。',
      '立案提案共2件已交有关部门办理（总务处2件），已答复1件，办复率50%；按期答复1件，按期答复率100%。',
    ])
  })
})
