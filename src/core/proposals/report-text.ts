import type { CountRow, SessionReport } from './views'

/** `后勤5件、教学3件` */
const list = (rows: CountRow[]) => rows.map((r) => `${r.key}${r.count}件`).join('、')

/**
 * The session's figures as the paragraphs of a 提案工作报告 (pure: the same words on the page and in the
 * workbook). Parts that would read 0件 are left out rather than printed.
 */
export function reportParagraphs(r: Omit<SessionReport, 'paragraphs'>): string[] {
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
  if (ratings.rated > 0) {
    out.push(
      `已办结${handling.closed}件。提案人对答复进行评价${ratings.rated}件，其中满意${ratings.satisfied}件、基本满意${ratings.basicallySatisfied}件、不满意${ratings.unsatisfied}件，满意率（含基本满意）${ratings.satisfactionRate}%。`,
    )
  }
  return out
}
