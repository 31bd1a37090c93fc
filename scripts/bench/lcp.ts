// H5 home page Largest Contentful Paint on a slow phone (Chromium, 4× CPU throttling): the app against a bare
// Taro React app, so the figure measures what this app adds, not the machine it runs on.
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchChromium } from '../../test/support/browser'
import { buildApp, buildBare } from './builds'
import { ROOT } from './exec'
import { serveStatic, type Served } from './static-server'
import type { BenchModule, BenchResult } from './types'

// Loads per build. On a shared 2-core VM one load's LCP swings by ±30 %, so a handful of loads is not enough
// to tell 1.2× from 1.4×; 11 pairs take about two minutes.
const RUNS = 11
const RATIO_BUDGET = 1.3
const LOCAL_CLOUD = path.join(ROOT, 'src', 'server', 'local', 'server.ts')

type StartLocalCloud = (opts: {
  dataDir: string
  port: number
  h5Dir: string
  seed: boolean
  cron: boolean
  log: (line: string) => void
}) => Promise<{ url: string; devToken: string; close(): Promise<void> }>

/** A served build; `prepare` runs in each fresh browser context before the measured load (e.g. sign in). */
export interface ServedApp extends Served {
  prepare?(context: BrowserContext): Promise<void>
}

/**
 * Serves the app's H5 build. Its home page calls the API, so when the local cloud exists
 * (src/server/local/server.ts exporting startLocalCloud) it serves the build over a freshly seeded demo school
 * and each run signs in as a plain teacher (what a teacher sees first); otherwise the static build alone.
 */
export async function serveApp(h5Dir: string): Promise<ServedApp> {
  if (fs.existsSync(LOCAL_CLOUD)) {
    const mod: unknown = await import(LOCAL_CLOUD)
    const start = (mod as { startLocalCloud?: unknown }).startLocalCloud
    if (typeof start === 'function') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cloud-'))
      const cloud = await (start as StartLocalCloud)({
        dataDir,
        port: 0,
        h5Dir,
        seed: true,
        cron: false,
        log: () => {},
      }).catch((e: unknown) => {
        fs.rmSync(dataDir, { recursive: true, force: true })
        throw e
      })
      const base = cloud.url.replace(/\/$/, '')
      return {
        url: `${base}/`,
        prepare: (context) => signInAsTeacher(context, base, cloud.devToken),
        close: async () => {
          await cloud.close()
          fs.rmSync(dataDir, { recursive: true, force: true })
        },
      }
    }
  }
  return serveStatic(h5Dir)
}

/** Signs the context in through the dev sign-in endpoints, as the last bound demo person (a plain teacher). */
async function signInAsTeacher(context: BrowserContext, base: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` }
  const res = await context.request.get(`${base}/dev/people`, { headers })
  if (!res.ok()) return // an older local cloud without dev sign-in: measure the signed-out home page
  const { people } = (await res.json()) as { people: { openid: string; bound: boolean }[] }
  const teacher = people.filter((p) => p.bound).pop()
  if (!teacher) return
  const login = await context.request.post(`${base}/dev/login`, { data: { openid: teacher.openid }, headers })
  if (!login.ok()) throw new Error(`dev sign-in failed: ${login.status()} ${await login.text()}`)
}

/** One cold load in a fresh context (empty cache); returns LCP in ms. */
async function measureLcp(browser: Browser, served: ServedApp): Promise<number> {
  const url = served.url
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  try {
    await served.prepare?.(context)
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    const response = await page.goto(url, { waitUntil: 'load' })
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}: ${await response?.text()}`)
    // Taro renders after its scripts run and the home page may re-render when data arrives: let the page
    // settle, then read the last LCP candidate (buffered, so entries before observing count).
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(500)
    const lcp = await page.evaluate(
      () =>
        new Promise<{ time: number; element: string } | null>((resolve) => {
          new PerformanceObserver((list) => {
            const last = list.getEntries().pop() as (PerformanceEntry & { element: Element | null }) | undefined
            if (!last) return
            const text = (last.element?.textContent ?? '').trim().slice(0, 24)
            resolve({ time: last.startTime, element: `${last.element?.tagName ?? '?'} "${text}"` })
          }).observe({ type: 'largest-contentful-paint', buffered: true })
          setTimeout(() => resolve(null), 2000)
        }),
    )
    if (!lcp) throw new Error(`no largest-contentful-paint entry for ${url} (nothing contentful rendered?)`)
    // BENCH_VERBOSE=1 shows which element was the LCP, to check the figure measures the intended content.
    if (process.env.BENCH_VERBOSE) console.log(`  ${url} LCP ${Math.round(lcp.time)} ms: ${lcp.element}`)
    return lcp.time
  } finally {
    await context.close()
  }
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * q)]
const median = (xs: number[]): number => quantile(xs, 0.5)
const round2 = (x: number): number => Math.round(x * 100) / 100

export const lcpBench: BenchModule = {
  name: 'h5 home LCP',
  async run(): Promise<BenchResult[]> {
    const appDir = await buildApp('h5')
    const bareDir = await buildBare('h5')
    const app = await serveApp(appDir)
    const bare = await serveStatic(bareDir).catch(async (e: unknown) => {
      await app.close()
      throw e
    })
    let browser: Browser | undefined
    try {
      browser = await launchChromium()
      // One discarded warm-up each (first process start, disk cache), then alternate so drift hits both.
      await measureLcp(browser, app)
      await measureLcp(browser, bare)
      const appRuns: number[] = []
      const bareRuns: number[] = []
      for (let i = 0; i < RUNS; i++) {
        appRuns.push(await measureLcp(browser, app))
        bareRuns.push(await measureLcp(browser, bare))
      }
      const a = Math.round(median(appRuns))
      const b = Math.round(median(bareRuns))
      // Each app load is paired with the bare load right after it, so a slow patch of the machine hits both
      // sides of a pair; the median of the pair ratios is steadier than the ratio of the two medians.
      const pairRatios = appRuns.map((x, i) => x / bareRuns[i])
      const ratio = round2(median(pairRatios))
      return [
        { label: `LCP app (median of ${RUNS}, 4× CPU)`, value: a, unit: 'ms' },
        { label: `LCP bare Taro React (median of ${RUNS}, 4× CPU)`, value: b, unit: 'ms' },
        {
          label: 'LCP ratio app/bare (median of pairs)',
          value: ratio,
          unit: '×',
          budget: `≤ ${RATIO_BUDGET}`,
          pass: ratio <= RATIO_BUDGET,
        },
        {
          label: 'LCP pair ratios, middle half (noise)',
          value: round2(quantile(pairRatios, 0.75) - quantile(pairRatios, 0.25)),
          unit: `× wide (${round2(quantile(pairRatios, 0.25))}–${round2(quantile(pairRatios, 0.75))})`,
        },
        // A busy host (load above the core count) widens the spread; read the figures with it in mind.
        { label: `machine load, 1 min (${os.cpus().length} cores)`, value: round2(os.loadavg()[0]), unit: '' },
      ]
    } finally {
      await browser?.close()
      await app.close()
      await bare.close()
    }
  },
}
