import { PC } from '../../../src/core/proposals/collections'
import type { SessionDoc } from '../../../src/core/proposals/model'
import { SEED as PROPOSALS } from '../../../src/server/seed/proposals'
import { createCloudbaseStore, type CloudDatabase } from '../../../src/server/store/cloudbase-store'
import { call, measure } from '../round-trip-measure'
import { manyProposals } from './proposals-many'
import { PEOPLE, withoutLatency, type BenchEnv, type Screens } from './types'

/** Proposals of the current session on the 提案 board in the board2000 scenario. */
const BOARD_COUNT = 2000

/** Writes BOARD_COUNT proposals into the demo union's current session from the console's side (no latency). */
async function seedBoard(env: BenchEnv): Promise<void> {
  const admin = env.emulator.sdkModule(null) as unknown as { database(): CloudDatabase }
  const store = createCloudbaseStore(admin.database())
  const session = await store.findOne<SessionDoc>(PC.sessions, { _id: PROPOSALS.currentSession })
  if (!session) throw new Error('the demo school has no current 提案 session')
  const docs = manyProposals(session, BOARD_COUNT, session.counter + 1)
  for (let i = 0; i < docs.length; i += 100) {
    await Promise.all(docs.slice(i, i + 100).map((doc) => store.insert(PC.proposals, doc)))
  }
  // Numbered as submissions are: the counter and the ledger carry every number (a session this large is big).
  await store.updateOne(
    PC.sessions,
    { _id: session._id },
    {
      $inc: { counter: docs.length },
      $set: Object.fromEntries(docs.map((d, i) => [`numbers.${d._id}`, session.counter + 1 + i])),
    },
  )
}

/**
 * 提交提案 (DraftPanel): the reply is the new detail, so nothing reloads. Then the 提案公开栏 of a session with
 * 2,000 proposals as the page opens it: one call, its first page.
 */
export const proposalScreens: Screens = async (env) => {
  const { emulator } = env
  const submit = await measure(emulator, [
    [call(PEOPLE.delegate, 'proposals.submit', { proposalId: PROPOSALS.draftReady })],
  ])
  await withoutLatency(env, () => seedBoard(env))
  const board = await measure(emulator, [[call(PEOPLE.teacher, 'proposals.board', { latest: true })]])
  return { proposalSubmit: submit.figures, board2000: board.figures }
}
