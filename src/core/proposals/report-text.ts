import type { CountRow, SessionReport } from './views'

/**
 * The session the report and its overdue list open on when none is picked (pure, so the page and the server
 * agree): the newest that has begun collecting, else the newest. A session set up for next year is not it.
 */
export function defaultReportSession<S extends { phase: 'upcoming' | 'open' | 'closed' }>(
  newestFirst: S[],
): S | undefined {
  return newestFirst.find((s) => s.phase !== 'upcoming') ?? newestFirst[0]
}

/** `后勤5件、教学3件` */
const list = (rows: CountRow[]) => rows.map((r) => `${r.key}${r.count}件`).join('、')

/**
 * What the ratings went through, beside each proposal's latest rating (SessionReport['ratings']): the first
 * rating of every rated proposal, and what became of those sent back for 再办理 by a first 不满意.
 */
export interface RatingRounds {
  first: { satisfied: number; basicallySatisfied: number; unsatisfied: number }
  /** `unsatisfied`: rated 不满意 again (办结); `waiting`: still being redone or not yet rated again. */
  redo: { satisfied: number; basicallySatisfied: number; unsatisfied: number; waiting: number }
}

export const NO_ROUNDS: RatingRounds = {
  first: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 },
  redo: { satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, waiting: 0 },
}

/** The parts that are not 0, joined with 、 (`满意1件、仍不满意1件`). */
const nonZero = (parts: [string, number][]) =>
  parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}${n}件`)
    .join('、')

/**
 * The rating paragraph. Without 再办理 a proposal is rated once and one sentence says it all. With 再办理,
 * the first ratings, what 再办理 turned them into, and the latest ratings are stated one after the other, so
 * a first 不满意 is never hidden behind a later 满意.
 */
function ratingParagraph(closed: number, r: SessionReport['ratings'], rounds: RatingRounds): string {
  const auto = r.autoSatisfied ? `（其中${r.autoSatisfied}件逾期未评价，视为满意）` : ''
  const latest = `满意${r.satisfied}件${auto}、基本满意${r.basicallySatisfied}件、不满意${r.unsatisfied}件，满意率（含基本满意）${r.satisfactionRate}%`
  const redone = rounds.first.unsatisfied
  if (redone === 0) return `已办结${closed}件。提案人对答复进行评价${r.rated}件，其中${latest}。`
  const { redo } = rounds
  const after = nonZero([
    ['满意', redo.satisfied],
    ['基本满意', redo.basicallySatisfied],
    ['仍不满意', redo.unsatisfied],
  ])
  const waiting = redo.waiting ? `${after ? '，另有' : ''}${redo.waiting}件正在再办理或等待提案人再次评价` : ''
  return [
    `已办结${closed}件。提案人对答复进行评价${r.rated}件，首次评价满意${rounds.first.satisfied}件、基本满意${rounds.first.basicallySatisfied}件、不满意${redone}件。`,
    `首次评价不满意的${redone}件已退回再办理，${after ? `再办理后${after}` : ''}${waiting}。`,
    `按每件提案最后一次评价计，${latest}。`,
  ].join('')
}

/**
 * The session's figures as the paragraphs of a 提案工作报告 (pure: the same words on the page and in the
 * workbook). Parts that would read 0件 are left out rather than printed.
 */
export function reportParagraphs(r: Omit<SessionReport, 'paragraphs'>, rounds: RatingRounds = NO_ROUNDS): string[] {
  const { session, review, handling, ratings, replies } = r
  if (r.total === 0) return [`${session.name}提案征集时间为${session.opensOn}至${session.closesOn}，尚未收到提案。`]
  const outcomes = [
    `立案${review.accepted}件`,
    review.converted ? `不予立案、转为意见建议${review.converted}件` : '',
    review.merged ? `并案处理${review.merged}件` : '',
    review.withdrawn ? `提案人撤回${review.withdrawn}件` : '',
    review.pending ? `待审查${review.pending}件` : '',
  ].filter(Boolean)
  const out = [
    `${session.name}提案征集时间为${session.opensOn}至${session.closesOn}，共收到代表提案${r.total}件，其中${outcomes.join('，')}。`,
    `按类别分：${list(r.byCategory)}。`,
  ]
  if (handling.assigned > 0) {
    const opinions = review.converted ? '和意见建议' : ''
    const lateness = r.overdue ? `；目前仍有${r.overdue}件逾期未答复，正在督办` : ''
    out.push(
      `立案提案${opinions}共${handling.assigned}件已交有关部门办理（${list(r.byDepartment)}），已答复${handling.answered}件，办复率${handling.answerRate}%；按期答复${replies.onTime}件，按期答复率${replies.onTimeRate}%${lateness}。`,
    )
  }
  if (ratings.rated > 0) out.push(ratingParagraph(handling.closed, ratings, rounds))
  return out
}
