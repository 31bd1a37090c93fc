/**
 * 答复审核's release and 逾期视为满意's close, cut short at every request: after a retry (or the job's next
 * run) and the follow-ups job the proposal ends released (or closed) once, and nobody is told twice.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { autoCloseUnrated } from '@/core/proposals/auto-close'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import type { JobCtx } from '@/core/shared/context'
import type { Store } from '@/core/shared/ports'
import { SEED } from '@/server/seed/proposals'
import { afterGrace, atEveryKillPoint, atPoint, type KilledOutcome, type KillPoint } from '../support/fault-injection'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const DAY = 86_400_000

const stored = async (id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })) as ProposalDoc

const titles = async (memberId: string, proposalId: string) =>
  (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 }))
    .filter((m) => m.link?.endsWith(`?id=${proposalId}`))
    .map((m) => m.title)
    .sort()

async function updateSession(change: { replySignOff?: 'committee'; autoCloseDays?: number }) {
  const s = (await cloud.ok(DEMO.chair, 'proposals.sessions', {})).find((x) => x.id === SEED.currentSession)
  if (!s) throw new Error('no current session')
  await cloud.ok(DEMO.chair, 'proposals.updateSession', {
    sessionId: s.id,
    name: s.name,
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    secondsRequired: s.secondsRequired,
    categories: s.categories.join('、'),
    departments: s.departments.join('、'),
    ...change,
  })
}

onEmulator('the release of a reply cut short at any request', () => {
  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? "the committee member's retry" : 'the follow-ups job'}: released once, each person told once`, async () => {
      await updateSession({ replySignOff: 'committee' })
      await cloud.ok(DEMO.deptHead, 'proposals.reply', {
        proposalId: SEED.assigned,
        method: '书面答复',
        resolution: '列入计划',
        text: '教务处已研究，将于下学期起统一规范各年级作业量并定期检查。',
      })
      const release = { proposalId: SEED.assigned, approve: true }
      let sentAt = 0
      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        sentAt = cloud.emulator!.openapi.sent.length
        const body = { action: 'proposals.signOffReply', data: release }
        return kill ? cloud.callKilledAt(DEMO.committee, body, kill) : cloud.raw(DEMO.committee, body)
      }
      const check = async (point: KillPoint) => {
        if (recovery === 'retry' || (await stored(SEED.assigned)).pendingSignOff) {
          // The retry finishes what was cut short, then is told it is released (or, if nothing took, releases).
          await cloud.call(DEMO.committee, 'proposals.signOffReply', release)
        } else {
          await afterGrace(cloud)
        }
        const p = await stored(SEED.assigned)
        const pushes = new Map<string, number>()
        for (const m of cloud.emulator!.openapi.sent.slice(sentAt)) {
          const key = `${m.touser} ${m.page ?? ''} ${JSON.stringify(m.data)}`
          pushes.set(key, (pushes.get(key) ?? 0) + 1)
        }
        const released = (id: string) => titles(id, SEED.assigned).then((t) => t.filter((x) => x === '您的提案已答复'))
        expect({
          point: point.label,
          status: p.status,
          waiting: p.pendingSignOff !== undefined,
          marked: p.followUpAt !== undefined,
          lines: p.history.filter((h) => h.action === '审核答复，同意发给提案人').length,
          told: await Promise.all(['m13', 'm10', 'm15'].map(released)),
          pushedTwice: [...pushes.values()].filter((n) => n > 1).length,
        }).toEqual({
          point: point.label,
          status: 'replied',
          waiting: false,
          marked: false,
          lines: 1,
          told: [['您的提案已答复'], ['您的提案已答复'], ['您的提案已答复']],
          pushedTwice: 0,
        })
      }
      expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(6)
    }, 600_000)
  }
})

class Killed extends Error {}

/**
 * The job's context, killed at its `at`-th request (a store call or a message send), before or after it
 * took effect: from then on every request fails, as a killed invocation's never return. Works in both
 * runtimes, since the job runs here rather than in a function (its registration is the lead's).
 */
