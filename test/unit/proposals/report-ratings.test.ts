import { collecting } from '@/core/proposals/collecting'
import { defaultReportSession, reportParagraphs } from '@/core/proposals/report-text'
import type { SessionReport, SessionView } from '@/core/proposals/views'

const session: SessionView = {
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

/** Four proposals answered and rated: two first 满意, two first 不满意 and sent back for 再办理. */
const rated: Omit<SessionReport, 'paragraphs'> = {
  session,
  total: 4,
  byStatus: [],
  byCategory: [{ key: '后勤', count: 4 }],
  byDepartment: [{ key: '总务处', count: 4 }],
  ratings: { rated: 4, satisfied: 3, basicallySatisfied: 0, unsatisfied: 1, satisfactionRate: 75 },
  replies: { due: 4, onTime: 4, late: 0, onTimeRate: 100 },
  overdue: 0,
  review: { pending: 0, accepted: 4, converted: 0, merged: 0, withdrawn: 0 },
  handling: { assigned: 4, answered: 4, answerRate: 100, closed: 4 },
}

describe('the rating paragraph says what happened', () => {
  test('two first rated 不满意: one 满意 after 再办理, one still 不满意', () => {
    const text = reportParagraphs(rated, {
      first: { satisfied: 2, basicallySatisfied: 0, unsatisfied: 2 },
      redo: { satisfied: 1, basicallySatisfied: 0, unsatisfied: 1, waiting: 0 },
    }).at(-1)
    expect(text).toBe(
      '已办结4件。提案人对答复进行评价4件，首次评价满意2件、基本满意0件、不满意2件。' +
        '首次评价不满意的2件已退回再办理，再办理后满意1件、仍不满意1件。' +
        '按每件提案最后一次评价计，满意3件、基本满意0件、不满意1件，满意率（含基本满意）75%。',
    )
  })

  test('both made 满意 by 再办理: the first 不满意 still shows, not only 不满意0件', () => {
    const text = reportParagraphs(
      { ...rated, ratings: { ...rated.ratings, satisfied: 4, unsatisfied: 0, satisfactionRate: 100 } },
      {
        first: { satisfied: 2, basicallySatisfied: 0, unsatisfied: 2 },
        redo: { satisfied: 2, basicallySatisfied: 0, unsatisfied: 0, waiting: 0 },
      },
    ).at(-1)
    expect(text).toContain('首次评价满意2件、基本满意0件、不满意2件')
    expect(text).toContain('首次评价不满意的2件已退回再办理，再办理后满意2件。')
  })

  test('all still being redone: said so, with no empty 再办理后', () => {
    const text = reportParagraphs(
      { ...rated, handling: { ...rated.handling, closed: 2 } },
      {
        first: { satisfied: 2, basicallySatisfied: 0, unsatisfied: 2 },
        redo: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, waiting: 2 },
      },
    ).at(-1)
    expect(text).toContain('首次评价不满意的2件已退回再办理，2件正在再办理或等待提案人再次评价。')
    expect(text).not.toContain('再办理后')
  })
})

describe('the session the report opens on', () => {
  const s = (id: string, phase: SessionView['phase']) => ({ id, phase })
  test('the newest that has begun, not one set up for next year', () => {
    expect(defaultReportSession([s('next', 'upcoming'), s('now', 'open'), s('last', 'closed')])?.id).toBe('now')
    expect(defaultReportSession([s('next', 'upcoming'), s('last', 'closed')])?.id).toBe('last')
    expect(defaultReportSession([s('next', 'upcoming')])?.id).toBe('next')
    expect(defaultReportSession([])).toBeUndefined()
  })
})

describe('写提案 only while a session collects, by the server’s phase', () => {
  const v = (name: string, phase: SessionView['phase'], opensOn: string, closesOn: string) => ({
    name,
    phase,
    opensOn,
    closesOn,
  })
  test('collecting: offered, with the closing date', () => {
    expect(collecting([v('五届五次教代会', 'open', '2026-03-01', '2026-03-31')])).toEqual({
      open: true,
      text: '五届五次教代会正在征集提案，截止 2026-03-31。',
    })
  })
  test('closed, the next one set up: not offered, and says when it opens', () => {
    const sessions = [
      v('六届二次教代会', 'upcoming', '2027-09-01', '2027-09-30'),
      v('六届一次教代会', 'upcoming', '2027-03-01', '2027-03-31'),
      v('五届五次教代会', 'closed', '2026-03-01', '2026-03-31'),
    ]
    expect(collecting(sessions)).toEqual({
      open: false,
      text: '六届一次教代会将于 2027-03-01 开始征集提案，届时可以写提案。',
    })
  })
  test('closed and none set up: not offered, and says none is open', () => {
    expect(collecting([v('五届五次教代会', 'closed', '2026-03-01', '2026-03-31')])).toEqual({
      open: false,
      text: '目前没有正在征集提案的教代会，暂时不能写提案。',
    })
    expect(collecting([]).open).toBe(false)
  })
})
