// Finding one's way in the browser build (issue 13 items 2, 10, 12): 生日关怀 reached from 首页, a back control
// on every page opened from another (and 首页 on one opened by a link), and forms that take today from the
// server, not from the phone's clock.
import path from 'path'
import type { Locator, Page } from 'playwright-core'
import { addDays, monthDayLabel, shanghaiDate } from '@/core/shared/shanghai-time'
import { ROUTES } from '@/core/shared/routes'
import { openApp, screen, signInAs, startE2E, withScreenshotOnFailure, type E2E } from '../support/e2e'

jest.setTimeout(150_000)

const SHOTS = path.resolve(__dirname, '..', '..', '.tmp', 'e2e-screens')
let e2e: E2E
const pages: Page[] = []

beforeAll(async () => {
  e2e = await startE2E({ settableClock: true })
})
afterAll(async () => {
  await e2e?.close()
})

async function phoneOf(who: string): Promise<Page> {
  const page = await e2e.newPhone()
  pages.push(page)
  await signInAs(page, e2e.cloud.url, who)
  return page
}

const backControl = (page: Page) => page.locator('.taro-navigation-bar-back').filter({ visible: true })
const homeControl = (page: Page) => page.locator('.taro-navigation-bar-home').filter({ visible: true })

/** A control a finger over 50 can hit: at least 44 × 44 CSS px, with a word on it. */
async function expectTappable(control: Locator, word: string): Promise<void> {
  const box = await control.boundingBox()
  expect(box?.width).toBeGreaterThanOrEqual(44)
  expect(box?.height).toBeGreaterThanOrEqual(44)
  const label = await control.evaluate((el) => getComputedStyle(el, '::after').content)
  expect(label).toBe(`"${word}"`)
}

test('the chair taps 首页 → 生日关怀, and 返回 brings her back to 首页', async () => {
  await withScreenshotOnFailure(
    () => pages,
    'navigation-care',
    async () => {
      await e2e.setClock(null)
      const chair = await phoneOf('王建国')
      // 首页 is the first page: nothing to go back to, so no control.
      expect(await backControl(chair).count()).toBe(0)
      await screen(chair).locator('.link-row', { hasText: '生日关怀' }).click()
      await screen(chair).getByText('提前准备生日蛋糕或生日卡').waitFor()
      await expectTappable(backControl(chair), '返回')
      await chair.waitForTimeout(400) // the page slides in
      await chair.screenshot({ path: path.join(SHOTS, 'navigation-back.png') })
      await backControl(chair).click()
      await screen(chair).getByText('工会管理').waitFor()
      expect(await backControl(chair).count()).toBe(0)
    },
  )
})

test('a page opened by a link (a message, a QR code) offers 首页 instead', async () => {
  await withScreenshotOnFailure(
    () => pages,
    'navigation-home',
    async () => {
      const teacher = await phoneOf('胡军')
      await openApp(teacher, e2e.cloud.url, ROUTES.messages)
      await expectTappable(homeControl(teacher), '首页')
      await homeControl(teacher).click()
      await screen(teacher).getByText('全部通知').waitFor()
    },
  )
})

test("a form's today is the server's, whatever the phone's clock says", async () => {
  await withScreenshotOnFailure(
    () => pages,
    'navigation-server-today',
    async () => {
      // The server is 400 days ahead of this browser: another year, whatever day the tests run.
      const serverNow = new Date(Date.now() + 400 * 24 * 3600_000)
      await e2e.setClock(serverNow.toISOString())
      const today = shanghaiDate(serverNow)
      const chair = await phoneOf('王建国')
      await screen(chair).locator('.link-row', { hasText: '提案公开栏' }).click()
      await screen(chair).locator('.link-row', { hasText: '教代会届次' }).click()
      // 编号前缀 defaults to this year, 征集 from today for 30 days: the server's year and days.
      await screen(chair).getByText('创建届次').waitFor()
      const values = await screen(chair)
        .locator('input')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
      expect(values).toContain(today.slice(0, 4))
      await screen(chair)
        .getByText(monthDayLabel(addDays(today, 30)), { exact: false })
        .first()
        .waitFor()
      await e2e.setClock(null)
    },
  )
})
