import fs from 'fs'
import path from 'path'
import type { Page } from 'playwright-core'
import { openApp, signInAs, startE2E, type E2E } from '../support/e2e'
import { measure, type Finding } from '../support/elder-metrics'
import { H5_ONLY_ROUTES, ROUTES, type Route } from '@/core/shared/routes'

/**
 * 适老化, measured: every page of the app at a phone size, at the default font and at the largest WeChat font
 * setting, held to ELDER (test/support/elder-metrics.ts). The app follows WeChat's font-size setting through
 * the CSS variable --jg-font-scale on the page root (src/styles/_vars.scss); this test sets it on <html> as
 * the setting would, at LARGEST_SCALE.
 */

jest.setTimeout(600_000)

const ROOT = path.resolve(__dirname, '..', '..')
const SHOTS = path.join(ROOT, '.tmp', 'screenshots')
const PHONE = { width: 375, height: 812 }
/** WeChat's largest 字体大小, as a multiple of the standard size (the app caps the setting here too). */
const LARGEST_SCALE = 1.5
const CHAIR = '王建国'
const TEACHER = '胡军'

/** Every page of the mini-program (the routes table; the H5-only dev sign-in page aside). */
function appPages(): string[] {
  return (Object.values(ROUTES) as Route[]).filter((r) => !H5_ONLY_ROUTES.includes(r))
}

/** One action of the api function, called from the signed-in page as the app calls it. */
async function api(page: Page, action: string, data: object): Promise<unknown> {
  const reply = (await page.evaluate(
    async ([a, d]) =>
      (
        await fetch('/api/api', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: a, data: d }),
        })
      ).json() as Promise<unknown>,
    [action, data] as const,
  )) as { ok: boolean; data?: unknown; message?: string }
  if (!reply.ok) throw new Error(`${action}: ${reply.message}`)
  return reply.data
}

/** The first `id` in a reply (its first item's). */
function firstId(value: unknown): string {
  const found = (v: unknown): string | undefined => {
    if (Array.isArray(v)) {
      for (const x of v) {
        const id = found(x)
        if (id) return id
      }
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (typeof o.id === 'string') return o.id
      for (const x of Object.values(o)) {
        const id = found(x)
        if (id) return id
      }
    }
    return undefined
  }
  const id = found(value)
  if (!id) throw new Error(`no id in ${JSON.stringify(value).slice(0, 200)}`)
  return id
}

/** Waits until the page has settled: its data loaded, no 加载中 left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page
    .locator('.taro_page')
    .filter({ visible: true })
    .getByText(/加载中/)
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined)
  await page.waitForTimeout(300)
}

async function setFontScale(page: Page, scale: number): Promise<void> {
  // As the setting does: on the page roots too, whose own inline value would otherwise win over <html>'s.
  await page.evaluate((s) => {
    document.documentElement.style.setProperty('--jg-font-scale', String(s))
    document.querySelectorAll<HTMLElement>('.page').forEach((el) => el.style.setProperty('--jg-font-scale', String(s)))
  }, scale)
  await page.waitForTimeout(100)
}

describe('elder-friendly screens (适老化), measured on every page', () => {
  let e2e: E2E
  let chair: Page
  let teacher: Page
  let newcomer: Page
  /** Query strings for the pages that show one thing. */
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    e2e = await startE2E()
    const phone = async (who: string) => {
      const context = await e2e.browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale: 'zh-CN' })
      context.setDefaultTimeout(15_000)
      const page = await context.newPage()
      await signInAs(page, e2e.cloud.url, who)
      return page
    }
    ;[chair, teacher, newcomer] = [await phone(CHAIR), await phone(TEACHER), await phone('newUser')]
    ids.activity = firstId(await api(chair, 'activities.list', { scope: 'current' }))
    ids.notice = firstId(await api(chair, 'notices.list', {}))
    ids.proposal = firstId(await api(chair, 'proposals.board', {}))
    ids.session = firstId(await api(chair, 'proposals.sessions', {}))
    ids.member = firstId(await api(chair, 'members.list', {}))
  })

  afterAll(async () => {
    await e2e?.close()
  })

  /** The query a page needs to show something, from the seeded demo school. */
  function query(pagePath: string): string {
    if (pagePath === '/pages/activity/index' || pagePath.startsWith('/subpackages/activities/'))
      return /\/(list|mine)\//.test(pagePath) ? '' : `?id=${ids.activity}`
    if (/notices\/(detail|receipts)/.test(pagePath)) return `?id=${ids.notice}`
    if (/proposals\/(detail|edit)/.test(pagePath)) return `?id=${ids.proposal}`
    if (pagePath.endsWith('/proposals/session/index')) return `?id=${ids.session}`
    if (pagePath.endsWith('/admin/member/index')) return `?id=${ids.member}`
    return ''
  }

  async function visit(page: Page, pagePath: string, scale: number): Promise<Finding[]> {
    // A fresh load each time: the H5 router keeps earlier pages in the DOM.
    await openApp(page, e2e.cloud.url, pagePath + query(pagePath))
    await page.reload()
    await settle(page)
    await setFontScale(page, scale)
    return measure(page, scale > 1)
  }

  const pages = appPages()

  it.each([
    ['default font', 1],
    ['largest font', LARGEST_SCALE],
  ])('every page passes at the %s', async (_name, scale) => {
    const failures: string[] = []
    for (const pagePath of pages) {
      const viewers: [string, Page][] =
        pagePath === '/pages/bind/index'
          ? [['new user', newcomer]]
          : /^\/(pages\/(index|activity|me)|subpackages\/(notices\/detail|proposals\/board))\//.test(pagePath)
            ? [
                ['chair', chair],
                ['teacher', teacher],
              ]
            : [['chair', chair]]
      for (const [who, page] of viewers) {
        for (const f of await visit(page, pagePath, scale))
          failures.push(`${pagePath} (${who}) ${f.rule}: 「${f.text}」 ${f.figure}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('saves screenshots of the main screens at the default and the largest font', async () => {
    fs.mkdirSync(SHOTS, { recursive: true })
    // The screens teachers open most, and those issue 13 changed (生日关怀, the date fields, 我的活动, the invite).
    const screens: [string, string, Page][] = [
      ['home', ROUTES.home, teacher],
      ['activity', ROUTES.activity, teacher],
      ['notice', ROUTES.notice, teacher],
      ['proposals-board', ROUTES.proposalBoard, teacher],
      ['my-activities', ROUTES.myActivities, teacher],
      ['birthdays', ROUTES.birthdays, chair],
      ['activity-edit', ROUTES.activityEdit, chair],
      ['member-invite', ROUTES.member, chair],
      ['poster', ROUTES.activityPoster, chair],
    ]
    for (const [name, pagePath, viewer] of screens) {
      for (const [label, scale] of [
        ['default', 1],
        ['largest', LARGEST_SCALE],
      ] as const) {
        await visit(viewer, pagePath, scale)
        await viewer.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`) })
      }
    }
    expect(fs.readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(18)
  })
})
