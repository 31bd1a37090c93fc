import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { dispatch } from '@/server/dispatch'
import { openApp, screen, see, signInAs, startE2E, withScreenshotOnFailure, type E2E } from '../support/e2e'
import { measure } from '../support/elder-metrics'

/**
 * 活动海报: a chair opens a sports meet's poster, sees its items, saves the picture for the staff WeChat group
 * (a 1080 px PNG download) and prints it on one A4 page. Screenshots at 375×812, default and largest font,
 * go to .tmp/e2e-screens/poster-*.png.
 */

jest.setTimeout(240_000)

const SCREENS = path.resolve(__dirname, '..', '..', '.tmp', 'e2e-screens')
const PHONE = { width: 375, height: 812 }
/** A4 at 96 dpi less the poster's 12 mm margins: the box the printed poster has. */
const MM = 96 / 25.4
const A4_PRINTABLE = { width: Math.round((210 - 24) * MM), height: Math.round((297 - 24) * MM) }
const TITLE = '2026年教职工冬季趣味运动会'
const ITEMS = [
  '跳绳',
  '踢毽',
  '男女混合4×100米接力',
  '拔河',
  '托球跑',
  '大绳',
  '定点投篮',
  '袋鼠跳',
  '夹球跑',
  '乒乓球',
  '羽毛球',
  '跳远',
]

let e2e: E2E
let activityId: string
/** The phones opened here (at 375×812, not the harness's size), for screenshots on failure. */
const phones: Page[] = []

beforeAll(async () => {
  e2e = await startE2E()
  // Whole hours of Shanghai days from today's midnight, as a chair would set them (三天后 14:00).
  const day = 24 * 3600_000
  const midnight = Math.floor((e2e.cloud.ports.clock.now().getTime() + 8 * 3600_000) / day) * day - 8 * 3600_000
  const at = (h: number) => new Date(midnight + h * 3600_000).toISOString()
  const created = await dispatch(
    e2e.cloud.ports,
    { openid: 'demo-m01' },
    {
      action: 'activities.create',
      data: {
        title: TITLE,
        startAt: at(3 * 24 + 14),
        endAt: at(3 * 24 + 17),
        place: '学校操场',
        signupOpenAt: at(0),
        signupCloseAt: at(2 * 24 + 12),
        audience: 'all',
        quota: 0, // items carry the limits
        cancelPolicy: 'anytime',
        needsApproval: false,
        rosterPublic: true,
        items: ITEMS.map((name, i) => ({ name, quota: i === 3 ? 0 : 10 + i, gender: name === '踢毽' ? 'F' : 'any' })),
        itemCap: 2,
      },
    },
  )
  if (!created.ok) throw new Error(created.message)
  activityId = (created.data as { id: string }).id
})

afterAll(async () => {
  await e2e?.close()
})

async function chairPhone(): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: 'zh-CN' })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  phones.push(page)
  await signInAs(page, e2e.cloud.url, '王建国')
  return page
}

async function openPoster(page: Page): Promise<void> {
  await openApp(page, e2e.cloud.url, `/subpackages/activities/poster/index?id=${activityId}`)
  await see(page, TITLE)
  // The code is an image: wait until it has loaded, so screenshots and print show it.
  await screen(page)
    .locator('.poster-sheet__qr-image img')
    .evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise((r) => (img.onload = r))))
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Decodes the PNG in the browser: how many distinct colours it has, and the colour at a few points. */
function inspectPng(page: Page, base64: string) {
  return page.evaluate(async (data) => {
    const image = new Image()
    image.src = `data:image/png;base64,${data}`
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = image.naturalWidth
    canvas.height = image.naturalHeight
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
    ctx.drawImage(image, 0, 0)
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data
    const colours = new Set<number>()
    let dark = 0
    for (let i = 0; i < pixels.length; i += 4) {
      colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2])
      if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 150) dark++
    }
    const at = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3))
    return { colours: colours.size, darkShare: dark / (pixels.length / 4), bandColour: at(540, 10) }
  }, base64)
}

