/**
 * The reply-date reminders read the people to tell once per union and department, all at once: thirty
 * proposals due at 教务处 add one round trip to the reminders run on CloudBase, not one or two per proposal.
 */
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import { SEED } from '@/server/seed/proposals'
import { makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

onEmulator('round trips on CloudBase', () => {
  test('thirty proposals due at one department: the reminders run stays within 50 sequential round trips', async () => {
    const seed = (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: SEED.assigned })) as ProposalDoc
    const tomorrow = addDays(shanghaiDate(cloud.ports.clock.now()), 1)
    const overdue = addDays(shanghaiDate(cloud.ports.clock.now()), -2)
    for (let i = 0; i < 30; i++) {
      const { _id: _ignored, ...rest } = seed
      await cloud.ports.store.insert(PC.proposals, {
        ...rest,
        _id: `due-${i}`,
        code: `${seed.code}-${i}`,
        assignment: {
          ...(seed.assignment as NonNullable<ProposalDoc['assignment']>),
          replyBy: i % 2 ? tomorrow : overdue,
        },
      })
    }
    await cloud.runJob('reminders')
    const run = cloud.emulator!.invocations.at(-1)!
    // Measured: 44, most of them the sends (a few at a time) of every source of the run. Before, each
    // proposal read its department's heads (and the committee, when overdue) on its own: 90 in a row.
    expect(run.sequential).toBeLessThanOrEqual(50)
  }, 120_000)
})
