// The 08:00 birthday job against a large roster: 2,000 and 20,000 members over 20 unions in a temp nedb
// store. Reads must grow with today's birthdays and the number of unions, never with the roster.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { sendDailyGreetings } from '../../src/core/greetings/daily'
import type { UnionDoc } from '../../src/core/members/model'
import type { Store } from '../../src/core/shared/ports'
import { createIds } from '../../src/server/ids'
import { ensureSchema } from '../../src/server/schema'
import { recordMessage } from '../../src/server/notifier-store'
import { SettableClock } from '../../src/server/clock'
import { createNedbStore } from '../../src/server/store/nedb-store'
import { localContentCheck } from '../../src/server/local/content-check'
import { districtMember } from './district-roster'
import type { BenchModule, BenchResult } from './types'

const UNIONS = 20
const SIZES = [2_000, 20_000]
/** 08:00 Shanghai on 3 December. */
const RUN_AT = new Date('2026-12-03T00:00:00Z')
const TIME_BUDGET_MS = 1_000

function countingReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0
  const counted: Store = {
    insert: (c, d) => store.insert(c, d),
    updateOne: (c, f, u) => store.updateOne(c, f, u),
    updateMany: (c, f, u) => store.updateMany(c, f, u),
    ensureCollections: (names) => store.ensureCollections(names),
    ensureIndexes: (i) => store.ensureIndexes(i),
    findOne: (c, f) => (reads++, store.findOne(c, f)),
    find: (c, f, o) => (reads++, store.find(c, f, o)),
    count: (c, f) => (reads++, store.count(c, f)),
  }
  return { store: counted, reads: () => reads }
}

async function seed(store: Store, members: number): Promise<void> {
  const at = RUN_AT.toISOString()
  for (let u = 0; u < UNIONS; u++) {
    const union: UnionDoc = {
      _id: `u${String(u).padStart(3, '0')}`,
      code: `B${u}`,
      name: `第${u + 1}小学工会`,
      createdAt: at,
    }
    await store.insert('unions', union)
  }
  for (let i = 0; i < members; i++) {
    const ids = { memberId: `m${String(i).padStart(6, '0')}`, unionId: `u${String(i % UNIONS).padStart(3, '0')}` }
    const m = districtMember(i, ids, at)
    await store.insert('members', m)
  }
}

async function runAt(members: number): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-bench-daily-'))
  try {
    const base = createNedbStore(dir)
    await ensureSchema(base)
    await seed(base, members)
    const clock = new SettableClock()
    clock.set(RUN_AT)
    const { store, reads } = countingReads(base)
    const ports = {
      store,
      clock,
      ids: createIds(),
      notifier: { send: (m: Parameters<typeof recordMessage>[2]) => recordMessage(base, clock, m) },
      contentCheck: localContentCheck,
    }
    const t0 = performance.now()
    const report = await sendDailyGreetings(ports)
    const ms = Math.round(performance.now() - t0)
    const budget = 2 * (report.birthdays + report.unions)
    const size = members.toLocaleString('en-US')
    return [
      {
        label: `daily job time, ${size} members (${report.birthdays} birthdays, ${report.sent} sent)`,
        value: ms,
        unit: 'ms',
        budget: `≤ ${TIME_BUDGET_MS} ms`,
        pass: ms <= TIME_BUDGET_MS,
      },
      {
        label: `daily job store reads, ${size} members`,
        value: reads(),
        unit: 'reads',
        budget: `≤ 2×(birthdays+unions) = ${budget}`,
        pass: reads() <= budget,
      },
    ]
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export const dailyJobBench: BenchModule = {
  name: 'daily-job',
  async run() {
    const out: BenchResult[] = []
    for (const size of SIZES) out.push(...(await runAt(size)))
    return out
  },
}