test('a chair sees the sports meet poster with its items and saves a 1080 px picture of it', async () => {
  await withScreenshotOnFailure(
    () => phones,
    'poster-save',
    async () => {
      const chair = await chairPhone()
      await openPoster(chair)
      await see(chair, '实验小学工会')
      await see(chair, '报名项目')
      for (const line of ['跳绳（限10人）', '踢毽（女子，限11人）', '男女混合4×100米接力（限12人）', '跳远（限21人）'])
        await see(chair, line)
      // 拔河 has no limit: just its name.
      await screen(chair)
        .locator('.poster-sheet__item', { hasText: /^拔河$/ })
        .waitFor()
      await see(chair, '全体会员')
      await see(chair, '报名截止：')

      const download = chair.waitForEvent('download')
      await screen(chair).locator('.big-button', { hasText: '保存图片' }).click()
      const file = await download
      expect(file.suggestedFilename()).toBe(`${TITLE}_海报.png`)
      const chunks: Buffer[] = []
      for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer)
      const bytes = Buffer.concat(chunks)
      const size = pngSize(bytes)
      expect(size.width).toBe(1080)
      expect(size.height).toBeGreaterThanOrEqual(Math.round(1080 * Math.SQRT2)) // portrait, at least A4's shape
      const png = await inspectPng(chair, bytes.toString('base64'))
      // Anti-aliased text in several colours and the code make hundreds of colours; a blank canvas has one.
      expect(png.colours).toBeGreaterThan(100)
      // Text and the code's modules are dark, but most of the poster is white paper.
      expect(png.darkShare).toBeGreaterThan(0.03)
      expect(png.darkShare).toBeLessThan(0.5)
      // The union's red band at the top.
      expect(png.bandColour).toEqual([0xb0, 0x3a, 0x2e])
      await see(chair, `海报图片已下载：${TITLE}_海报.png`)
      fs.mkdirSync(SCREENS, { recursive: true })
      fs.writeFileSync(path.join(SCREENS, 'poster-saved-picture.png'), bytes)
    },
  )
})

test('printing puts the poster alone on one A4 page with a code of 8 cm or more', async () => {
  await withScreenshotOnFailure(
    () => phones,
    'poster-print',
    async () => {
      const chair = await chairPhone()
      await openPoster(chair)
      await screen(chair).locator('.big-button', { hasText: '打印A4海报' }).waitFor()
      // The page as the printer lays it out: A4's printable width at 96 dpi, print styles on.
      await chair.setViewportSize(A4_PRINTABLE)
      await chair.emulateMedia({ media: 'print' })
      const measured = await chair.evaluate(() => {
        const page = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find(
          (el) => getComputedStyle(el).display !== 'none',
        ) as HTMLElement
        const sheet = (page.querySelector('.poster-sheet') as HTMLElement).getBoundingClientRect()
        const qr = (page.querySelector('.poster-sheet__qr-image') as HTMLElement).getBoundingClientRect()
        // Everything with a box that is not part of the poster (buttons, nav bar, tab bar) must not show.
        const visibleOutside = Array.from(document.body.querySelectorAll<HTMLElement>('*'))
          .filter((el) => !el.closest('.poster-sheet') && !el.querySelector('.poster-sheet'))
          .filter((el) => {
            const r = el.getBoundingClientRect()
            return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && el.innerText?.trim()
          })
          .map((el) => `${el.innerText.trim().slice(0, 20)} (.${el.className})`)
        return { sheet: { width: sheet.width, height: sheet.height, top: sheet.top }, qr: qr.width, visibleOutside }
      })
      expect(measured.visibleOutside).toEqual([])
      expect(measured.sheet.width).toBeGreaterThanOrEqual(0.9 * A4_PRINTABLE.width)
      expect(measured.sheet.height).toBeGreaterThanOrEqual(0.7 * A4_PRINTABLE.height)
      expect(measured.sheet.top + measured.sheet.height).toBeLessThanOrEqual(A4_PRINTABLE.height)
      expect(measured.qr).toBeGreaterThanOrEqual(80 * MM - 1) // 8 cm, within a pixel's rounding
      // Chromium's own print: one page.
      const pdf = await chair.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true })
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length).toBe(1)
      fs.mkdirSync(SCREENS, { recursive: true })
      fs.writeFileSync(path.join(SCREENS, 'poster-print.pdf'), pdf)
      await chair.screenshot({ path: path.join(SCREENS, 'poster-print.png'), fullPage: true })
    },
  )
})

test('适老化 at the default and the largest font, measured and in screenshots', async () => {
  const chair = await chairPhone()
  await openPoster(chair)
  fs.mkdirSync(SCREENS, { recursive: true })
  for (const [label, scale] of [
    ['default', 1],
    ['largest', 1.5],
  ] as const) {
    // As WeChat's font setting would: the page root carries the scale (styles/font-scale.ts).
    await chair.evaluate(
      (s) =>
        document
          .querySelectorAll<HTMLElement>('.page')
          .forEach((el) => el.style.setProperty('--jg-font-scale', String(s))),
      scale,
    )
    await chair.waitForTimeout(100)
    // The same measures as elder-friendly.test.ts, with the scale on the page root where the app puts it.
    expect(await measure(chair, scale > 1)).toEqual([])
    // The H5 page scrolls inside the app, not the document: one shot at the top, then one per part below.
    await screen(chair).locator('.page__intro').scrollIntoViewIfNeeded()
    await chair.screenshot({ path: path.join(SCREENS, `poster-${label}.png`) })
    await screen(chair)
      .locator('.poster-sheet__items')
      .evaluate((el) => el.scrollIntoView())
    await chair.screenshot({ path: path.join(SCREENS, `poster-${label}-items.png`) })
    await screen(chair)
      .locator('.poster-sheet__qr')
      .evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await chair.screenshot({ path: path.join(SCREENS, `poster-${label}-code.png`) })
  }
  expect(fs.existsSync(path.join(SCREENS, 'poster-largest-code.png'))).toBe(true)
})
