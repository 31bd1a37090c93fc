import type { CloudbaseEmulator } from '../../../emulator/cloudbase/environment'
import { demoOpenid } from '../../../src/server/seed/demo-school'
import type { ScreenFigures } from '../round-trip-measure'

/** The deployed demo school on the emulator, shared by every screen's scenario in turn. */
export interface BenchEnv {
  emulator: CloudbaseEmulator
  /** Per request, as on real CloudBase; a scenario may set 0 for its own setup and must restore it. */
  latencyMs: number
}

/** One capability's screens: measured in order on the same environment, each figure under its screen's name. */
export type Screens = (env: BenchEnv) => Promise<Record<string, ScreenFigures>>

export const PEOPLE = {
  teacher: demoOpenid('m17'), // 胡军, member
  secondTeacher: demoOpenid('m10'), // 何平, takes the waitlist place
  chair: demoOpenid('m01'), // 王建国, creates the bench's activities
  delegate: demoOpenid('m09'), // 郭婷, author of the ready draft
}

/** Runs setup writes without latency (not what is measured), then restores it. */
export async function withoutLatency<T>(env: BenchEnv, setup: () => Promise<T>): Promise<T> {
  env.emulator.latencyMs = 0
  try {
    return await setup()
  } finally {
    env.emulator.latencyMs = env.latencyMs
  }
}
