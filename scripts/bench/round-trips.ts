// Round trips per screen on the CloudBase emulator (issue 12): how many cloud calls a screen makes, how many
// sequential database / open-API round trips a teacher waits for, how many requests in all, and how many
// bytes of JSON come back. Each screen replays the calls its page makes, in the page's order: calls made one
// after another (a wave waits for the previous one) add up; calls made together count their slowest.
// Writes .tmp/bench/round-trips.json. A figure over its budget fails the run (issue 12's before column
// is over budget on every screen).
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Clock } from '../../src/core/shared/ports'
import { BLOCKED_WORDS, RISKY_IMAGE_MARKER } from '../../src/server/local/content-check'
import { appPages, deployApp, ensureFunctionBundles } from '../../emulator/cloudbase/app-deployment'
import { CloudbaseEmulator } from '../../emulator/cloudbase/environment'
import type { ScreenFigures } from './round-trip-measure'
import { BUDGETS, DISTRICT_SCENARIOS, SCENARIOS } from './screens'
import type { BenchEnv } from './screens/types'
import type { BenchModule, BenchResult } from './types'

const ROOT = path.resolve(__dirname, '..', '..')
const OUT = path.join(ROOT, '.tmp', 'bench', 'round-trips.json')
/**
 * Our own build, so a jest run rebuilding .tmp/emulator-functions at the same time cannot clash with it;
 * JG_BENCH_BUNDLES gives a second bench run on the same machine its own folder too.
 */
const BUNDLES = process.env.JG_BENCH_BUNDLES
  ? path.resolve(process.env.JG_BENCH_BUNDLES)
  : path.join(ROOT, '.tmp', 'bench', 'emulator-functions')
/** Per request, as on real CloudBase (the emulator's default). */
const LATENCY_MS = 20

/** Each figure against its budget, where it has one. */
function rows(name: string, f: ScreenFigures): BenchResult[] {
  const budget = BUDGETS[name] ?? {}
  const row = (label: keyof ScreenFigures, unit: string, limit: number | undefined): BenchResult => ({
    label: `${name} ${label}`,
    value: f[label],
    unit,
    budget: limit === undefined ? undefined : `≤ ${limit}`,
    pass: limit === undefined ? undefined : f[label] <= limit,
  })
  return [
    row('calls', 'calls', budget.calls),
    row('sequential', 'trips', budget.sequential),
    row('requests', 'requests', undefined),
    row('replyBytes', 'B', budget.replyBytes),
  ]
}

export const roundTripsBench: BenchModule = {
  name: 'round-trips',
  async run(): Promise<BenchResult[]> {
    ensureFunctionBundles(BUNDLES)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-bench-trips-'))
    const emulator = new CloudbaseEmulator({
      dir,
      latencyMs: LATENCY_MS,
      openapi: { templates: [], pages: appPages(), riskyImageMarker: RISKY_IMAGE_MARKER, riskyWords: BLOCKED_WORDS },
    })
    try {
      // The bundles read real time, so the seed does too.
      const clock: Clock = { now: () => new Date() }
      // init lists every index it creates: not this bench's figures, so kept off the table's terminal.
      const { log, info } = console
      console.log = console.info = () => undefined
      try {
        await deployApp(emulator, { bundlesDir: BUNDLES, seed: true, clock })
      } finally {
        console.log = log
        console.info = info
      }
      const env: BenchEnv = { emulator, latencyMs: LATENCY_MS }
      const screens: Record<string, ScreenFigures> = {}
      for (const scenario of [...SCENARIOS, ...DISTRICT_SCENARIOS]) Object.assign(screens, await scenario(env))
      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, `${JSON.stringify(screens, null, 2)}\n`)
      // A budgeted screen no scenario measured fails too: a figure must not pass by going missing.
      const unmeasured = Object.keys(BUDGETS)
        .filter((name) => !(name in screens))
        .map((name): BenchResult => ({
          label: `${name} (not measured)`,
          value: 0,
          unit: '',
          budget: 'measured',
          pass: false,
        }))
      return [...Object.entries(screens).flatMap(([name, figures]) => rows(name, figures)), ...unmeasured]
    } finally {
      emulator.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
