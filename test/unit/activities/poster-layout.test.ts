import fc from 'fast-check'
import type { ActivityDetail } from '@/core/activities/views'
import {
  drawPoster,
  fitText,
  layoutPoster,
  POSTER_MIN_HEIGHT,
  POSTER_WIDTH,
  posterContent,
  posterFileName,
  wrapText,
  type PosterContent,
  type PosterContext,
  type PosterLayout,
  type PosterOp,
} from '@/subpackages/activities/poster/layout'

/**
 * The poster picture a chair saves (1080 px wide): it says what the activity is, long titles and a sports
 * meet's many items wrap instead of running off the picture, and nothing is drawn outside it. Measured with a
 * fake context whose glyphs are as wide as a CJK font's: Chinese 1 em, Latin and digits 0.55 em.
 */

class FakeContext implements PosterContext<'qr'> {
  font = '10px sans-serif'
  fillStyle: unknown = '#000'
  textAlign: unknown = 'left'
  textBaseline: unknown = 'alphabetic'
  calls: { name: string; args: unknown[]; font: string; fillStyle: unknown }[] = []
  measureText(text: string) {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 10)
    let width = 0
    for (const ch of text) width += (ch.codePointAt(0) ?? 0) < 0x100 ? 0.55 * size : size
    return { width }
  }
  private record(name: string, args: unknown[]) {
    this.calls.push({ name, args, font: this.font, fillStyle: this.fillStyle })
  }
  fillRect(...args: number[]) {
    this.record('fillRect', args)
  }
  fillText(text: string, x: number, y: number) {
    this.record('fillText', [text, x, y])
  }
  drawImage(image: 'qr', ...args: number[]) {
    this.record('drawImage', [image, ...args])
  }
}

const MARGIN = 80

const detail = (over: Partial<ActivityDetail> = {}) =>
  ({
    title: '冬季趣味运动会',
    startAt: '2026-12-10T06:00:00.000Z', // 14:00 in Shanghai, a Thursday
    endAt: '2026-12-10T09:00:00.000Z',
    place: '学校操场',
    audience: { kind: 'all' },
    quota: 80,
    signupCloseAt: '2026-12-09T04:00:00.000Z',
    items: [],
    ...over,
  }) as ActivityDetail

const item = (name: string, quota = 0, gender: 'any' | 'F' | 'M' = 'any') => ({
  id: name,
  name,
  quota,
  gender,
  taken: 0,
})

const SPORTS = [
  '跳绳',
  '拔河',
  '4×100米接力',
  '踢毽',
  '托球跑',
  '大绳',
  '定点投篮',
  '袋鼠跳',
  '夹球跑',
  '乒乓球',
  '羽毛球',
  '跳远',
]

function box(op: PosterOp): { left: number; right: number; top: number; bottom: number } {
  if (op.kind === 'rect') return { left: op.x, right: op.x + op.w, top: op.y, bottom: op.y + op.h }
  if (op.kind === 'qr') return { left: op.x, right: op.x + op.size, top: op.y, bottom: op.y + op.size }
  const left = op.align === 'center' ? op.x - op.width / 2 : op.x
  return { left, right: left + op.width, top: op.top, bottom: op.top + op.height }
}

const texts = (layout: PosterLayout) =>
  layout.ops.filter((op): op is Extract<PosterOp, { kind: 'text' }> => op.kind === 'text')

/** Every op inside the picture, text inside the margins, and no two lines of text on top of each other. */
function expectWellFormed(layout: PosterLayout): void {
  expect(layout.width).toBe(POSTER_WIDTH)
  expect(layout.height).toBeGreaterThanOrEqual(POSTER_MIN_HEIGHT)
  for (const op of layout.ops) {
    const b = box(op)
    expect(b.left).toBeGreaterThanOrEqual(0)
    expect(b.right).toBeLessThanOrEqual(layout.width + 0.01)
    expect(b.top).toBeGreaterThanOrEqual(0)
    expect(b.bottom).toBeLessThanOrEqual(layout.height)
  }
  const lines = texts(layout).filter((t) => t.text !== '')
  for (const t of lines) {
    const b = box(t)
    expect(b.left).toBeGreaterThanOrEqual(MARGIN - 0.01)
    expect(b.right).toBeLessThanOrEqual(POSTER_WIDTH - MARGIN + 0.01)
  }
  const qr = layout.ops.find((op) => op.kind === 'qr')
  const solid = [...lines, ...(qr ? [qr] : [])].map(box)
  for (let i = 0; i < solid.length; i++)
    for (let j = i + 1; j < solid.length; j++) {
      const [a, b] = [solid[i], solid[j]]
      const overlap =
        a.left < b.right - 0.01 && b.left < a.right - 0.01 && a.top < b.bottom - 0.01 && b.top < a.bottom - 0.01
      if (overlap) throw new Error(`overlap: ${JSON.stringify(a)} and ${JSON.stringify(b)}`)
    }
}

