/**
 * Every page of the mini-program in one table: app.config.ts builds its page list from it, pages open one
 * another by it, and the server links messages and codes to it. A renamed page breaks the type check, not a
 * teacher's tap; test/unit/routes.test.ts checks each entry is a real page and no link is written by hand.
 */
export const ROUTES = {
  // Main package: what a teacher opens first (the first one opens the app).
  home: '/pages/index/index',
  activity: '/pages/activity/index',
  bind: '/pages/bind/index',
  me: '/pages/me/index',
  // 工会管理
  roster: '/subpackages/admin/roster/index',
  member: '/subpackages/admin/member/index',
  import: '/subpackages/admin/import/index',
  groups: '/subpackages/admin/groups/index',
  bindLog: '/subpackages/admin/bind-log/index',
  // 活动
  activities: '/subpackages/activities/list/index',
  myActivities: '/subpackages/activities/mine/index',
  activityEdit: '/subpackages/activities/edit/index',
  activityRoster: '/subpackages/activities/roster/index',
  activityPoster: '/subpackages/activities/poster/index',
  activityCheckin: '/subpackages/activities/checkin/index',
  activityResults: '/subpackages/activities/results/index',
  activityProxy: '/subpackages/activities/proxy/index',
  // 通知
  notices: '/subpackages/notices/list/index',
  notice: '/subpackages/notices/detail/index',
  noticeEdit: '/subpackages/notices/edit/index',
  noticeReceipts: '/subpackages/notices/receipts/index',
  // 生日关怀
  birthdays: '/subpackages/care/birthdays/index',
  greetingSettings: '/subpackages/care/settings/index',
  // 消息
  messages: '/subpackages/messages/list/index',
  // 提案
  proposalBoard: '/subpackages/proposals/board/index',
  proposal: '/subpackages/proposals/detail/index',
  proposalEdit: '/subpackages/proposals/edit/index',
  myProposals: '/subpackages/proposals/mine/index',
  proposalReview: '/subpackages/proposals/review/index',
  proposalReply: '/subpackages/proposals/reply/index',
  proposalSessions: '/subpackages/proposals/sessions/index',
  proposalSession: '/subpackages/proposals/session/index',
  proposalReport: '/subpackages/proposals/report/index',
  suggestions: '/subpackages/proposals/suggestions/index',
  // The browser demo's sign-in; never part of the mini-program.
  devLogin: '/subpackages/dev/login/index',
} as const

export type Route = (typeof ROUTES)[keyof typeof ROUTES]

/** The tab bar's pages: they open with switchTab, which drops any query. */
export const TAB_ROUTES: readonly Route[] = [ROUTES.home, ROUTES.me]

/** Pages only the browser build has. */
export const H5_ONLY_ROUTES: readonly Route[] = [ROUTES.devLogin]

/** A page with its query, e.g. a message's link to an activity: `pageLink(ROUTES.activity, { id })`. */
export function pageLink(route: Route, query: Record<string, string> = {}): string {
  const pairs = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
  return pairs.length ? `${route}?${pairs.join('&')}` : route
}

/** Whether a link opens one of our pages (its path, whatever the query). */
export function isAppPage(url: string): boolean {
  const path = url.split('?')[0]
  return (Object.values(ROUTES) as string[]).includes(path)
}

/**
 * A `redirect` query from a shared link, accepted only if it opens one of our pages (ROUTES): a link must not
 * be able to send a teacher anywhere else. It may arrive encoded once (weapp) or already decoded (h5).
 */
export function safeRedirect(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  let url = raw
  try {
    if (!url.startsWith('/')) url = decodeURIComponent(url)
  } catch {
    return undefined
  }
  return /^\/(pages|subpackages)\/[\w/-]+(\?[\w=&%-]*)?$/.test(url) && isAppPage(url) ? url : undefined
}

/** A page as app.json names it: no leading slash (also what WeChat's 小程序码 takes as `page`). */
export const appJsonPath = (route: Route) => route.slice(1)

/**
 * The app config's page list from the table: main-package pages in table order, then one subpackage per
 * folder under subpackages/. Browser-only pages join only the browser build.
 */
export function appPages(platform: string | undefined): {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
} {
  const routes = (Object.values(ROUTES) as Route[]).filter((r) => platform === 'h5' || !H5_ONLY_ROUTES.includes(r))
  const pages = routes.filter((r) => r.startsWith('/pages/')).map(appJsonPath)
  const packages = new Map<string, string[]>()
  for (const r of routes.filter((r) => r.startsWith('/subpackages/'))) {
    const [, , name, ...rest] = r.split('/')
    const root = `subpackages/${name}`
    packages.set(root, [...(packages.get(root) ?? []), rest.join('/')])
  }
  return { pages, subPackages: [...packages].map(([root, ps]) => ({ root, pages: ps })) }
}
