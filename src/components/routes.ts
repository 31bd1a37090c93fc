import Taro from '@tarojs/taro'
import { TAB_ROUTES } from '@/core/shared/routes'

export { pageLink, ROUTES, safeRedirect } from '@/core/shared/routes'

/** Opens a page the right way: tab pages only open with switchTab (which drops any query). */
export function openPage(url: string): void {
  const path = url.split('?')[0]
  if ((TAB_ROUTES as readonly string[]).includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** Replaces the current page (after a finished flow, so 返回 does not land on a used form). */
export function replacePage(url: string): void {
  const path = url.split('?')[0]
  if ((TAB_ROUTES as readonly string[]).includes(path)) void Taro.switchTab({ url: path })
  else void Taro.redirectTo({ url })
}
