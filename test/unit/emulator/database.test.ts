/**
 * The emulator's database and invocation rules, through the stand-in wx-server-sdk as function code sees it.
 * Each test names the CloudBase rule it holds; breaking the rule in emulator/cloudbase makes it fail.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import { CloudbaseEmulator } from '../../../emulator/cloudbase/environment'
import { Invocation, runInInvocation } from '../../../emulator/cloudbase/invocation'

interface Query {
  where(q: Record<string, unknown>): Query
  limit(n: number): Query
  get(): Promise<{ data: Array<Record<string, unknown>>; errMsg: string }>
  count(): Promise<{ total: number }>
  update(o: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
}
interface Collection extends Query {
  add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>
}
interface Database {
  command: { inc(n: number): unknown; lt(n: number): unknown }
  collection(name: string): Collection
  createCollection(name: string): Promise<unknown>
}

let dir: string
let emulator: CloudbaseEmulator
let db: Database
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-emu-db-'))
  emulator = new CloudbaseEmulator({ dir, latencyMs: 0, openapi: { templates: [], pages: ['pages/index/index'] } })
  db = (emulator.sdkModule(null) as { database(): Database }).database()
})
afterEach(() => {
  emulator.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a collection must be created before any read or write (-502005)', async () => {
  await expect(db.collection('members').where({ a: 1 }).get()).rejects.toMatchObject({ errCode: -502005 })
  await expect(db.collection('members').add({ data: { _id: 'm1' } })).rejects.toMatchObject({ errCode: -502005 })
  await db.createCollection('members')
  await db.collection('members').add({ data: { _id: 'm1' } })
  expect((await db.collection('members').where({}).get()).data).toEqual([{ _id: 'm1' }])
})

test('a duplicate _id fails with -502001 and MongoDB E11000 text; a unique index only once deploy made it', async () => {
  await db.createCollection('members')
  await db.collection('members').add({ data: { _id: 'm1', code: 'A' } })
  await expect(db.collection('members').add({ data: { _id: 'm1' } })).rejects.toMatchObject({
    errCode: -502001,
    message: expect.stringContaining('E11000 duplicate key'),
  })
  await db.collection('members').add({ data: { _id: 'm2', code: 'A' } })
  await db
    .collection('members')
    .where({ _id: 'm2' })
    .update({ data: { code: 'B' } })
  await emulator.createIndexes([{ collection: 'members', fields: ['code'], unique: true }])
  await expect(db.collection('members').add({ data: { _id: 'm3', code: 'A' } })).rejects.toMatchObject({
    errCode: -502001,
  })
})

test('get() returns 100 documents by default and never more than 1,000', async () => {
  await db.createCollection('rows')
  for (let i = 0; i < 1100; i++) await db.collection('rows').add({ data: { _id: `r${String(i).padStart(4, '0')}` } })
  expect((await db.collection('rows').where({}).get()).data).toHaveLength(100)
  expect((await db.collection('rows').where({}).limit(5000).get()).data).toHaveLength(1000)
  expect((await db.collection('rows').where({}).count()).total).toBe(1100)
})

test('an update reports documents modified, not matched: writing the same value counts 0', async () => {
  await db.createCollection('a')
  await db.collection('a').add({ data: { _id: 'x', n: 1, s: 'same' } })
  expect(
    (
      await db
        .collection('a')
        .where({ _id: 'x' })
        .update({ data: { s: 'same' } })
    ).stats.updated,
  ).toBe(0)
  const _ = db.command
  const res = await db
    .collection('a')
    .where({ _id: 'x', n: _.lt(2) })
    .update({ data: { n: _.inc(1) } })
  expect(res.stats.updated).toBe(1)
  expect(
    (
      await db
        .collection('a')
        .where({ _id: 'x', n: _.lt(2) })
        .update({ data: { n: _.inc(1) } })
    ).stats.updated,
  ).toBe(0)
})

test('every request of an invocation costs the latency and counts; a killed invocation never continues', async () => {
  await db.createCollection('a')
  emulator.latencyMs = 20
  const invocation = new Invocation('api', {}, { atRequest: 2, when: 'after' })
  let finished = false
  const started = Date.now()
  const run = runInInvocation(invocation, async () => {
    await db.collection('a').add({ data: { _id: 'one' } })
    await db.collection('a').add({ data: { _id: 'two' } }) // applied, then the invocation dies
    await db.collection('a').add({ data: { _id: 'three' } })
    finished = true
  })
  const killed = await invocation.whenKilled()
  expect(killed.reason).toBe('fault')
  expect(Date.now() - started).toBeGreaterThanOrEqual(38)
  await new Promise((r) => setTimeout(r, 60))
  expect(finished).toBe(false)
  void run
  emulator.latencyMs = 0
  const ids = (await db.collection('a').where({}).get()).data.map((d) => d._id)
  expect(ids.sort()).toEqual(['one', 'two'])
  expect(invocation.requests).toBe(2)
  expect(invocation.sequential).toBe(2)
})
