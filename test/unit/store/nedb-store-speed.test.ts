// The nedb store's speed-ups (src/server/store/nedb-store.ts) must not change a single answer: sparse
// single-field indexes, the narrowest index chosen, documents swapped in place in their index, appends
// through a file kept open. scripts/bench/burst.ts measures what they buy.
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import Datastore from '@seald-io/nedb'
import { DuplicateKeyError } from '@/core/shared/ports'
import { createNedbStore, type NedbStore } from '@/server/store/nedb-store'

let dir: string
const open: NedbStore[] = []

function store(): NedbStore {
  const s = createNedbStore(dir)
  open.push(s)
  return s
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nedb-speed-'))
})
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined)
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Documents nedb's planner hands to its matcher while `run` runs. */
async function looked<T>(run: () => Promise<T>): Promise<{ result: T; looked: number }> {
  const proto = Datastore.prototype as unknown as { _getRawCandidates(q: unknown): unknown[] }
  const plan = proto._getRawCandidates
  let count = 0
  proto._getRawCandidates = function (this: unknown, q: unknown) {
    const docs = plan.call(this, q)
    count += docs.length
    return docs
  }
  try {
    return { result: await run(), looked: count }
  } finally {
    proto._getRawCandidates = plan
  }
}

const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort()

test('a sign-up without a follow-up mark is still found by every null and missing condition on an indexed field', async () => {
  const s = store()
  await s.ensureIndexes([{ collection: 'signups', fields: ['followUpAt'] }])
  await s.insert('signups', { _id: 'a', followUpAt: '2026-12-01T02:00:00.000Z' })
  await s.insert('signups', { _id: 'b' })
  await s.insert('signups', { _id: 'c', followUpAt: null })
  expect(ids(await s.find('signups', { followUpAt: null }))).toEqual(['b', 'c'])
  expect(ids(await s.find('signups', { followUpAt: { $eq: null } }))).toEqual(['b', 'c'])
  expect(ids(await s.find('signups', { followUpAt: { $exists: false } }))).toEqual(['b'])
  expect(ids(await s.find('signups', { followUpAt: { $in: [null, 'x'] } }))).toEqual(['b', 'c'])
  expect(ids(await s.find('signups', { followUpAt: { $ne: null } }))).toEqual(['a'])
  expect(ids(await s.find('signups', { followUpAt: { $lt: '2027' } }))).toEqual(['a'])
  expect(await s.count('signups', { followUpAt: '2026-12-01T02:00:00.000Z' })).toBe(1)
  // Marked and unmarked again: the index follows.
  await s.updateOne('signups', { _id: 'b' }, { $set: { followUpAt: '2026-12-02T00:00:00.000Z' } })
  await s.updateOne('signups', { _id: 'a' }, { $unset: { followUpAt: true } })
  expect(ids(await s.find('signups', { followUpAt: { $lt: '2027' } }))).toEqual(['b'])
  expect(ids(await s.find('signups', { followUpAt: { $exists: false } }))).toEqual(['a'])
})

test('a waitlist query looks at its own activity’s sign-ups, not every waitlisted one of the deployment', async () => {
  const s = store()
  await s.ensureIndexes([{ collection: 'signups', fields: ['unionId', 'activityId', 'status', 'queueKey'] }])
  for (let a = 0; a < 20; a++)
    for (let i = 0; i < 50; i++)
      await s.insert('signups', {
        _id: `a${a}_m${i}`,
        unionId: 'u1',
        activityId: `a${a}`,
        status: 'waitlisted',
        queueKey: String(i).padStart(3, '0'),
      })
  const { result, looked: docs } = await looked(() =>
    s.count('signups', { unionId: 'u1', activityId: 'a7', status: 'waitlisted', queueKey: { $lt: '010' } }),
  )
  expect(result).toBe(10)
  expect(docs).toBe(50)
})

test('an update that keeps a document’s indexed values is what queries through those indexes return', async () => {
  const s = store()
  await s.ensureIndexes([
    { collection: 'signups', fields: ['unionId', 'activityId', 'status'] },
    { collection: 'signups', fields: ['unionId', 'memberId'], unique: true },
  ])
  for (let i = 0; i < 30; i++)
    await s.insert('signups', {
      _id: `s${i}`,
      unionId: 'u1',
      activityId: 'a1',
      memberId: `m${i}`,
      status: 'waitlisted',
    })
  expect(await s.updateOne('signups', { _id: 's7' }, { $set: { note: '第二次' } })).toBe(true)
  const byStatus = await s.find<{ _id: string; note?: string }>('signups', { activityId: 'a1', status: 'waitlisted' })
  expect(byStatus.find((d) => d._id === 's7')?.note).toBe('第二次')
  expect(await s.findOne('signups', { unionId: 'u1', memberId: 'm7' })).toMatchObject({ note: '第二次' })
  // A changed key still moves, and a taken unique key is refused with nothing changed.
  await s.updateOne('signups', { _id: 's7' }, { $set: { status: 'confirmed' } })
  expect(await s.count('signups', { activityId: 'a1', status: 'waitlisted' })).toBe(29)
  await expect(s.updateOne('signups', { _id: 's8' }, { $set: { memberId: 'm9', note: 'x' } })).rejects.toThrow(
    DuplicateKeyError,
  )
  expect(await s.findOne('signups', { unionId: 'u1', memberId: 'm8' })).toMatchObject({ _id: 's8' })
  expect(await s.findOne('signups', { _id: 's8' })).not.toHaveProperty('note')
})

test('every write is in the file when it resolves, also after the file was rewritten by a reload', async () => {
  const first = store()
  await first.insert('members', { _id: 'm1', name: '张老师' })
  expect(fs.readFileSync(path.join(dir, 'members.db'), 'utf8')).toContain('张老师')
  await first.close()
  // Loading rewrites the file (nedb compacts on load): later appends must land in the new one.
  const second = store()
  await second.insert('members', { _id: 'm2', name: '李老师' })
  await second.updateOne('members', { _id: 'm1' }, { $set: { name: '张老师（退休）' } })
  const third = store()
  expect(ids(await third.find('members', {}))).toEqual(['m1', 'm2'])
  expect(await third.findOne('members', { _id: 'm1' })).toMatchObject({ name: '张老师（退休）' })
})

const procFds = '/proc/self/fd'
const onLinux = fs.existsSync(procFds) ? test : test.skip

onLinux('a store nobody writes to lets go of its files', async () => {
  const filesOpenIn = (folder: string) =>
    fs.readdirSync(procFds).filter((fd) => {
      try {
        return fs.readlinkSync(path.join(procFds, fd)).startsWith(folder)
      } catch {
        return false
      }
    }).length
  const s = store()
  for (const c of ['members', 'bindings', 'signups']) await s.insert(c, { _id: 'x' })
  expect(filesOpenIn(dir)).toBe(3)
  await new Promise((resolve) => setTimeout(resolve, 2_500))
  expect(filesOpenIn(dir)).toBe(0)
  // And writes again afterwards.
  await s.insert('members', { _id: 'y' })
  expect(await store().count('members', {})).toBe(2)
})
