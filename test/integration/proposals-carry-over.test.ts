/**
 * 结转: a session's report lists the earlier sessions' proposals still unfinished (with a department, or
 * answered and not yet rated); closed ones and the session's own are not carried over.
 */
import { carriedOver } from '@/core/proposals/carry-over'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc, SessionDoc } from '@/core/proposals/model'
import { shanghaiDate } from '@/core/shared/shanghai-time'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const session = async (id: string) =>
  (await cloud.ports.store.findOne<SessionDoc>(PC.sessions, { _id: id })) as SessionDoc

test("the current session's report carries over last session's unfinished proposals, and only those", async () => {
  const today = shanghaiDate(cloud.ports.clock.now())
  const past = await cloud.ports.store.find<ProposalDoc>(PC.proposals, { sessionId: SEED.pastSession }, { limit: 100 })
  const unfinished = past.filter((p) => p.status === 'assigned' || p.status === 'replied')
  expect(unfinished.length).toBeGreaterThan(0)
  const rows = await carriedOver(cloud.ports.store, await session(SEED.currentSession), today)
  expect(rows.map((r) => r.title).sort()).toEqual(unfinished.map((p) => p.title).sort())
  expect(new Set(rows.map((r) => r.statusLabel))).toEqual(new Set(['办理中', '已答复，待评价']))

  // Rated and closed: no longer carried over.
  const [first] = unfinished.filter((p) => p.status === 'replied')
  if (first) {
    await cloud.ports.store.updateOne(PC.proposals, { _id: first._id }, { $set: { status: 'closed' } })
    const after = await carriedOver(cloud.ports.store, await session(SEED.currentSession), today)
    expect(after.map((r) => r.id)).not.toContain(first._id)
  }
  // The first session has nothing before it.
  expect(await carriedOver(cloud.ports.store, await session(SEED.pastSession), today)).toEqual([])
  // The chair's report of the current session lists them.
  const report = await cloud.ok(DEMO.chair, 'proposals.report', { sessionId: SEED.currentSession })
  expect(report.carriedOver?.map((r) => r.id).sort()).toEqual(
    (await carriedOver(cloud.ports.store, await session(SEED.currentSession), today)).map((r) => r.id).sort(),
  )
  // Its own unfinished proposals are not "carried over" into its own report.
  expect(rows.map((r) => r.id)).not.toContain(SEED.assigned)
  // The chair's report reads the same session (sanity that the session exists for them).
  expect((await cloud.ok(DEMO.chair, 'proposals.sessions', {})).length).toBeGreaterThan(1)
})
