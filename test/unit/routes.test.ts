// One routes table (src/core/shared/routes.ts) for the app config, the pages and the server's links: every
// entry is a real page, every page is in it, and nobody writes a page path by hand (issue 13, How).
import fs from 'fs'
import path from 'path'
import { activityShareCard } from '@/components/activities/share'
import { ACTIVITY_PAGE } from '@/core/activities/qr'
import { BIRTHDAY_LINK } from '@/core/greetings/daily'
import { noticeLink } from '@/core/notices/publish'
import { appPages, H5_ONLY_ROUTES, isAppPage, pageLink, ROUTES, safeRedirect, type Route } from '@/core/shared/routes'

const root = path.resolve(__dirname, '..', '..')
const src = path.join(root, 'src')
const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? walk(p) : [p]
  })
const routes = Object.values(ROUTES) as Route[]

describe('the routes table', () => {
  test('every entry is a page in the source (its component and its config)', () => {
    const missing = routes.filter(
      (r) => !fs.existsSync(path.join(src, `${r}.tsx`)) || !fs.existsSync(path.join(src, `${r}.config.ts`)),
    )
    expect(missing).toEqual([])
  })

  test('every page in the source is in the table', () => {
    const pageFolders = ['pages', 'subpackages']
      .flatMap((d) => walk(path.join(src, d)))
      .filter((f) => f.endsWith(`${path.sep}index.config.ts`))
      .map(
        (f) =>
          '/' +
          path
            .relative(src, f)
            .split(path.sep)
            .join('/')
            .replace(/\.config\.ts$/, ''),
      )
    expect(pageFolders.filter((p) => !(routes as string[]).includes(p))).toEqual([])
  })

  test('the app config lists the same pages, the home page first, the browser-only ones only on H5', () => {
    const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
    g.defineAppConfig = (c) => c
    const listed = (config: { pages: string[]; subPackages: { root: string; pages: string[] }[] }) => [
      ...config.pages.map((p) => `/${p}`),
      ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`)),
    ]
    const weapp = appPages('weapp')
    expect(weapp.pages[0]).toBe(ROUTES.home.slice(1))
    expect(new Set(listed(weapp))).toEqual(new Set(routes.filter((r) => !H5_ONLY_ROUTES.includes(r))))
    expect(new Set(listed(appPages('h5')))).toEqual(new Set(routes))
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require('@/app.config') as { default: Parameters<typeof listed>[0] }).default
    expect(listed(config)).toEqual(listed(appPages(process.env.TARO_ENV)))
  })
})

describe('links', () => {
  test('no page path is written anywhere but the table', () => {
    const literal = /['"`]\/?#?\/?(pages|subpackages)\/[\w-]+\/[\w-]+/
    // The emulator stands for WeChat, which is told the pages (app.json), so it is not scanned.
    const offenders = [src, path.join(root, 'cloudfunctions')]
      .flatMap(walk)
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(path.join('shared', 'routes.ts')))
      .filter((f) => literal.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f))
    expect(offenders).toEqual([])
  })

  test("the server's message links and the share card open real pages", () => {
    const links = [
      noticeLink('n1'),
      BIRTHDAY_LINK,
      `/${ACTIVITY_PAGE}`,
      activityShareCard({ id: 'a1', title: '篮球赛', startAt: '2026-12-10T06:00:00Z', phase: 'upcoming' }).path,
      pageLink(ROUTES.proposal, { id: 'p 1' }),
    ]
    for (const link of links) expect(isAppPage(link)).toBe(true)
    expect(pageLink(ROUTES.proposal, { id: 'p 1' })).toBe('/subpackages/proposals/detail/index?id=p%201')
  })

  test('a shared link may only send a teacher to one of our pages', () => {
    expect(safeRedirect(encodeURIComponent(pageLink(ROUTES.activity, { id: 'a1' })))).toBe(
      '/pages/activity/index?id=a1',
    )
    expect(safeRedirect('/pages/nowhere/index')).toBeUndefined()
    expect(safeRedirect('/subpackages/admin/roster/index/../../x')).toBeUndefined()
    expect(safeRedirect('https://example.com/pages/index/index')).toBeUndefined()
  })
})
