// Issue 12's round-trip budgets, held on every `npm test`: the same screens the round-trips bench measures,
// replayed on the CloudBase emulator. Round trips and calls are counted, not timed, so the figures are the
// bench's own (latency only spreads them out).
import type { ScreenFigures } from '../../scripts/bench/round-trip-measure'
import { BUDGETS, SCENARIOS } from '../../scripts/bench/screens'
import { makeTestCloudWithoutPushes, RUNTIME, type TestCloud } from '../support/test-cloud'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

onEmulator('round trips per screen on CloudBase', () => {
  let cloud: TestCloud
  const measured: Record<string, ScreenFigures> = {}

  beforeAll(async () => {
    // As the bench measures: messages go to the in-app inbox only (README 「速度」).
    cloud = await makeTestCloudWithoutPushes()
    const emulator = cloud.emulator
    if (!emulator) throw new Error('the emulator project runs this suite')
    for (const scenario of SCENARIOS)
      Object.assign(measured, await scenario({ emulator, latencyMs: emulator.latencyMs }))
  }, 240_000)
  afterAll(() => cloud.cleanup())

  // dailyJob20k needs 20,000 members: only the bench measures it (test/integration/greetings-daily.test.ts
  // holds the job's round trips at 300 birthdays).
  const screens = Object.entries(BUDGETS).filter(([name]) => name !== 'dailyJob20k')

  test.each(screens)('%s within its budget', (name, budget) => {
    const figures = measured[name]
    expect(figures).toBeDefined()
    for (const key of ['calls', 'sequential', 'replyBytes'] as const) {
      const limit = budget[key]
      if (limit !== undefined) expect({ [key]: figures[key] }).toEqual({ [key]: Math.min(figures[key], limit) })
    }
  })
})
