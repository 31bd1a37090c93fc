import { execFileSync } from 'child_process'
import * as fs from 'fs'
import * as path from 'path'
import { C } from '@/core/shared/collections'
import type { Clock } from '@/core/shared/ports'
import { INDEXES } from '@/server/indexes'
import { localContentCheck } from '@/server/local/content-check'
import type { ServerPorts } from '@/server/ports'
import { seedDemo } from '@/server/seed'
import { createCloudPorts } from '../../cloudfunctions/_runtime/ports'
import type { CloudSdk, CloudStorage } from '../../cloudfunctions/_runtime/sdk'
import { FUNCTIONS } from '../../scripts/functions'
import type { CloudbaseEmulator } from './environment'

/**
 * Our app on an emulated CloudBase environment, set up as a deployer does it: the built bundles deployed with
 * their timeouts, `init` run once (collections), the index list created, then the demo school written from
 * the console's (admin) side. Shared by the integration suite's emulator run and the local cloud on the
 * emulator (`JG_RUNTIME=cloudbase-emulator npm start`).
 */

const ROOT = path.resolve(__dirname, '..', '..')

/** The app's pages as app.json lists them (what WeChat checks a message's or a code's page against). */
export function appPages(): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- app.config.ts is a Taro config module
  const config = require('../../src/app.config').default as {
    pages: string[]
    subPackages: Array<{ root: string; pages: string[] }>
  }
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

/** What the bundles are built from: a change here makes a built folder stale. */
const BUNDLE_SOURCES = [
  'src/core',
  'src/server',
  'cloudfunctions',
  'scripts/functions.ts',
  'scripts/build-functions.ts',
]

function newestUnder(p: string): number {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = 0
  for (const entry of fs.readdirSync(p)) latest = Math.max(latest, newestUnder(path.join(p, entry)))
  return latest
}

/**
 * Builds the functions into `outDir` when a bundle is missing or older than its sources. A child process, as
 * the test suite's global setup does: the build resolves the `@/` alias through esbuild, outside any loader.
 * Resolves whether it built.
 */
export function ensureFunctionBundles(outDir: string, log: (line: string) => void = () => undefined): boolean {
  const sources = Math.max(...BUNDLE_SOURCES.map((p) => newestUnder(path.join(ROOT, p))))
  const built = FUNCTIONS.map((fn) => path.join(outDir, fn.name, 'index.js'))
  if (built.every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= sources)) return false
  log('正在构建云函数（几秒钟）…')
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  execFileSync(process.execPath, [tsx, 'scripts/build-functions.ts', outDir], { cwd: ROOT, stdio: 'pipe' })
  return true
}

export interface AppDeploymentOptions<K extends Clock> {
  /** Built function folders (scripts/build-functions.ts): `<bundlesDir>/<fn>/index.js` + config.json. */
  bundlesDir: string
  /** Write the demo school when the environment has no union yet. */
  seed: boolean
  /** The time the console-side writes (the seed) read. */
  clock: K
}

export interface AppDeployment<K extends Clock> {
  /** The console's view of the environment through our cloud adapters: no latency, no invocation. */
  ports: ServerPorts & { clock: K }
  /** Whether this call wrote the demo school. */
  seeded: boolean
}

/**
 * Deploys every function of scripts/functions.ts and prepares the database. Safe to repeat on a persistent
 * environment: `init` and the indexes are idempotent, and the school is seeded only once.
 */
export async function deployApp<K extends Clock>(
  emulator: CloudbaseEmulator,
  options: AppDeploymentOptions<K>,
): Promise<AppDeployment<K>> {
  for (const fn of FUNCTIONS) emulator.deploy(fn.name, path.join(options.bundlesDir, fn.name), fn)
  const init = (await emulator.invoke('cron', { Type: 'Timer', TriggerName: 'init' })) as { ok: boolean }
  if (!init.ok) throw new Error(`init failed on the emulator: ${JSON.stringify(init)}`)
  await emulator.createIndexes(INDEXES)
  const admin = emulator.sdkModule(null) as unknown as CloudSdk & CloudStorage
  const ports = { ...createCloudPorts(admin, {}), clock: options.clock }
  const seeded = options.seed && (await ports.store.count(C.unions, {})) === 0
  // The demo school is test data written from the console's side: its texts are ours, not a teacher's.
  if (seeded) await seedDemo({ ...ports, contentCheck: localContentCheck })
  return { ports, seeded }
}
