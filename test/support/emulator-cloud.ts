import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Clock } from '@/core/shared/ports'
import { INDEXES } from '@/server/indexes'
import type { ServerPorts } from '@/server/ports'
import { BLOCKED_WORDS, localContentCheck, RISKY_IMAGE_MARKER } from '@/server/local/content-check'
import { seedDemo } from '@/server/seed'
import { createCloudPorts } from '../../cloudfunctions/_runtime/ports'
import type { CloudSdk, CloudStorage } from '../../cloudfunctions/_runtime/sdk'
import { CloudbaseEmulator } from '../../emulator/cloudbase/environment'
import type { KillPlan } from '../../emulator/cloudbase/invocation'
import { FUNCTIONS } from '../../scripts/functions'
import { EMULATOR_BUNDLES } from './emulator-bundles'
import { SUBSCRIBE_TEMPLATES, TEMPLATE_LIBRARY } from './subscribe-library'

/** The app's pages as app.json lists them (what WeChat checks a message's or a code's page against). */
function appPages(): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- app.config.ts is a Taro config module
  const config = require('../../src/app.config').default as {
    pages: string[]
    subPackages: Array<{ root: string; pages: string[] }>
  }
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

/**
 * Time for code running on the emulator: the bundles read `new Date()` as deployed code does, so the test
 * moves the process's Date (jest's fake Date only; timers, latency and timeouts stay real).
 */
export class EmulatedClock implements Clock {
  constructor() {
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    })
  }
  now(): Date {
    return new Date()
  }
  set(instant: Date | null): void {
    jest.setSystemTime(instant ?? jest.getRealSystemTime())
  }
}

export interface EmulatorCloud {
  dir: string
  emulator: CloudbaseEmulator
  ports: ServerPorts & { clock: EmulatedClock }
  invokeApi(openid: string | undefined, body: unknown, kill?: KillPlan): Promise<unknown>
  cleanup(): void
}

/** Latency per request in the integration suite's emulator run; the benchmark uses the 20 ms default. */
const TEST_LATENCY_MS = Number(process.env.JG_EMULATOR_LATENCY_MS ?? 1)

/**
 * A fresh CloudBase emulator with the built `api` and `cron` bundles deployed, set up as a deployer would:
 * `init` run once (collections), the index list created, then the demo school written through the console's
 * (admin) view of the database.
 */
export async function makeEmulatorCloud(options: { seed?: boolean } = {}): Promise<EmulatorCloud> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-emu-'))
  const emulator = new CloudbaseEmulator({
    dir,
    latencyMs: TEST_LATENCY_MS,
    openapi: {
      templates: TEMPLATE_LIBRARY,
      pages: appPages(),
      riskyImageMarker: RISKY_IMAGE_MARKER,
      riskyWords: BLOCKED_WORDS,
    },
    // A test may set its own SUBSCRIBE_TEMPLATES (a deployer's mistakes); otherwise the deployment's.
    functionEnv: { SUBSCRIBE_TEMPLATES: process.env.SUBSCRIBE_TEMPLATES ?? JSON.stringify(SUBSCRIBE_TEMPLATES) },
  })
  for (const fn of FUNCTIONS) emulator.deploy(fn.name, path.join(EMULATOR_BUNDLES, fn.name), fn)
  const clock = new EmulatedClock()
  clock.set(new Date('2026-12-01T02:00:00Z'))
  const init = (await emulator.invoke('cron', { Type: 'Timer', TriggerName: 'init' })) as { ok: boolean }
  if (!init.ok) throw new Error(`init failed on the emulator: ${JSON.stringify(init)}`)
  await emulator.createIndexes(INDEXES)
  const admin = emulator.sdkModule(null) as unknown as CloudSdk & CloudStorage
  const ports = { ...createCloudPorts(admin, {} as NodeJS.ProcessEnv), clock }
  // The demo school is test data written from the console's side: its texts are ours, not a teacher's.
  if (options.seed !== false) await seedDemo({ ...ports, contentCheck: localContentCheck })
  return {
    dir,
    emulator,
    ports,
    invokeApi: (openid, body, kill) => emulator.invoke('api', body, { openid, kill }),
    cleanup() {
      emulator.close()
      jest.useRealTimers()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
