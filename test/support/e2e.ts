import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { startEmulatedCloud, type EmulatedCloud } from '@/server/local/emulated'
import { devLinkFor, startLocalCloud, type LocalCloud } from '@/server/local/server'
import { launchChromium } from './browser'

/**
 * Harness for the browser tests: a local cloud on a fresh temp data dir and a random port, serving the H5
 * build (run `npx taro build --type h5` first), and Chromium with phone-sized pages. With
 * `{ runtime: 'cloudbase-emulator' }` the same server runs the built functions on the CloudBase emulator.
 */

const ROOT = path.resolve(__dirname, '..', '..')
// JG_H5_DIR: a private H5 build (built with JG_DIST_DIR), so parallel work does not rebuild the one under test.
const H5_DIR = process.env.JG_H5_DIR ?? path.join(ROOT, 'dist', 'h5')
const SCREENS_DIR = path.join(ROOT, '.tmp', 'e2e-screens')
// Its own folder: the integration suite's global setup rebuilds .tmp/emulator-functions while it runs.
const E2E_BUNDLES = path.join(ROOT, '.tmp', 'e2e-functions')

/** The phone the tests pretend to be: an ordinary 6.1" handset. */
export const PHONE_VIEWPORT = { width: 390, height: 844 }

/** A signed-in person can only be clicked once the list has loaded; the server is local, so this is plenty. */
const STEP_TIMEOUT_MS = 15_000

export interface E2EOptions {
  /** `cloudbase-emulator`: the built bundles on the emulator, 20 ms a request (JG_EMULATOR_LATENCY_MS). */
  runtime?: 'local' | 'cloudbase-emulator'
  /** The local cloud's clock may be moved (POST /dev/clock): for steps tied to an activity's time. */
  settableClock?: boolean
}

export interface E2E {
  cloud: LocalCloud | EmulatedCloud
  /** The emulated environment when running on it (latency, timeouts, deployments). */
  emulated?: EmulatedCloud
  browser: Browser
  /** A temp dir of this run for fixtures (spreadsheets); removed by close(). */
  tmpDir: string
  /** A new phone page in its own browser context, i.e. its own cookie jar: one person per page. */
  newPhone(): Promise<Page>
  /** A new phone signed in as this demo person (or a fresh unbound WeChat user), on 首页. */
  phoneFor(who: string | 'newUser'): Promise<Page>
  /** Every phone opened so far, for screenshots on failure. */
  phones(): Page[]
  /** Moves the server's clock (null: back to real time); only with { settableClock: true }. */
  setClock(at: string | null): Promise<void>
  close(): Promise<void>
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build in ${H5_DIR}: run \`npx taro build --type h5\` first`)
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jgzj-e2e-'))
  const where = { dataDir: path.join(tmpDir, 'data'), port: 0, h5Dir: H5_DIR, seed: true, log: () => {} }
  const settableClock = options.settableClock === true
  const emulated =
    options.runtime === 'cloudbase-emulator'
      ? await quietly(() =>
          startEmulatedCloud({
            ...where,
            bundlesDir: E2E_BUNDLES,
            latencyMs: Number(process.env.JG_EMULATOR_LATENCY_MS ?? 20),
          }),
        )
      : undefined
  const cloud = emulated ?? (await startLocalCloud({ ...where, settableClock }))
  const browser = await launchChromium()
  const contexts: BrowserContext[] = []
  const pages: Page[] = []
  const newPhone = async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, locale: 'zh-CN' })
    context.setDefaultTimeout(STEP_TIMEOUT_MS)
    contexts.push(context)
    const page = await context.newPage()
    pages.push(page)
    return page
  }
  return {
    cloud,
    emulated,
    browser,
    tmpDir,
    newPhone,
    async phoneFor(who) {
      const page = await newPhone()
      await signInAs(page, cloud.url, who)
      return page
    },
    phones: () => pages,
    async setClock(at) {
      if (!settableClock || !('devToken' in cloud)) throw new Error('start the e2e with { settableClock: true }')
      const res = await fetch(`${cloud.url}/dev/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cloud.devToken}` },
        body: JSON.stringify({ at }),
      })
      if (!((await res.json()) as { ok: boolean }).ok) throw new Error('/dev/clock refused')
    },
    async close() {
      await Promise.all(contexts.map((context) => context.close().catch(() => undefined)))
      await browser.close()
      await cloud.close()
      fs.rmSync(tmpDir, { recursive: true, force: true })
    },
  }
}

