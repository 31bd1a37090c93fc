/** Pages of the 提案 subpackage, in one place so a renamed page breaks the type check. */
export const P_ROUTES = {
  board: '/subpackages/proposals/board/index',
  detail: '/subpackages/proposals/detail/index',
  edit: '/subpackages/proposals/edit/index',
  mine: '/subpackages/proposals/mine/index',
  review: '/subpackages/proposals/review/index',
  reply: '/subpackages/proposals/reply/index',
  sessions: '/subpackages/proposals/sessions/index',
  session: '/subpackages/proposals/session/index',
  report: '/subpackages/proposals/report/index',
  suggestions: '/subpackages/proposals/suggestions/index',
} as const

export const detailUrl = (id: string) => `${P_ROUTES.detail}?id=${id}`
