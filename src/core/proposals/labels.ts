import type { ProposalStatus } from './model'

/** Words and limits the pages show too (pure data, safe for the mini-program bundle). */

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: '草稿',
  submitted: '待审查',
  accepted: '已立案，待交办',
  converted: '转为意见建议，待交办',
  merged: '已并案',
  assigned: '办理中',
  replied: '已答复，待评价',
  closed: '已办结',
  withdrawn: '已撤回',
}

export const REASONS_MIN = 50
export const REASONS_MAX = 500
export const SUGGESTION_MIN = 30
export const SUGGESTION_MAX = 1000
export const TITLE_MAX = 40
/** A submitted proposal is withdrawn with a reason of at least this many characters. */
export const WITHDRAW_REASON_MIN = 5
/** Rows of a proposal list per page: the page's default, and the most one call may ask for. */
export const BOARD_PAGE = 20
export const BOARD_PAGE_MAX = 50
