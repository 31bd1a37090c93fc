import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startLocalCloud, type LocalCloud } from '@/server/local/server'
import { launchChromium } from './browser'
import { PHONE_VIEWPORT } from './e2e'

const ROOT = path.resolve(__dirname, '..', '..')
// JG_H5_DIR: a private H5 build (built with JG_DIST_DIR), as in e2e.ts.
const H5_DIR = process.env.JG_H5_DIR ?? path.join(ROOT, 'dist', 'h5')

export interface CareE2E {
  cloud: LocalCloud
  browser: Browser
  newPhone(): Promise<Page>
  /** Moves the local cloud's clock (POST /dev/clock); null returns to real time. */
  setClock(at: string | null): Promise<void>
  /** Fires a timed job now (POST /dev/trigger), resolving its one-line summary. */
  trigger(name: string): Promise<string>
  close(): Promise<void>
}

/** Like startE2E, with the settable clock on: the birthday and reminder tests jump to the day they need. */
export async function startCareE2E(): Promise<CareE2E> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html')))
    throw new Error('No H5 build: run `npx taro build --type h5` first')
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jgzj-care-e2e-'))
  const cloud = await startLocalCloud({
    dataDir: path.join(tmpDir, 'data'),
    port: 0,
    h5Dir: H5_DIR,
    seed: true,
    settableClock: true,
    log: () => {},
  })
  const browser = await launchChromium()
  const contexts: BrowserContext[] = []
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${cloud.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cloud.devToken}` },
      body: JSON.stringify(body),
    })
    const json = (await res.json()) as { ok: boolean; summary?: string; message?: string }
    if (!json.ok) throw new Error(`${url}: ${json.message}`)
    return json
  }
  return {
    cloud,
    browser,
    async newPhone() {
      const context = await browser.newContext({ viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, locale: 'zh-CN' })
      context.setDefaultTimeout(15_000)
      contexts.push(context)
      return context.newPage()
    },
    async setClock(at) {
      await post('/dev/clock', { at })
    },
    async trigger(name) {
      return (await post('/dev/trigger', { name })).summary ?? ''
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)))
      await browser.close()
      await cloud.close()
      fs.rmSync(tmpDir, { recursive: true, force: true })
    },
  }
}

/** Calls an action as whoever is signed in on this phone (same cookie jar), for setup steps outside the UI. */
export async function apiAs<T>(page: Page, baseUrl: string, action: string, data: unknown): Promise<T> {
  const res = await page.request.post(`${baseUrl}/api/api`, { data: { action, data } })
  const reply = (await res.json()) as { ok: boolean; data?: T; message?: string }
  if (!reply.ok) throw new Error(`${action}: ${reply.message}`)
  return reply.data as T
}