describe('what the poster says', () => {
  test('time, place, who may join with the limit, and the deadline, in Shanghai time', () => {
    const content = posterContent(detail(), '实验小学工会')
    expect(content.unionName).toBe('实验小学工会')
    expect(content.facts).toEqual([
      { label: '时间', text: '12月10日（周四）14:00—17:00' },
      { label: '地点', text: '学校操场' },
      { label: '对象', text: '全体会员，限80人' },
      { label: '报名截止', text: '12月9日（周三）12:00' },
    ])
    expect(posterContent(detail({ quota: 0, audience: { kind: 'women' } })).facts[2].text).toBe('女教职工')
  })

  test('a sports meet lists its items, each with its limit and who may enter when the item says so', () => {
    const content = posterContent(detail({ items: [item('跳绳', 12), item('踢毽', 10, 'F'), item('大绳')] }))
    expect(content.items).toEqual([
      { name: '跳绳', note: '（限12人）' },
      { name: '踢毽', note: '（女子，限10人）' },
      { name: '大绳', note: '' },
    ])
  })
})

describe('wrapping', () => {
  const m = new FakeContext()

  test('Chinese breaks anywhere, but a number such as 4×100 stays whole and no line starts with a comma', () => {
    m.font = '40px x'
    const lines = wrapText(m, '教职工趣味运动会4×100米接力，报名从速，名额有限', 400)
    expect(lines.join('')).toBe('教职工趣味运动会4×100米接力，报名从速，名额有限')
    for (const line of lines) expect(m.measureText(line).width).toBeLessThanOrEqual(400)
    expect(lines.some((l) => l.includes('4×100'))).toBe(true)
    for (const line of lines) expect(line).not.toMatch(/^[，。）]/)
  })

  test('a 40-character title fits in at most 3 lines, at a smaller size than a short one', () => {
    const long = '二〇二六年度学校工会教职工冬季趣味运动会暨第三届教职工体育节开幕式及各项目预赛安排'.slice(0, 40)
    expect([...long]).toHaveLength(40)
    const fitLong = fitText(m, long, {
      maxWidth: POSTER_WIDTH - 2 * MARGIN,
      sizes: [96, 88, 80, 72, 64, 56],
      maxLines: 3,
      bold: true,
    })
    expect(fitLong.lines.length).toBeLessThanOrEqual(3)
    expect(fitLong.lines.join('')).toBe(long)
    const fitShort = fitText(m, '冬季趣味运动会', {
      maxWidth: 920,
      sizes: [96, 88, 80, 72, 64, 56],
      maxLines: 3,
      bold: true,
    })
    expect(fitShort).toMatchObject({ size: 96, lines: ['冬季趣味运动会'] })
    expect(fitLong.size).toBeLessThan(fitShort.size)
  })

  test('a title of two lines is split evenly, not into a full line and a lone tail', () => {
    const fit = fitText(m, '2026年教职工冬季趣味运动会', {
      maxWidth: POSTER_WIDTH - 2 * MARGIN,
      sizes: [96],
      maxLines: 3,
      bold: true,
      balance: true,
    })
    expect(fit.lines).toHaveLength(2)
    const [a, b] = fit.lines.map((line) => m.measureText(line).width)
    expect(Math.abs(a - b)).toBeLessThanOrEqual(96)
  })

  test('text too long even at the smallest size is cut with …, never drawn past the edge', () => {
    const fit = fitText(m, '很长'.repeat(60), { maxWidth: 300, sizes: [40], maxLines: 2, bold: false })
    expect(fit.lines).toHaveLength(2)
    expect(fit.lines[1].endsWith('…')).toBe(true)
    m.font = fit.font
    for (const line of fit.lines) expect(m.measureText(line).width).toBeLessThanOrEqual(300)
  })
})

