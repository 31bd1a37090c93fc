// Proves the production mini-program in dist/weapp is one WeChat accepts, using WeChat's own WXML/WXSS
// compilers (miniprogram-compiler's Linux wcc/wcsc) instead of DevTools. `npm test` builds dist/weapp first.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { createRequire } from 'module'

const DIST = path.resolve(__dirname, '../../dist/weapp')
const MiB = 1024 * 1024
// WeChat's hard limits: 2 MB per package (main or sub), 20 MB for the whole app. The tighter 500 KB
// main-package budget is a performance target and is measured by `npm run bench`.
const PACKAGE_LIMIT = 2 * MiB
const TOTAL_LIMIT = 20 * MiB
// Source page folders that are deliberately not part of the mini-program (app.config.ts adds them on H5 only).
const H5_ONLY_ROOTS = ['subpackages/dev']

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] }
  lazyCodeLoading?: string
  preloadRule?: Record<string, { network?: string; packages: string[] }>
}

// miniprogram-compiler has no typings. Its index `wxssToJs` crashes with a TypeError on a broken file (it
// unescapes an undefined result), so the WXSS check calls the inner wcsc wrapper, which RETURNS an Error.
type Wcc = (root: string, files: string[], wxs: string[], opts: { maxBuffer?: number }) => string
type Wcsc = (root: string, files: string[], opts: { maxBuffer?: number }) => Record<string, string> | Error
const load = createRequire(__filename)
const wcc = load('miniprogram-compiler/src/wcc') as Wcc
const wcsc = load('miniprogram-compiler/src/wcsc') as Wcsc
const maxBuffer = 256 * MiB // the wrappers default to 1 MB of stdout, which a larger app outgrows

function listFiles(dir: string, ext?: string): string[] {
  const out: string[] = []
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else if (!ext || child.endsWith(ext)) out.push(child)
    }
  }
  walk('')
  return out.sort()
}

const stripExt = (file: string): string => file.slice(0, file.lastIndexOf('.'))

/** Compiles every .wxml under root; throws with wcc's message on any error. */
function compileWxml(root: string): string {
  return wcc(root, listFiles(root, '.wxml').map(stripExt), listFiles(root, '.wxs'), { maxBuffer })
}

/** Compiles every .wxss under root; returns wcsc's error instead of throwing, like the wrapper does. */
function compileWxss(root: string): Record<string, string> | Error {
  return wcsc(root, listFiles(root, '.wxss').map(stripExt), { maxBuffer })
}

function readAppJson(root: string): AppJson {
  return JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson
}

function subPackagesOf(app: AppJson): { root: string; pages: string[] }[] {
  return app.subPackages ?? app.subpackages ?? []
}

function sizeOf(root: string, files: string[]): number {
  return files.reduce((sum, f) => sum + fs.statSync(path.join(root, f)).size, 0)
}

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) {
    throw new Error(
      `No mini-program build at ${DIST}. Build it first: NODE_ENV=production npx taro build --type weapp ` +
        '(npm test does this before running the build tests).',
    )
  }
  // A development build is unminified and much larger; checking it would prove nothing about what ships.
  const taroJs = fs.readFileSync(path.join(DIST, 'taro.js'), 'utf8')
  if (taroJs.split('\n').length > 50) {
    throw new Error(`${DIST} looks like a development build; rebuild with NODE_ENV=production.`)
  }
})

