import type { Page } from 'playwright-core'

/**
 * The elder-friendly (适老化) thresholds the browser test holds every page to, measured on what Chromium
 * computed: WeChat's 适老化 guidance and the national rules ask for body text ≥ 18 px, line height ≥ 1.3,
 * tap targets ≥ 44 px (the main action ≥ 60 px) and text contrast ≥ 4.5:1.
 */
export const ELDER = {
  bodyFontPx: 18,
  /** The few named secondary texts below (SECONDARY_TEXT) may be this small, never smaller. */
  secondaryFontPx: 14,
  lineHeightRatio: 1.3,
  tapTargetPx: 44,
  mainActionPx: 60,
  contrast: 4.5,
} as const

/**
 * Secondary text allowed below the body size (but ≥ 14 px), kept few on purpose:
 * - the H5 tab bar's labels under their icons (WeChat draws the mini-program's own tab bar at its fixed size);
 * - a status tag (「已报名」「进行中」) beside a title that already says the same at body size.
 */
export const SECONDARY_TEXT = ['.weui-tabbar__label', '.tag'] as const

/**
 * The main action of a page: a full-width BigButton. Side-by-side (inline) BigButtons are choices such as
 * 近期/往期, held to the ordinary tap-target size.
 */
export const MAIN_ACTION = '.big-button:not(.big-button--inline)'

export interface Finding {
  rule: 'font-size' | 'line-height' | 'tap-target' | 'main-action' | 'contrast' | 'overflow'
  text: string
  figure: string
}

interface MeasureArgs {
  thresholds: typeof ELDER
  secondary: readonly string[]
  mainAction: string
  checkOverflow: boolean
}

/**
 * Measures the visible page in the browser. Runs inside the page (serialised by page.evaluate), so it uses
 * nothing from outside its arguments.
 */
