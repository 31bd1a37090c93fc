import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import postcss, { type Rule } from 'postcss'
import { compile } from 'sass'

/**
 * The app's stylesheet against Taro's H5 picker sheet, which ships 12px items and 取消/确定. Sizes written in
 * design px (750 wide) are halved to CSS px at a 375-wide phone; fixed `PX` sizes are CSS px as written.
 */
const root = join(__dirname, '../../..')
const app = postcss.parse(compile(join(root, 'src/app.scss'), { loadPaths: [join(root, 'src')] }).css)

/** The CSS px a declaration sets for `selector` (last rule wins), at a 375-wide phone. */
function cssPx(selector: string, prop: string): number | undefined {
  let found: number | undefined
  app.walkRules((rule: Rule) => {
    if (!rule.selectors.includes(selector)) return
    rule.walkDecls(prop, (decl) => {
      // The first length, also inside calc(… * var(--jg-font-scale, 1)): the size at the standard setting.
      const m = /(\d+(?:\.\d+)?)(px|PX)/.exec(decl.value)
      if (m) found = m[2] === 'PX' ? Number(m[1]) : Number(m[1]) / 2
    })
  })
  return found
}

describe('date and time pickers read at 18px or more', () => {
  test("Taro's H5 picker sheet: wheel items and 取消/确定 are at least 18px, tappable at 44px", () => {
    expect(cssPx('.weui-picker__item', 'font-size')).toBeGreaterThanOrEqual(18)
    expect(cssPx('.weui-picker__hd', 'font-size')).toBeGreaterThanOrEqual(18)
    expect(cssPx('.weui-picker__action', 'min-height')).toBeGreaterThanOrEqual(44)
  })

  test("the wheel's rows stay the height its script scrolls by, with the larger text still fitting", () => {
    const shipped = readFileSync(
      join(root, 'node_modules/@tarojs/components/dist/collection/components/picker/style/index.css'),
      'utf8',
    )
    const row = Number(/\.weui-picker__item\{[^}]*height:(\d+)px/.exec(shipped)?.[1])
    expect(row).toBe(34)
    expect(cssPx('.weui-picker__item', 'height')).toBeUndefined()
    expect(cssPx('.weui-picker__item', 'font-size')).toBeLessThanOrEqual(row / 1.3)
  })

  test('the field itself: the value box and the quick-choice buttons', () => {
    expect(cssPx('.picker-box', 'font-size')).toBeGreaterThanOrEqual(18)
    expect(cssPx('.datetime__chip', 'font-size')).toBeGreaterThanOrEqual(18)
    expect(cssPx('.datetime__chip', 'min-height')).toBeGreaterThanOrEqual(44)
    expect(cssPx('.picker-box', 'min-height')).toBeGreaterThanOrEqual(44)
  })
})