/** Without the deployed functions' info lines (`init` lists every index it wants) in the test output. */
async function quietly<T>(start: () => Promise<T>): Promise<T> {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined)
  try {
    return await start()
  } finally {
    info.mockRestore()
  }
}

/** Opens a page of the H5 app by its Taro path (hash router), e.g. '/pages/me/index'. */
export async function openApp(page: Page, baseUrl: string, pagePath: string): Promise<void> {
  await page.goto(`${baseUrl}/#${pagePath}`)
}

/**
 * Signs in the way a demo user does: open the link the server printed at start (it gives this browser the dev
 * pass and lands on 演示登录), then tap a person by name, or 「以新微信用户进入」 for a fresh unbound WeChat
 * identity. Waits until the app is back on 首页. The server must run in this process (it knows the link).
 */
export async function signInAs(page: Page, baseUrl: string, who: string | 'newUser'): Promise<void> {
  const link = devLinkFor(baseUrl)
  if (!link) throw new Error(`No local cloud of this process at ${baseUrl}: its sign-in link is unknown`)
  await page.goto(link)
  await page.waitForURL(/subpackages\/dev\/login/)
  if (who === 'newUser') {
    await page.getByText('以新微信用户进入', { exact: true }).click()
  } else {
    await page.locator('.dev-login__name', { hasText: who }).first().click()
  }
  await page.waitForURL(/pages\/index\/index/)
  // Wait for 首页 to have rendered who we are: navigating on before reLaunch settles can be swallowed.
  await screen(page)
    .getByText(/您好|请先绑定您的会员信息/)
    .waitFor()
}

/** Saves what the phone shows now to .tmp/e2e-screens/<name>.png (the phone's screen, not the whole page). */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENS_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) })
}

/**
 * Runs one test's body and, if it fails, saves what the phone showed to .tmp/e2e-screens/<name>.png before
 * rethrowing, so a red run can be read without rerunning it.
 */
export async function withScreenshotOnFailure(
  pages: () => Page[],
  name: string,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body()
  } catch (error) {
    fs.mkdirSync(SCREENS_DIR, { recursive: true })
    const safeName = name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')
    await Promise.all(
      pages().map((page, index) =>
        page
          .screenshot({ path: path.join(SCREENS_DIR, `${safeName}-${index + 1}.png`), fullPage: true })
          .catch(() => undefined),
      ),
    )
    throw error
  }
}

/**
 * The page on screen. The H5 router keeps earlier pages of the stack in the DOM, hidden, so a lookup on
 * the whole document can find the same text twice; look inside the visible page instead.
 */
export function screen(page: Page): Locator {
  return page.locator('.taro_page').filter({ visible: true })
}

/**
 * An input by its placeholder. H5 puts the placeholder on both Taro's wrapper and the real <input>, and a
 * number box is a spinbutton, not a textbox, so match the real <input> element directly.
 */
export function textBox(page: Page, placeholder: string): Locator {
  return screen(page).locator(`input[placeholder="${placeholder}"]`)
}

/** Taps the element showing exactly this text on the visible page. */
export function tap(page: Page, text: string): Promise<void> {
  return screen(page).getByText(text, { exact: true }).first().click()
}

/** Waits until this text shows on the visible page. */
export function see(page: Page, text: string | RegExp): Promise<void> {
  return screen(page).getByText(text).first().waitFor()
}

/** Clicks, waits for the named action's reply and insists it succeeded (showing its message if not). */
export async function act(page: Page, action: string, click: () => Promise<void>): Promise<void> {
  const done = page.waitForResponse((r) => (r.request().postData() ?? '').includes(`"${action}"`))
  await click()
  const body = (await (await done).json()) as { ok: boolean; message?: string }
  expect({ action, ok: body.ok, message: body.message }).toEqual({ action, ok: true, message: undefined })
}
