import Taro from '@tarojs/taro'

/** Every page path in one place, so a renamed page breaks the type check, not a teacher's tap. */
export const ROUTES = {
  home: '/pages/index/index',
  bind: '/pages/bind/index',
  me: '/pages/me/index',
  roster: '/subpackages/admin/roster/index',
  member: '/subpackages/admin/member/index',
  import: '/subpackages/admin/import/index',
  groups: '/subpackages/admin/groups/index',
  bindLog: '/subpackages/admin/bind-log/index',
  devLogin: '/subpackages/dev/login/index',
} as const

const TAB_PAGES: readonly string[] = [ROUTES.home, ROUTES.me]

/** Opens a page the right way: tab pages only open with switchTab (which drops any query). */
export function openPage(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** Replaces the current page (after a finished flow, so 返回 does not land on a used form). */
export function replacePage(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.redirectTo({ url })
}

/**
 * A `redirect` query from a shared link, accepted only if it points at one of our pages: a link must not
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
  return /^\/(pages|subpackages)\/[\w/-]+(\?[\w=&%-]*)?$/.test(url) ? url : undefined
}