function killable(cloudCtx: JobCtx, plan?: { at: number; when: 'before' | 'after' }) {
  let n = 0
  let dead = false
  const step = async <T>(op: () => Promise<T>): Promise<T> => {
    if (dead) throw new Killed()
    n += 1
    if (plan && n === plan.at) {
      dead = true
      if (plan.when === 'after') await op()
      throw new Killed()
    }
    return op()
  }
  const s = cloudCtx.store
  const store: Store = {
    insert: (c, d) => step(() => s.insert(c, d)),
    findOne: (c, f) => step(() => s.findOne(c, f)),
    find: (c, f, o) => step(() => s.find(c, f, o)),
    count: (c, f) => step(() => s.count(c, f)),
    updateOne: (c, f, u) => step(() => s.updateOne(c, f, u)),
    updateMany: (c, f, u) => step(() => s.updateMany(c, f, u)),
    ensureCollections: (names) => s.ensureCollections(names),
    ensureIndexes: (i) => s.ensureIndexes(i),
  }
  const ctx: JobCtx = {
    ...cloudCtx,
    store,
    notifier: { send: (m) => step(() => cloudCtx.notifier.send(m)) },
  }
  return { ctx, requests: () => n }
}

onEmulator('逾期视为满意 cut short at any request', () => {
  test('the next run and the follow-ups job close it once, its people told once', async () => {
    await updateSession({ autoCloseDays: 10 })
    await cloud.ok(DEMO.committee, 'proposals.review', {
      proposalId: SEED.submitted,
      decision: 'merge',
      reason: '',
      mergeIntoId: SEED.replied,
    })
    const main = await stored(SEED.replied)
    const day = main.replies[main.replies.length - 1].at.slice(0, 10)
    const at = new Date(Date.parse(`${day}T01:00:00Z`) + 10 * DAY)
    const database = cloud.emulator!.database
    const start = await database.snapshot()
    cloud.ports.clock.set(at)
    const clean = killable(cloud.ports)
    expect((await autoCloseUnrated(clean.ctx)).closed).toBe(1)
    const requests = clean.requests()
    expect(requests).toBeGreaterThan(4)
    for (let n = 1; n <= requests; n++)
      for (const when of ['before', 'after'] as const) {
        const point: KillPoint = { atRequest: n, when, label: `request ${n} of ${requests}, ${when} it took effect` }
        await database.restore(start)
        cloud.ports.clock.set(at)
        const sentAt = cloud.emulator!.openapi.sent.length
        await expect(autoCloseUnrated(killable(cloud.ports, { at: n, when }).ctx)).rejects.toBeInstanceOf(Killed)
        // The job's next run, then the follow-ups job once the mark is old enough.
        await autoCloseUnrated(cloud.ports)
        await afterGrace(cloud)
        await atPoint(point, async () => {
          const [p, merged] = await Promise.all([stored(SEED.replied), stored(SEED.submitted)])
          const pushes = new Map<string, number>()
          for (const m of cloud.emulator!.openapi.sent.slice(sentAt)) {
            const key = `${m.touser} ${m.page ?? ''} ${JSON.stringify(m.data)}`
            pushes.set(key, (pushes.get(key) ?? 0) + 1)
          }
          expect({
            status: p.status,
            marked: p.followUpAt !== undefined,
            autoRatings: p.ratings.filter((r) => r.auto).length,
            lines: p.history.filter((h) => h.action === '10天未评价，视为满意，办结').length,
            merged: merged.status,
            told: await Promise.all(
              ['m09', 'm11', 'm12'].map((id) =>
                titles(id, SEED.replied).then((t) => t.filter((x) => x === '提案已办结')),
              ),
            ),
            pushedTwice: [...pushes.values()].filter((x) => x > 1).length,
          }).toEqual({
            status: 'closed',
            marked: false,
            autoRatings: 1,
            lines: 1,
            merged: 'closed',
            told: [['提案已办结'], ['提案已办结'], ['提案已办结']],
            pushedTwice: 0,
          })
        })
      }
  }, 600_000)
})
