/**
 * WeChat's font-size setting becomes the multiple the app's text is scaled by: larger settings enlarge the
 * text, the standard and smaller ones keep the (already large) standard sizes, and the largest stops at the
 * size the layout is checked at in the browser test.
 */
import { fontScaleFor, MAX_FONT_SCALE } from '@/styles/font-scale'

// Taro's runtime does not load under node; this pure part of the module does not use it.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

describe('fontScaleFor', () => {
  it('keeps the standard size at the standard setting of each client', () => {
    expect(fontScaleFor({ fontSizeSetting: 17, platform: 'ios' })).toBe(1)
    expect(fontScaleFor({ fontSizeSetting: 16, platform: 'android' })).toBe(1)
  })

  it('enlarges text for a larger setting', () => {
    expect(fontScaleFor({ fontSizeSetting: 20, platform: 'android' })).toBe(1.25)
    expect(fontScaleFor({ fontSizeSetting: 21, platform: 'ios' })).toBe(1.24)
  })

  it("prefers WeChat's own factor when the client reports one", () => {
    expect(fontScaleFor({ fontSizeScaleFactor: 1.3, fontSizeSetting: 17, platform: 'ios' })).toBe(1.3)
  })

  it('never shrinks below the standard size and stops at the largest checked size', () => {
    expect(fontScaleFor({ fontSizeSetting: 14, platform: 'ios' })).toBe(1)
    expect(fontScaleFor({ fontSizeSetting: 34, platform: 'ios' })).toBe(MAX_FONT_SCALE)
    expect(fontScaleFor({})).toBe(1)
  })
})