describe('dist/weapp (production build)', () => {
  test('app.json lists every page, and every page has its .js/.wxml/.json/.wxss', () => {
    const app = readAppJson(DIST)
    const listed = [
      ...app.pages,
      ...subPackagesOf(app).flatMap((sp) => sp.pages.map((p) => `${sp.root.replace(/\/$/, '')}/${p}`)),
    ]
    expect(app.pages.length).toBeGreaterThan(0)
    expect(new Set(listed).size).toBe(listed.length)

    const missing = listed.flatMap((page) =>
      ['.js', '.wxml', '.json', '.wxss'].map((ext) => page + ext).filter((f) => !fs.existsSync(path.join(DIST, f))),
    )
    expect(missing).toEqual([])

    // Every page folder in the source (a folder with index.config.ts) made it into app.json.
    const src = path.resolve(__dirname, '../../src')
    const sourcePages = listFiles(src, '/index.config.ts')
      .map((f) => f.replace(/\.config\.ts$/, ''))
      .filter((p) => !H5_ONLY_ROOTS.some((root) => p.startsWith(`${root}/`)))
    expect(sourcePages.filter((p) => !listed.includes(p))).toEqual([])

    // Tab bar pages must live in the main package, or WeChat refuses to load the app.
    for (const tab of app.tabBar?.list ?? []) expect(app.pages).toContain(tab.pagePath)
  })

  test('tab bar icons are in the package, PNG, at most 40 KB each (WeChat refuses the app otherwise)', () => {
    const tabs = readAppJson(DIST).tabBar?.list ?? []
    const icons = tabs.flatMap((t) => [t.iconPath, t.selectedIconPath])
    expect(icons.length).toBe(tabs.length * 2)
    for (const icon of icons) {
      expect(icon).toMatch(/\.png$/)
      const file = path.join(DIST, icon ?? '')
      expect(fs.existsSync(file)).toBe(true)
      const bytes = fs.readFileSync(file)
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect(bytes.length).toBeLessThanOrEqual(40 * 1024)
    }
  })

  test('every .wxml compiles with WeChat wcc', () => {
    const js = compileWxml(DIST)
    expect(js).toContain('$gwx')
  })

  test('every .wxss compiles with WeChat wcsc', () => {
    const result = compileWxss(DIST)
    if (result instanceof Error) throw result
    expect(Object.keys(result).length).toBeGreaterThan(0)
  })

  test('main package and each subpackage stay under WeChat 2 MB limit', () => {
    const app = readAppJson(DIST)
    // Source maps are never uploaded; LICENSE files are, so they count.
    const files = listFiles(DIST).filter((f) => !f.endsWith('.map'))
    const roots = subPackagesOf(app).map((sp) => sp.root.replace(/\/$/, '') + '/')
    const main = files.filter((f) => !roots.some((r) => f.startsWith(r)))
    const packages = [{ root: '(main)', bytes: sizeOf(DIST, main) }].concat(
      roots.map((root) => ({
        root,
        bytes: sizeOf(
          DIST,
          files.filter((f) => f.startsWith(root)),
        ),
      })),
    )
    expect(packages.filter((p) => p.bytes >= PACKAGE_LIMIT)).toEqual([])
    expect(sizeOf(DIST, files)).toBeLessThan(TOTAL_LIMIT)
  })
})

describe('loading: 按需注入 and 分包预下载 as WeChat defines them', () => {
  test('only the components a page declares are injected (lazyCodeLoading), and every page declares its own', () => {
    const app = readAppJson(DIST)
    expect(app.lazyCodeLoading).toBe('requiredComponents')
    // Under 按需注入 a component reaches a page only through that page's usingComponents.
    const pages = [
      ...app.pages,
      ...subPackagesOf(app).flatMap((sp) => sp.pages.map((p) => `${sp.root.replace(/\/$/, '')}/${p}`)),
    ]
    const undeclared = pages.filter((page) => {
      const json = JSON.parse(fs.readFileSync(path.join(DIST, `${page}.json`), 'utf8')) as {
        usingComponents?: Record<string, string>
      }
      return (
        fs.readFileSync(path.join(DIST, `${page}.wxml`), 'utf8').includes('taro_tmpl') && !json.usingComponents?.comp
      )
    })
    expect(undeclared).toEqual([])
  })

  test('preloads name real pages and subpackages, within 2 MB for the pages of one package', () => {
    const app = readAppJson(DIST)
    const rules = Object.entries(app.preloadRule ?? {})
    expect(rules.length).toBeGreaterThan(0)
    const roots = subPackagesOf(app).map((sp) => sp.root.replace(/\/$/, ''))
    const files = listFiles(DIST).filter((f) => !f.endsWith('.map'))
    const bytesOf = (root: string) =>
      sizeOf(
        DIST,
        files.filter((f) => f.startsWith(`${root}/`)),
      )
    const packageOf = (page: string) => roots.find((r) => page.startsWith(`${r}/`)) ?? '(main)'
    const quota = new Map<string, number>()
    for (const [page, rule] of rules) {
      expect(fs.existsSync(path.join(DIST, `${page}.json`))).toBe(true)
      for (const pkg of rule.packages) expect(roots).toContain(pkg)
      const trigger = packageOf(page)
      quota.set(trigger, (quota.get(trigger) ?? 0) + rule.packages.reduce((sum, pkg) => sum + bytesOf(pkg), 0))
    }
    expect([...quota].filter(([, bytes]) => bytes > PACKAGE_LIMIT)).toEqual([])
  })
})

describe('the compiler check can fail (negative control)', () => {
  let tmp = ''
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-broken-'))
    fs.cpSync(DIST, tmp, { recursive: true })
  })
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

  test('a broken .wxml is rejected by wcc, naming the file', () => {
    const page = readAppJson(tmp).pages[0]
    fs.appendFileSync(path.join(tmp, `${page}.wxml`), '\n<view><text>{{ broken </view\n')
    expect(() => compileWxml(tmp)).toThrow(`${page}.wxml`)
  })

  test('a broken .wxss is reported by wcsc, naming the file', () => {
    const page = readAppJson(tmp).pages[0]
    fs.appendFileSync(path.join(tmp, `${page}.wxss`), '\n.broken { color: red\n')
    const result = compileWxss(tmp)
    expect(result).toBeInstanceOf(Error)
    expect(String(result)).toContain(`${page}.wxss`)
  })
})
