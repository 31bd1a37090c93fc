/**
 * The 提案公开栏 and the lists built on it, paged on the server: a walk through the pages shows every proposal
 * once, in order, and ends; a page's size does not grow with the session; the filters hold on every page.
 * And the figures a teacher waits for on CloudBase: 提交 and the home page's 提案 counts in few round trips.
 */
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc, SessionDoc } from '@/core/proposals/model'
import type { BoardPage, ProposalRowView } from '@/core/proposals/views'
import type { ActionInput } from '@/core/contract'
import { SEED } from '@/server/seed/proposals'
import { manyProposals } from '../../scripts/bench/screens/proposals-many'
import { DEMO, makeTestCloud, makeTestCloudWithoutPushes, RUNTIME, type TestCloud } from '../support/test-cloud'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

/** Proposals the seed's current session holds on the board (submitted, accepted, assigned, replied). */
const SEEDED_CURRENT = 4
const MANY = 300

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

/** Writes `count` submitted proposals into the current session, as the seed writes its own. */
async function addProposals(count: number): Promise<ProposalDoc[]> {
  const session = (await cloud.ports.store.findOne<SessionDoc>(PC.sessions, {
    _id: SEED.currentSession,
  })) as SessionDoc
  const docs = manyProposals(session, count, session.counter + 1)
  for (let i = 0; i < docs.length; i += 50)
    await Promise.all(docs.slice(i, i + 50).map((d) => cloud.ports.store.insert(PC.proposals, d)))
  return docs
}

type BoardInput = Omit<ActionInput<'proposals.board'>, 'cursor'>

/** Follows the cursor to the end, as 加载更多 does; every page as it came back. */
async function walk(openid: string, input: BoardInput): Promise<BoardPage[]> {
  const pages: BoardPage[] = [await cloud.ok(openid, 'proposals.board', input)]
  for (let last = pages[0]; last.more;) {
    expect(last.next).toBeDefined()
    last = await cloud.ok(openid, 'proposals.board', { ...input, cursor: last.next })
    pages.push(last)
    if (pages.length > 100) throw new Error('the board never ends')
  }
  return pages
}

const rowsOf = (pages: BoardPage[]): ProposalRowView[] => pages.flatMap((p) => p.items)
const bytes = (reply: unknown) => Buffer.byteLength(JSON.stringify(reply))

