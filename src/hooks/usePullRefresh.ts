import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Pull-down refresh for a page (its config must set enablePullDownRefresh): runs `reload` and closes the
 * spinner when it is done, whatever the outcome.
 */
export function usePullRefresh(reload: () => Promise<void>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}

/**
 * Reloads when the user comes back to this page (e.g. after editing a member), but not on the first show:
 * the first load is already under way.
 */
export function useReloadOnReturn(reload: () => Promise<void>): void {
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current) void reload()
    shownBefore.current = true
  })
}
