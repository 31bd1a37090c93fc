import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Clock } from '@/core/shared/ports'
import type { ServerPorts } from '@/server/ports'
import { BLOCKED_WORDS, RISKY_IMAGE_MARKER } from '@/server/local/content-check'
import { appPages, deployApp } from '../../emulator/cloudbase/app-deployment'
import { CloudbaseEmulator } from '../../emulator/cloudbase/environment'
import type { KillPlan } from '../../emulator/cloudbase/invocation'
import { EMULATOR_BUNDLES } from './emulator-bundles'
import { SUBSCRIBE_TEMPLATES, TEMPLATE_LIBRARY } from './subscribe-library'

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

/** A fresh CloudBase emulator with the built bundles deployed and the demo school seeded (deployApp). */
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
  const clock = new EmulatedClock()
  clock.set(new Date('2026-12-01T02:00:00Z'))
  const { ports } = await deployApp(emulator, { bundlesDir: EMULATOR_BUNDLES, seed: options.seed !== false, clock })
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