function measureInPage(args: MeasureArgs): Finding[] {
  const { thresholds: T, secondary, mainAction, checkOverflow } = args
  const findings: Finding[] = []
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
    (el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none',
  )
  const roots: HTMLElement[] = [...pages]
  const tabbar = document.querySelector<HTMLElement>('.weui-tabbar')
  if (tabbar && tabbar.getBoundingClientRect().height > 0) roots.push(tabbar)

  const label = (el: Element): string => {
    const own = (el as HTMLElement).innerText || (el as HTMLInputElement).placeholder || ''
    const tag = el.tagName.toLowerCase()
    const type = el.getAttribute('type')
    return (
      own.replace(/\s+/g, ' ').trim().slice(0, 40) ||
      `<${tag}${type ? ` type=${type}` : ''} class="${el.className}"> in .${el.parentElement?.className ?? ''}`
    )
  }
  const shown = (el: Element): boolean => {
    const box = el.getBoundingClientRect()
    if (box.width < 1 || box.height < 1) return false
    const check = (el as HTMLElement & { checkVisibility?: (o: object) => boolean }).checkVisibility
    if (check && !check.call(el, { visibilityProperty: true, opacityProperty: true })) return false
    // A picker's wheel sheet sits below the screen until opened.
    return box.bottom > 0 && box.top < window.innerHeight * 20
  }

  type RGBA = [number, number, number, number]
  const parse = (c: string): RGBA => {
    const m = c.match(/rgba?\(([^)]+)\)/)
    if (!m) return [0, 0, 0, 0]
    const p = m[1]
      .split(/[ ,/]+/)
      .filter(Boolean)
      .map(Number)
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]
  }
  const over = (top: RGBA, below: RGBA): RGBA => {
    const a = top[3] + below[3] * (1 - top[3])
    if (a === 0) return [0, 0, 0, 0]
    const mix = (i: number) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a
    return [mix(0), mix(1), mix(2), a]
  }
  // The colour behind an element: its own and its ancestors' backgrounds, composited down to white.
  const background = (el: Element): RGBA => {
    const layers: RGBA[] = []
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor)
      if (bg[3] > 0) layers.push(bg)
      if (bg[3] >= 1) break
    }
    let result: RGBA = [255, 255, 255, 1]
    for (const layer of layers.reverse()) result = over(layer, result)
    return result
  }
  const luminance = (c: RGBA) => {
    const ch = (v: number) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
  }
  const contrast = (a: RGBA, b: RGBA) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (l1 + 0.05) / (l2 + 0.05)
  }

  const seen = new Set<string>()
  const add = (f: Finding) => {
    const key = `${f.rule}|${f.text}|${f.figure}`
    if (!seen.has(key)) findings.push(f)
    seen.add(key)
  }

  for (const root of roots) {
    // Text: every element that holds visible text of its own, and every box one types into.
    const all = Array.from(root.querySelectorAll<HTMLElement>('*'))
    for (const el of all) {
      const ownText = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      )
      const typed = el.matches('input:not([type=checkbox]):not([type=radio]):not([type=file]), textarea')
      if ((!ownText && !typed) || !shown(el)) continue
      const style = getComputedStyle(el)
      const size = parseFloat(style.fontSize)
      const isSecondary = secondary.some((s) => el.closest(s))
      const min = isSecondary ? T.secondaryFontPx : T.bodyFontPx
      if (size < min - 0.01) add({ rule: 'font-size', text: label(el), figure: `${size.toFixed(1)}px < ${min}px` })
      const lh = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight)
      const multiLine = el.getBoundingClientRect().height > lh * 1.5
      // One line set in a taller box needs no leading; text that wraps does.
      if (lh < size * T.lineHeightRatio - 0.01 && (multiLine || typed || style.lineHeight === 'normal'))
        add({
          rule: 'line-height',
          text: label(el),
          figure: `${style.lineHeight} = ${(lh / size).toFixed(2)}× < ${T.lineHeightRatio}×`,
        })
      const fg = over(parse(style.color), background(el))
      const ratio = contrast(fg, background(el))
      if (ratio < T.contrast - 0.005)
        add({
          rule: 'contrast',
          text: label(el),
          figure: `${ratio.toFixed(2)}:1 < ${T.contrast}:1 (${style.color} on ${getComputedStyle(el).backgroundColor})`,
        })
    }

    // Tap targets: native controls, and anything the app gave a tap handler (Taro's runtime keeps an element's
    // handlers in its `__events` map).
    for (const el of all) {
      const listeners = (el as HTMLElement & { __events?: Record<string, unknown> }).__events
      const handled = !!listeners && Object.keys(listeners).some((k) => /^(click|tap)$/i.test(k))
      const native = el.matches('button, a[href], input:not([type=hidden]), textarea, [role=button]')
      if ((!handled && !native) || !shown(el)) continue
      // A native input is tapped through Taro's wrapper around it, or the whole <Label> row it sits in.
      let height = el.getBoundingClientRect().height
      if (el.matches('input, textarea')) {
        if (el.parentElement) height = Math.max(height, el.parentElement.getBoundingClientRect().height)
        // Taro's checkbox has a <label> of its own inside the <Label> row: every enclosing one counts.
        for (let node = el.parentElement; node && node !== root; node = node.parentElement)
          if (node.matches('label, taro-label-core')) height = Math.max(height, node.getBoundingClientRect().height)
      }
      const main = el.matches(mainAction)
      const min = main ? T.mainActionPx : T.tapTargetPx
      if (height < min - 0.5)
        add({
          rule: main ? 'main-action' : 'tap-target',
          text: label(el),
          figure: `${height.toFixed(1)}px high < ${min}px`,
        })
    }

    if (checkOverflow) {
      const width = document.documentElement.clientWidth
      for (const el of all) {
        if (!shown(el)) continue
        const box = el.getBoundingClientRect()
        if (box.right <= width + 1 && box.left >= -1) continue
        // Inside something that scrolls sideways on purpose (a row of chips), going past the edge is fine.
        let scrolls = false
        for (let node = el.parentElement; node && node !== root; node = node.parentElement) {
          const ox = getComputedStyle(node).overflowX
          if (ox === 'auto' || ox === 'scroll') scrolls = true
        }
        if (scrolls) continue
        add({
          rule: 'overflow',
          text: label(el),
          figure: `spans ${box.left.toFixed(0)}–${box.right.toFixed(0)}px of a ${width}px screen`,
        })
      }
      const sw = document.scrollingElement?.scrollWidth ?? 0
      if (sw > width + 1) add({ rule: 'overflow', text: '(whole page)', figure: `scrolls to ${sw}px of ${width}px` })
    }
  }
  return findings
}

/** Measures the page on screen against ELDER; the findings name the element's text and the figure. */
export function measure(page: Page, checkOverflow: boolean): Promise<Finding[]> {
  return page.evaluate(measureInPage, {
    thresholds: ELDER,
    secondary: SECONDARY_TEXT,
    mainAction: MAIN_ACTION,
    checkOverflow,
  })
}