describe('the layout', () => {
  test('a plain activity: title, facts and a large QR code, padded to A4 proportions', () => {
    const layout = layoutPoster(new FakeContext(), posterContent(detail(), '实验小学工会'))
    expectWellFormed(layout)
    expect(layout.height).toBe(POSTER_MIN_HEIGHT)
    const words = texts(layout).map((t) => t.text)
    expect(words).toEqual(
      expect.arrayContaining(['实验小学工会', '冬季趣味运动会', '时间：', '报名截止：', '微信扫一扫，报名参加']),
    )
    expect(words).not.toContain('报名项目')
    const qr = layout.ops.find((op) => op.kind === 'qr')
    expect(qr).toMatchObject({ size: 520, x: (POSTER_WIDTH - 520) / 2 })
  })

  test('12 items of a sports meet go in two columns, each within its own column', () => {
    const content = posterContent(detail({ items: SPORTS.map((s, i) => item(s, i % 3 === 0 ? 0 : 10 + i)) }))
    const layout = layoutPoster(new FakeContext(), content)
    expectWellFormed(layout)
    // The lines between the heading and the caption, in drawing order: each item's lines, row by row.
    const all = texts(layout)
    const itemLines = all.slice(all.findIndex((t) => t.text === '报名项目') + 1, -1)
    expect(itemLines.map((t) => t.text).join('')).toBe(content.items.map((i) => i.name + i.note).join(''))
    // A note in brackets is never split: 「4×100米接力」 then 「（限12人）」 on the next line if need be.
    for (const t of itemLines) expect(t.text).not.toMatch(/（[^）]*$|^[^（]*）/)
    const columns = [...new Set(itemLines.map((t) => t.x))].sort((a, b) => a - b)
    expect(columns).toHaveLength(2)
    const middle = POSTER_WIDTH / 2
    for (const t of itemLines) {
      const b = box(t)
      if (t.x === columns[0]) expect(b.right).toBeLessThanOrEqual(middle)
      else expect(b.left).toBeGreaterThanOrEqual(middle)
    }
    // Items come after the facts and before the code to scan.
    const top = (text: string) => texts(layout).find((t) => t.text === text)?.top ?? -1
    expect(top('报名项目')).toBeGreaterThan(top('报名截止：'))
    const qr = layout.ops.find((op) => op.kind === 'qr')
    expect(qr && qr.kind === 'qr' && qr.y).toBeGreaterThan(Math.max(...itemLines.map((t) => t.top)))
  })

  test('a long one (40-character title, 30 long items, a long place) grows taller but stays inside the picture', () => {
    const content = posterContent(
      detail({
        title: '教'.repeat(40),
        place: '学校东校区体育馆二楼（从北门进，沿着操场走到底，左转上楼）'.repeat(2).slice(0, 60),
        items: Array.from({ length: 30 }, (_, i) =>
          item(`${SPORTS[i % 12]}第${i + 1}组混合接力赛项目`.slice(0, 20), 100, 'F'),
        ),
      }),
      '某某市某某区第一实验小学教育集团工会委员会'.repeat(2),
    )
    const layout = layoutPoster(new FakeContext(), content)
    expectWellFormed(layout)
    expect(layout.height).toBeGreaterThan(POSTER_MIN_HEIGHT)
  })

  test('any title, place and items: inside the picture, no text on top of other text', () => {
    const pool = [...'教职工运动会跳绳拔河米接力女子羽毛球（）：，。4×100ABCabc 123']
    const words = (min: number, max: number) =>
      fc.array(fc.constantFrom(...pool), { minLength: min, maxLength: max }).map((cs) => cs.join('').trim() || '活动')
    fc.assert(
      fc.property(
        words(2, 40),
        words(1, 60),
        fc.array(fc.tuple(words(1, 20), fc.nat(1000), fc.constantFrom('any', 'F', 'M')), { maxLength: 30 }),
        fc.option(words(1, 30), { nil: undefined }),
        (title, place, list, union) => {
          const content = posterContent(
            detail({ title, place, items: list.map(([n, q, g]) => item(n, q, g as 'any' | 'F' | 'M')) }),
            union,
          )
          expectWellFormed(layoutPoster(new FakeContext(), content))
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('drawing', () => {
  test('paints a white page, then every line in its own font, and the code at its place', () => {
    const ctx = new FakeContext()
    const content: PosterContent = posterContent(detail({ items: [item('跳绳', 12)] }), '实验小学工会')
    const layout = layoutPoster(ctx, content)
    ctx.calls = []
    drawPoster(ctx, layout, 'qr')
    expect(ctx.calls[0]).toMatchObject({
      name: 'fillRect',
      args: [0, 0, layout.width, layout.height],
      fillStyle: '#ffffff',
    })
    const drawn = ctx.calls.filter((c) => c.name === 'fillText')
    expect(drawn.map((c) => c.args[0])).toEqual(texts(layout).map((t) => t.text))
    for (const [i, t] of texts(layout).entries()) expect(drawn[i].font).toBe(t.font)
    expect(ctx.calls.filter((c) => c.name === 'drawImage')).toEqual([
      expect.objectContaining({ args: ['qr', (POSTER_WIDTH - 520) / 2, expect.any(Number), 520, 520] }),
    ])
  })

  test('the downloaded file is named after the activity, without characters a file system refuses', () => {
    expect(posterFileName('冬季趣味运动会')).toBe('冬季趣味运动会_海报.png')
    expect(posterFileName('教职工"篮球"赛 / 初赛')).toBe('教职工_篮球_赛_初赛_海报.png')
  })
})
