// Sign-up burst: 1,000 concurrent `activities.signUp` calls from 600 members (double taps and retries) for
// a quota of 50, over HTTP against the local cloud. The seat counter must hand out exactly 50 seats and no
// member may hold two sign-ups. For contrast, a naive count-then-insert sign-up on the same store.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { AC } from '../../src/core/activities/collections'
import type { SignupDoc } from '../../src/core/activities/model'
import type { ActivityDetail } from '../../src/core/activities/views'
import { C } from '../../src/core/shared/collections'
import type { MemberDoc } from '../../src/core/members/model'
import type { Store } from '../../src/core/shared/ports'
import { SessionSigner } from '../../src/server/local/session'
import { startLocalCloud } from '../../src/server/local/server'
import type { BenchModule, BenchResult } from './types'

const MEMBERS = 600
const CALLS = 1_000
const QUOTA = 50
// All 1,000 arrive at once on one process, so p95 ≈ the whole burst; the budget guards against a slowdown.
const P95_BUDGET_MS = 8_000

async function addMembers(store: Store, at: string): Promise<string[]> {
  const openids: string[] = []
  for (let i = 0; i < MEMBERS; i++) {
    const id = `b${String(i).padStart(4, '0')}`
    const member: MemberDoc = {
      _id: id,
      unionId: 'u-syxx',
      name: `压测${i}`,
      staffNo: `B${i}`,
      gender: i % 2 ? 'F' : 'M',
      phone: `136${String(i).padStart(8, '0')}`,
      birthday: '01-01',
      groupId: 'g1',
      roles: ['member'],
      status: 'active',
      inviteCode: `BENCH${i}`,
      openid: `bench-${id}`,
      privacy: { hideBirthday: false, noGreetings: false },
      createdAt: at,
      updatedAt: at,
    }
    await store.insert(C.members, member)
    await store.insert(C.bindings, { _id: `bench-${id}`, unionId: 'u-syxx', memberId: id, createdAt: at })
    openids.push(`bench-${id}`)
  }
  return openids
}

/** Every member once, then 400 more calls from members who tap twice or retry, all in one shuffled burst. */
function burstOrder(openids: string[]): string[] {
  const calls = [...openids]
  for (let i = 0; calls.length < CALLS; i++) calls.push(openids[(i * 7919) % openids.length])
  let seed = 42
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let i = calls.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[calls[i], calls[j]] = [calls[j], calls[i]]
  }
  return calls
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** The way not to do it: read the count, then insert — two requests that both see 49 both get a seat. */
async function naiveSignUp(store: Store, activityId: string, memberId: string, n: number): Promise<void> {
  const confirmed = await store.count('naiveSignups', { activityId, status: 'confirmed' })
  await store.insert('naiveSignups', {
    _id: `${activityId}-${memberId}-${n}`,
    unionId: 'u-syxx',
    activityId,
    memberId,
    status: confirmed < QUOTA ? 'confirmed' : 'waitlisted',
  })
}

export const signupBurstBench: BenchModule = {
  name: 'signup-burst',
  async run(): Promise<BenchResult[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-bench-signup-'))
    const cloud = await startLocalCloud({ dataDir: dir, port: 0, h5Dir: dir, seed: true, log: () => {} })
    try {
      const store = cloud.ports.store
      const now = cloud.ports.clock.now()
      const openids = await addMembers(store, now.toISOString())
      const signer = SessionSigner.forDataDir(dir)
      const cookie = (openid: string) => signer.cookieFor(openid).split(';')[0]
      const post = async (openid: string, action: string, data: unknown) => {
        const res = await fetch(`${cloud.url}/api/api`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookie(openid) },
          body: JSON.stringify({ action, data }),
        })
        return (await res.json()) as { ok: boolean; data?: unknown; message?: string }
      }
      const hour = (h: number) => new Date(now.getTime() + h * 3600_000).toISOString()
      const created = await post('demo-m01', 'activities.create', {
        title: '压测活动',
        startAt: hour(3),
        endAt: hour(5),
        place: '操场',
        signupOpenAt: hour(-1),
        signupCloseAt: hour(2),
        audience: 'all',
        quota: QUOTA,
        cancelPolicy: 'anytime',
        needsApproval: false,
        rosterPublic: true,
      })
      if (!created.ok) throw new Error(`create failed: ${created.message}`)
      const activityId = (created.data as ActivityDetail).id

      const calls = burstOrder(openids)
      const latencies: number[] = []
      let refusals = 0
      const t0 = performance.now()
      await Promise.all(
        calls.map(async (openid) => {
          const start = performance.now()
          const reply = await post(openid, 'activities.signUp', { activityId })
          latencies.push(performance.now() - start)
          if (!reply.ok) refusals++
        }),
      )
      const seconds = (performance.now() - t0) / 1000
      latencies.sort((a, b) => a - b)

      const signups = await store.find<SignupDoc>(AC.signups, { activityId }, { limit: 1000 })
      const confirmed = signups.filter((s) => s.status === 'confirmed').length
      const waitlisted = signups.filter((s) => s.status === 'waitlisted').length
      const duplicates = signups.length - new Set(signups.map((s) => s.memberId)).size

      // The naive version, same store, same burst (direct store calls: it only gets faster without HTTP).
      await Promise.all(calls.map((openid, n) => naiveSignUp(store, 'naive', openid, n)))
      const naive = await store.find<{ _id: string; memberId: string; status: string }>(
        'naiveSignups',
        { activityId: 'naive' },
        { limit: 1000 },
      )
      const naiveConfirmed = naive.filter((s) => s.status === 'confirmed').length
      const naiveDuplicates = naive.length - new Set(naive.map((s) => s.memberId)).size

      const p95 = Math.round(percentile(latencies, 95))
      return [
        {
          label: `confirmed (quota ${QUOTA})`,
          value: confirmed,
          unit: 'seats',
          budget: `= ${QUOTA}`,
          pass: confirmed === QUOTA,
        },
        {
          label: 'waitlisted',
          value: waitlisted,
          unit: 'people',
          budget: `= ${MEMBERS - QUOTA}`,
          pass: waitlisted === MEMBERS - QUOTA,
        },
        { label: 'duplicate sign-ups', value: duplicates, unit: 'docs', budget: '= 0', pass: duplicates === 0 },
        { label: 'refused repeat taps', value: refusals, unit: 'calls' },
        { label: 'latency p50', value: Math.round(percentile(latencies, 50)), unit: 'ms' },
        { label: 'latency p95', value: p95, unit: 'ms', budget: `≤ ${P95_BUDGET_MS} ms`, pass: p95 <= P95_BUDGET_MS },
        { label: 'throughput', value: Math.round(CALLS / seconds), unit: 'calls/s' },
        { label: 'naive count-then-insert: confirmed', value: naiveConfirmed, unit: 'seats' },
        { label: 'naive: oversold', value: Math.max(0, naiveConfirmed - QUOTA), unit: 'seats' },
        { label: 'naive: duplicate sign-ups', value: naiveDuplicates, unit: 'docs' },
      ]
    } finally {
      await cloud.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