describe('the board, a page at a time', () => {
  test(`walking the pages of a session with ${MANY + SEEDED_CURRENT} proposals shows each once, newest first, and ends`, async () => {
    const added = await addProposals(MANY)
    const pages = await walk(DEMO.teacher, { sessionId: SEED.currentSession, limit: 50 })
    const rows = rowsOf(pages)
    expect(rows).toHaveLength(MANY + SEEDED_CURRENT)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    expect(pages[0].total).toBe(MANY + SEEDED_CURRENT)
    expect(pages.every((p) => p.items.length <= 50)).toBe(true)
    const last = pages[pages.length - 1]
    expect(last.more).toBe(false)
    expect(last.next).toBeUndefined()
    // Two of the added share each submission instant: the order still holds across the page breaks.
    const added1st = rows.filter((r) => r.id.startsWith('bench-')).map((r) => r.code)
    const newestFirst = [...added].sort((a, b) =>
      a.submittedAt === b.submittedAt
        ? a._id < b._id
          ? -1
          : 1
        : (a.submittedAt ?? '') < (b.submittedAt ?? '')
          ? 1
          : -1,
    )
    expect(added1st).toEqual(newestFirst.map((d) => d.code))
    // The seed's own submissions are older than the added ones: they come last.
    expect(
      rows
        .slice(-SEEDED_CURRENT)
        .map((r) => r.id)
        .sort(),
    ).toEqual([SEED.accepted, SEED.assigned, SEED.replied, SEED.submitted].sort())
  })

  test('a page stays small however many proposals there are, and a row carries only what it shows', async () => {
    await addProposals(MANY)
    const page = await cloud.ok(DEMO.teacher, 'proposals.board', { latest: true })
    expect(page.items).toHaveLength(20)
    expect(page.more).toBe(true)
    // The budget for a board page at 2,000 proposals; 20 rows are far under it.
    expect(bytes(page)).toBeLessThan(12 * 1024)
    const widest = await cloud.ok(DEMO.teacher, 'proposals.board', { latest: true, limit: 50 })
    expect(widest.items).toHaveLength(50)
    expect(bytes(widest)).toBeLessThan(50 * 1024)
    const shown = ['id', 'code', 'title', 'category', 'status', 'statusLabel', 'proposerName', 'secondsCount']
    const extras = ['overdue', 'leadDept', 'replyBy', 'lastRating']
    for (const row of widest.items) expect([...shown, ...extras]).toEqual(expect.arrayContaining(Object.keys(row)))
    expect((await cloud.refused(DEMO.teacher, 'proposals.board', { limit: 51 })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.teacher, 'proposals.board', { cursor: 'x' })).code).toBe('BAD_INPUT')
  })

  test('opened without a session, it shows the newest one and names the sessions to pick, in one call', async () => {
    const page = await cloud.ok(DEMO.teacher, 'proposals.board', { latest: true })
    expect(page.session).toMatchObject({ id: SEED.currentSession, name: '五届五次教代会' })
    expect(page.session?.categories.length).toBeGreaterThan(0)
    expect(page.sessions).toEqual([
      { id: SEED.currentSession, name: '五届五次教代会' },
      { id: SEED.pastSession, name: '五届四次教代会' },
    ])
    expect(page.total).toBe(SEEDED_CURRENT)
    expect(page.items.map((r) => r.id).sort()).toEqual(
      [SEED.accepted, SEED.assigned, SEED.replied, SEED.submitted].sort(),
    )
    // Without `latest`, every session.
    expect((await cloud.ok(DEMO.teacher, 'proposals.board', {})).total).toBe(12 + SEEDED_CURRENT)
    // A later page carries the rows only.
    const more = await cloud.ok(DEMO.teacher, 'proposals.board', { limit: 5 })
    const next = await cloud.ok(DEMO.teacher, 'proposals.board', { limit: 5, cursor: more.next })
    expect(next).not.toHaveProperty('sessions')
    expect(next.items).toHaveLength(5)
  })

  test('the filters hold on every page, queues included', async () => {
    const added = await addProposals(MANY)
    const count = (keep: (d: ProposalDoc) => boolean) => added.filter(keep).length
    const closed = rowsOf(await walk(DEMO.teacher, { sessionId: SEED.currentSession, status: 'closed', limit: 10 }))
    expect(closed).toHaveLength(count((d) => d.status === 'closed'))
    expect(closed.every((r) => r.status === 'closed')).toBe(true)

    const canteen = rowsOf(
      await walk(DEMO.teacher, { sessionId: SEED.currentSession, category: '后勤', department: '总务处' }),
    )
    expect(canteen.length).toBe(count((d) => d.category === '后勤' && d.assignment?.lead === '总务处'))
    expect(canteen.every((r) => r.category === '后勤' && r.leadDept === '总务处')).toBe(true)

    // The committee's 待交办 across sessions: 立案 and 意见建议 both.
    const toAssign = rowsOf(await walk(DEMO.committee, { stage: 'toAssign' }))
    expect(toAssign).toHaveLength(count((d) => ['accepted', 'converted'].includes(d.status)) + 1) // + SEED.accepted
    expect(new Set(toAssign.map((r) => r.status))).toEqual(new Set(['accepted', 'converted']))

    // 教务处's answered ones: replied and closed.
    const answered = rowsOf(await walk(DEMO.deptHead, { department: '教务处', stage: 'answered' }))
    expect(answered.every((r) => ['replied', 'closed'].includes(r.status) && r.leadDept === '教务处')).toBe(true)
    // A status outside the stage asked for: nothing, rather than everything.
    const none = await cloud.ok(DEMO.teacher, 'proposals.board', { stage: 'toAssign', status: 'closed' })
    expect(none).toMatchObject({ items: [], more: false, total: 0 })
  })
})

onEmulator('round trips a teacher waits for on CloudBase', () => {
  const lastInvocation = () => {
    const invocation = cloud.emulator?.invocations.at(-1)
    if (!invocation) throw new Error('no invocation recorded')
    expect(invocation.killed).toBeNull()
    return invocation
  }

  test('提交 takes at most 8 sequential requests, the caller included', async () => {
    // As the bench measures it: messages recorded in the app only.
    cloud.cleanup()
    cloud = await makeTestCloudWithoutPushes()
    if (cloud.emulator) cloud.emulator.latencyMs = 20
    const p = await cloud.ok(DEMO.delegate, 'proposals.submit', { proposalId: SEED.draftReady })
    expect(p).toMatchObject({ status: 'submitted', code: expect.stringMatching(/-05$/) })
    // The reply carries the session as numbered, without reading it again.
    expect(p.session.submittedCount).toBe(5)
    expect(lastInvocation().sequential).toBeLessThanOrEqual(8)
  })

  test("the home page's 提案 counts take at most 2 round trips after the caller's", async () => {
    if (cloud.emulator) cloud.emulator.latencyMs = 20
    // 郭婷 is a delegate; 张丽华 on the committee; 赵明 heads 教务处: each role's counts.
    for (const who of [DEMO.delegate, DEMO.committee, DEMO.deptHead]) {
      const todo = await cloud.ok(who, 'proposals.todo', {})
      expect(todo.currentSession).toMatchObject({ id: SEED.currentSession, open: true })
      expect(lastInvocation().sequential).toBeLessThanOrEqual(3)
    }
  })

  test('a board page of a large session is one call of few round trips', async () => {
    await addProposals(MANY)
    if (cloud.emulator) cloud.emulator.latencyMs = 20
    await cloud.ok(DEMO.teacher, 'proposals.board', { latest: true })
    expect(lastInvocation().sequential).toBeLessThanOrEqual(3)
  })
})
