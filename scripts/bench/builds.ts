// Production builds shared by the benches: this app and a bare Taro 4 React app (one page, Text 'hello'),
// each built once per bench run, so size and render figures compare like with like.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { ROOT, TMP, runLogged } from './exec'

export type Platform = 'weapp' | 'h5'

const taroBin = path.join(ROOT, 'node_modules', '.bin', 'taro')

let bareDir: string | undefined
const cache = new Map<string, Promise<string>>()

function once(key: string, build: () => Promise<string>): Promise<string> {
  let p = cache.get(key)
  if (!p) {
    p = build()
    cache.set(key, p)
  }
  return p
}

/** Builds this app for a platform (production) and returns its output folder. */
export function buildApp(platform: Platform): Promise<string> {
  return once(`app-${platform}`, async () => {
    await runLogged(taroBin, ['build', '--type', platform], {
      cwd: ROOT,
      env: { NODE_ENV: 'production' },
      log: path.join(TMP, `bench-build-app-${platform}.log`),
    })
    // Snapshot the output at once: dist/ is shared with other builds (npm test, npm start) that may wipe it.
    const snapshot = path.join(TMP, 'bench', `app-${platform}`)
    fs.rmSync(snapshot, { recursive: true, force: true })
    fs.cpSync(path.join(ROOT, 'dist', platform), snapshot, { recursive: true })
    const entry = platform === 'weapp' ? 'app.json' : 'index.html'
    if (!fs.existsSync(path.join(snapshot, entry)))
      throw new Error(`build output has no ${entry}; was dist/${platform} wiped?`)
    return snapshot
  })
}

/** Builds the bare reference app for a platform (production) and returns its output folder. */
export function buildBare(platform: Platform): Promise<string> {
  return once(`bare-${platform}`, async () => {
    const dir = bareProject()
    await runLogged(taroBin, ['build', '--type', platform], {
      cwd: dir,
      env: { NODE_ENV: 'production' },
      log: path.join(TMP, `bench-build-bare-${platform}.log`),
    })
    return path.join(dir, 'dist', platform)
  })
}

/** Removes the bare app's temp folder (call once, after every bench). */
export function cleanupBuilds(): void {
  if (bareDir) fs.rmSync(bareDir, { recursive: true, force: true })
  bareDir = undefined
}

// The bare app: same compiler, framework, design width and output naming as config/index.ts, nothing else.
const BARE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bare-taro', version: '1.0.0', private: true }),
  'babel.config.js': `module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }\n`,
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx', strict: true, esModuleInterop: true } }),
  'config/index.ts': `export default {
  projectName: 'bare-taro',
  date: '2026-12-01',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: 'dist/' + (process.env.TARO_ENV || 'weapp'),
  plugins: [],
  framework: 'react',
  compiler: 'webpack5',
  cache: { enable: false },
  mini: { postcss: { pxtransform: { enable: true, config: {} } } },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: { filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
    router: { mode: 'hash' },
    postcss: { autoprefixer: { enable: true, config: {} } },
  },
}
`,
  'src/index.html': fs.readFileSync(path.join(ROOT, 'src', 'index.html'), 'utf8'),
  'src/app.config.ts': `export default defineAppConfig({ pages: ['pages/index/index'], window: { navigationBarTitleText: 'bare' } })\n`,
  'src/app.ts': `import { PropsWithChildren } from 'react'\nexport default function App({ children }: PropsWithChildren) {\n  return children\n}\n`,
  'src/pages/index/index.config.ts': `export default definePageConfig({ navigationBarTitleText: 'bare' })\n`,
  'src/pages/index/index.tsx': `import { Text } from '@tarojs/components'\nexport default function Index() {\n  return <Text>hello</Text>\n}\n`,
}

function bareProject(): string {
  if (bareDir) return bareDir
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-taro-'))
  for (const [file, text] of Object.entries(BARE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  // Reuse this repo's installed packages: same versions, no second install.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  bareDir = dir
  return dir
}
