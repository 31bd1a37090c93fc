import { AUDIENCE_LABELS } from '@/core/activities/labels'
import { formatSpan, formatWhen } from '@/core/shared/shanghai-time'
import type { ActivityDetail } from '@/core/activities/views'
import { fileNamePart } from '@/core/shared/typed-text'

/**
 * The poster picture, shared by the mini-program (Canvas 2D) and the browser (an HTML canvas): what it says
 * (posterContent), where each line goes (layoutPoster, measured with the platform's own ctx.measureText, so
 * wrapping matches the font that draws it) and the drawing itself (drawPoster). Pure apart from the context.
 */

export interface PosterFact {
  label: string
  text: string
}

export interface PosterItem {
  name: string
  /** '' when the item has neither a limit nor a gender rule; kept on one line wherever it fits. */
  note: string
}

/** The poster's words, in reading order; the page shows the same ones. */
export interface PosterContent {
  /** The union's name for the band at the top; '' = no band text. */
  unionName: string
  title: string
  facts: PosterFact[]
  /** The items in order (empty for an activity without items): the name, then who and how many, 「（女子，限10人）」. */
  items: PosterItem[]
  qrCaption: string
}

type PosterSource = Pick<
  ActivityDetail,
  'title' | 'startAt' | 'endAt' | 'place' | 'audience' | 'quota' | 'signupCloseAt' | 'items'
>

const GENDER_WORDS = { any: '', F: '女子', M: '男子' } as const

export function posterContent(a: PosterSource, unionName = ''): PosterContent {
  return {
    unionName: unionName.trim(),
    title: a.title,
    facts: [
      { label: '时间', text: formatSpan(a.startAt, a.endAt) },
      { label: '地点', text: a.place },
      { label: '对象', text: `${AUDIENCE_LABELS[a.audience.kind]}${a.quota > 0 ? `，限${a.quota}人` : ''}` },
      { label: '报名截止', text: formatWhen(a.signupCloseAt) },
    ],
    items: a.items.map((item) => {
      const notes = [GENDER_WORDS[item.gender], item.quota > 0 ? `限${item.quota}人` : ''].filter(Boolean)
      return { name: item.name, note: notes.length > 0 ? `（${notes.join('，')}）` : '' }
    }),
    qrCaption: '微信扫一扫，报名参加',
  }
}

/** What layoutPoster needs of a 2D context: the measuring half. */
export interface TextMeasurer {
  font: string
  measureText(text: string): { width: number }
}

/**
 * What drawPoster needs: the part of CanvasRenderingContext2D that the browser's and WeChat's 2D contexts both
 * have. `I` is the platform's image (HTMLImageElement, or what canvas.createImage() returns in WeChat).
 */
export interface PosterContext<I> extends TextMeasurer {
  // Only ever written here; `unknown` lets the DOM's wider type (gradients, patterns) fit.
  fillStyle: unknown
  textAlign: unknown
  textBaseline: unknown
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  drawImage(image: I, dx: number, dy: number, dw: number, dh: number): void
}

export type PosterOp =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  /** One line of text: `top`/`height` is its line box; `x` is its left edge, or its middle when centred. */
  | {
      kind: 'text'
      text: string
      x: number
      top: number
      height: number
      width: number
      font: string
      color: string
      align: 'left' | 'center'
    }
  | { kind: 'qr'; x: number; y: number; size: number }

export interface PosterLayout {
  width: number
  height: number
  ops: PosterOp[]
}

/** 1080 px wide: sharp on any phone in a WeChat group, and prints at about 150 dpi across an A4 page. */
export const POSTER_WIDTH = 1080
/** A4's proportions (1 : √2): a short poster is padded to a printable page; a long one grows. */
export const POSTER_MIN_HEIGHT = Math.round(POSTER_WIDTH * Math.SQRT2)
const MARGIN = 80
const CONTENT = POSTER_WIDTH - 2 * MARGIN
const QR_SIZE = 520
const FAMILY = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'

const COLORS = {
  primary: '#b03a2e',
  text: '#1f1f1f',
  secondary: '#4a4a4a',
  rule: '#d9d2c7',
  band: '#b03a2e',
  onBand: '#ffffff',
  background: '#ffffff',
}

