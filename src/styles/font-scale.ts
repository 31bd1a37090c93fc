import Taro from '@tarojs/taro'

/**
 * WeChat's font-size setting (我-设置-通用-字体大小, 关怀模式 sets it large) as the multiple the app's text is
 * scaled by. The styles read it from the CSS variable --jg-font-scale (fs() in _vars.scss), which the page
 * root carries: `<View className='page' style={fontScaleStyle()}>`.
 */

/** The largest multiple the layout is checked at (test/e2e/elder-friendly.test.ts); larger settings stop here. */
export const MAX_FONT_SCALE = 1.5

/** WeChat's standard 字体大小 in px, by client: what fontSizeSetting reports at the default setting. */
const STANDARD_SETTING_PX: Record<string, number> = { ios: 17, android: 16 }

interface FontInfo {
  /** WeChat's own factor, where the client reports one. */
  fontSizeScaleFactor?: number
  /** The setting in px (getSystemInfoSync().fontSizeSetting). */
  fontSizeSetting?: number
  platform?: string
}

/** The scale for what WeChat reports: never below the standard size (the styles are already large), at most MAX. */
export function fontScaleFor(info: FontInfo): number {
  let scale = 1
  if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) scale = info.fontSizeScaleFactor
  else if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0)
    scale = info.fontSizeSetting / (STANDARD_SETTING_PX[info.platform ?? ''] ?? STANDARD_SETTING_PX.ios)
  return Math.round(Math.min(MAX_FONT_SCALE, Math.max(1, scale)) * 100) / 100
}

let cached: number | undefined

/**
 * The scale on this phone. In the mini-program WeChat reports the setting; in a browser (the H5 build) it
 * reports none, and WeChat's own webview enlarges a page's text itself, so the styles stay at 1 there.
 */
export function fontScale(): number {
  if (cached !== undefined) return cached
  if (process.env.TARO_ENV !== 'weapp') return (cached = 1)
  try {
    cached = fontScaleFor(Taro.getSystemInfoSync() as FontInfo)
  } catch {
    cached = 1
  }
  return cached
}

/** The inline style that carries the scale to every style under the page root. */
export function fontScaleStyle(): string {
  return `--jg-font-scale: ${fontScale()}`
}