const fontOf = (size: number, bold: boolean, family: string) => `${bold ? 'bold ' : ''}${size}px ${family}`

/**
 * Runs of Latin letters and digits stay together ("4×100", "A4"), and so does a short note in brackets
 * (「（女子，限10人）」); other characters stand alone.
 */
const WORD = /（[^（）]{1,10}）|[A-Za-z0-9×.:%/+-]+|[\s\S]/gu
/** Never at the start of a line (。，）…) or at its end (（《“…). */
const CLOSING = /^[，。、；：？！）》」』”’…·%,.;:?!)\]]$/u
const OPENING = /^[（《「『“‘([]$/u

function tokens(text: string): string[] {
  const raw = text.match(WORD) ?? []
  const out: string[] = []
  for (const t of raw) {
    const last = out.length - 1
    if (last >= 0 && (CLOSING.test(t) || OPENING.test(out[last]))) out[last] += t
    else out.push(t)
  }
  return out
}

/**
 * Splits text into lines no wider than maxWidth at the measurer's current font: Chinese breaks between any two
 * characters, Latin words and numbers stay whole unless one alone is too wide.
 */
export function wrapText(m: TextMeasurer, text: string, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  const push = (piece: string) => {
    if (m.measureText(line + piece).width <= maxWidth) {
      line += piece
      return
    }
    if (line.trim() !== '') lines.push(line.trimEnd())
    line = piece.trimStart()
    // A single piece wider than the line (a very long number): break it by characters.
    let chars = [...line]
    while (m.measureText(line).width > maxWidth && chars.length > 1) {
      let cut = chars.length - 1
      while (cut > 1 && m.measureText(chars.slice(0, cut).join('')).width > maxWidth) cut--
      lines.push(chars.slice(0, cut).join(''))
      chars = chars.slice(cut)
      line = chars.join('')
    }
  }
  for (const t of tokens(text.replace(/\s+/g, ' ').trim())) push(t)
  if (line.trim() !== '') lines.push(line.trimEnd())
  return lines
}

/** Wrapped into as many lines as at maxWidth, but as even as can be: 「2026年教职工 / 冬季趣味运动会」, not a lone tail. */
function wrapBalanced(m: TextMeasurer, text: string, maxWidth: number): string[] {
  const lines = wrapText(m, text, maxWidth)
  if (lines.length < 2) return lines
  let [narrow, wide] = [maxWidth / lines.length, maxWidth]
  while (wide - narrow > 2) {
    const mid = (narrow + wide) / 2
    if (wrapText(m, text, mid).length <= lines.length) wide = mid
    else narrow = mid
  }
  return wrapText(m, text, wide)
}

/** Cuts the last line so it ends in … and still fits. */
function ellipsize(m: TextMeasurer, line: string, maxWidth: number): string {
  let cut = line
  while (cut.length > 0 && m.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1)
  return `${cut}…`
}

/**
 * The largest of `sizes` at which the text takes at most maxLines lines; at the smallest, the last line is cut
 * with … (a 40-character title fits in three lines well before that).
 */
export function fitText(
  m: TextMeasurer,
  text: string,
  opts: { maxWidth: number; sizes: number[]; maxLines: number; bold: boolean; family?: string; balance?: boolean },
): { size: number; font: string; lines: string[] } {
  const family = opts.family ?? FAMILY
  let result = { size: 0, font: '', lines: [] as string[] }
  for (const size of opts.sizes) {
    const font = fontOf(size, opts.bold, family)
    m.font = font
    const lines = (opts.balance ? wrapBalanced : wrapText)(m, text, opts.maxWidth)
    result = { size, font, lines }
    if (lines.length <= opts.maxLines) return result
  }
  const kept = result.lines.slice(0, opts.maxLines)
  kept[kept.length - 1] = ellipsize(m, kept[kept.length - 1], opts.maxWidth)
  return { ...result, lines: kept }
}

/** A stretch of the poster laid out from y = 0; placed by layoutPoster. */
interface Block {
  height: number
  ops: PosterOp[]
}

const shift = (op: PosterOp, dy: number): PosterOp =>
  op.kind === 'text' ? { ...op, top: op.top + dy } : { ...op, y: op.y + dy }

function textLine(
  m: TextMeasurer,
  text: string,
  at: Omit<Extract<PosterOp, { kind: 'text' }>, 'kind' | 'text' | 'width'>,
) {
  m.font = at.font
  return { kind: 'text' as const, text, width: m.measureText(text).width, ...at }
}

function band(m: TextMeasurer, unionName: string, family: string): Block {
  if (!unionName) return { height: 20, ops: [{ kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: 20, color: COLORS.band }] }
  const height = 128
  const fit = fitText(m, unionName, { maxWidth: CONTENT, sizes: [48, 42, 36], maxLines: 1, bold: true, family })
  return {
    height,
    ops: [
      { kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: height, color: COLORS.band },
      textLine(m, fit.lines[0], {
        x: POSTER_WIDTH / 2,
        top: 0,
        height,
        font: fit.font,
        color: COLORS.onBand,
        align: 'center',
      }),
    ],
  }
}

function title(m: TextMeasurer, text: string, family: string): Block {
  const fit = fitText(m, text, {
    maxWidth: CONTENT,
    sizes: [96, 88, 80, 72, 64, 56],
    maxLines: 3,
    bold: true,
    family,
    balance: true,
  })
  const lh = Math.round(fit.size * 1.3)
  return {
    height: lh * fit.lines.length,
    ops: fit.lines.map((line, i) =>
      textLine(m, line, {
        x: POSTER_WIDTH / 2,
        top: i * lh,
        height: lh,
        font: fit.font,
        color: COLORS.primary,
        align: 'center',
      }),
    ),
  }
}

const rule = (): Block => ({
  height: 4,
  ops: [{ kind: 'rect', x: MARGIN, y: 0, w: CONTENT, h: 4, color: COLORS.rule }],
})

/** 「时间：」 in grey, then the value in black, wrapped under itself rather than under the label. */
function facts(m: TextMeasurer, list: PosterFact[], family: string): Block {
  const size = 46
  const lh = 70
  const labelFont = fontOf(size, true, family)
  const textFont = fontOf(size, false, family)
  const ops: PosterOp[] = []
  let y = 0
  list.forEach((fact, index) => {
    if (index > 0) y += 14
    const label = `${fact.label}：`
    m.font = labelFont
    const labelWidth = m.measureText(label).width
    ops.push(
      textLine(m, label, { x: MARGIN, top: y, height: lh, font: labelFont, color: COLORS.secondary, align: 'left' }),
    )
    m.font = textFont
    const lines = wrapText(m, fact.text, CONTENT - labelWidth)
    for (const line of lines.length > 0 ? lines : ['']) {
      ops.push(
        textLine(m, line, {
          x: MARGIN + labelWidth,
          top: y,
          height: lh,
          font: textFont,
          color: COLORS.text,
          align: 'left',
        }),
      )
      y += lh
    }
  })
  return { height: y, ops }
}

/** One column up to five items, two beyond (a sports meet's dozen fit in six rows); a long name wraps in its cell. */
function items(m: TextMeasurer, entries: PosterItem[], family: string): Block {
  const list = entries.map((item) => item.name + item.note)
  const headSize = 46
  const headLh = 70
  const ops: PosterOp[] = [
    textLine(m, '报名项目', {
      x: MARGIN,
      top: 0,
      height: headLh,
      font: fontOf(headSize, true, family),
      color: COLORS.primary,
      align: 'left',
    }),
  ]
  const columns = list.length > 5 ? 2 : 1
  const size = list.length > 16 ? 36 : 40
  const lh = Math.round(size * 1.45)
  const gap = 40
  const columnWidth = (CONTENT - gap * (columns - 1)) / columns
  const indent = Math.round(size * 0.8)
  const font = fontOf(size, false, family)
  m.font = font
  let y = headLh + 8
  for (let row = 0; row * columns < list.length; row++) {
    let rowLines = 1
    for (let col = 0; col < columns; col++) {
      const text = list[row * columns + col]
      if (text === undefined) break
      const x = MARGIN + col * (columnWidth + gap)
      const dot = Math.round(size * 0.28)
      ops.push({ kind: 'rect', x, y: y + (lh - dot) / 2, w: dot, h: dot, color: COLORS.primary })
      const lines = wrapText(m, text, columnWidth - indent)
      lines.forEach((line, i) =>
        ops.push(
          textLine(m, line, { x: x + indent, top: y + i * lh, height: lh, font, color: COLORS.text, align: 'left' }),
        ),
      )
      rowLines = Math.max(rowLines, lines.length)
    }
    y += rowLines * lh + 6
  }
  return { height: y, ops }
}

function qr(m: TextMeasurer, caption: string, family: string): Block {
  const fit = fitText(m, caption, { maxWidth: CONTENT, sizes: [46, 40, 36], maxLines: 1, bold: true, family })
  const lh = 70
  return {
    height: QR_SIZE + 20 + lh,
    ops: [
      { kind: 'qr', x: (POSTER_WIDTH - QR_SIZE) / 2, y: 0, size: QR_SIZE },
      textLine(m, fit.lines[0], {
        x: POSTER_WIDTH / 2,
        top: QR_SIZE + 20,
        height: lh,
        font: fit.font,
        color: COLORS.text,
        align: 'center',
      }),
    ],
  }
}

/**
 * Lays the poster out top to bottom at POSTER_WIDTH. A short poster is padded to A4's proportions by widening
 * the gaps between its parts evenly, so it never looks like a strip with a blank tail.
 */
export function layoutPoster(m: TextMeasurer, content: PosterContent, family = FAMILY): PosterLayout {
  const parts: { gapBefore: number; block: Block }[] = [
    { gapBefore: 0, block: band(m, content.unionName, family) },
    { gapBefore: 64, block: title(m, content.title, family) },
    { gapBefore: 44, block: rule() },
    { gapBefore: 44, block: facts(m, content.facts, family) },
    ...(content.items.length > 0 ? [{ gapBefore: 48, block: items(m, content.items, family) }] : []),
    { gapBefore: 56, block: qr(m, content.qrCaption, family) },
  ]
  const bottom = 72
  const natural = parts.reduce((sum, p) => sum + p.gapBefore + p.block.height, bottom)
  const height = Math.max(POSTER_MIN_HEIGHT, Math.ceil(natural))
  const stretched = parts.length - 1
  const extra = (height - natural) / stretched
  const ops: PosterOp[] = []
  let y = 0
  parts.forEach((p, i) => {
    y += p.gapBefore + (i > 0 ? extra : 0)
    for (const op of p.block.ops) ops.push(shift(op, Math.round(y)))
    y += p.block.height
  })
  return { width: POSTER_WIDTH, height, ops }
}

/** Paints the layout on a context whose canvas is already layout.width × layout.height. */
export function drawPoster<I>(ctx: PosterContext<I>, layout: PosterLayout, qrImage: I): void {
  ctx.fillStyle = COLORS.background
  ctx.fillRect(0, 0, layout.width, layout.height)
  ctx.textBaseline = 'middle'
  for (const op of layout.ops) {
    if (op.kind === 'rect') {
      ctx.fillStyle = op.color
      ctx.fillRect(op.x, op.y, op.w, op.h)
    } else if (op.kind === 'qr') {
      ctx.drawImage(qrImage, op.x, op.y, op.size, op.size)
    } else {
      ctx.font = op.font
      ctx.fillStyle = op.color
      ctx.textAlign = op.align
      ctx.fillText(op.text, op.x, op.top + op.height / 2)
    }
  }
}

/** The <Canvas type='2d'> the mini-program draws on (the browser makes a canvas of its own). */
export const POSTER_CANVAS_ID = 'poster-canvas'

/** The file a browser downloads: the title (without characters file systems refuse) and 海报. */
export function posterFileName(title: string): string {
  const safe = fileNamePart(title).replace(/^_+|_+$/g, '')
  return `${safe || '活动'}_海报.png`
}
