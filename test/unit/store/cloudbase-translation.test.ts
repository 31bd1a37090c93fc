/**
 * The CloudBase adapter, offline: a fake `db` records what the adapter hands to collection()/where()/update()/
 * add(), while `db.command` is wx-server-sdk 4.0.2's real one. The SDK's own serializers then show the
 * MongoDB form CloudBase would receive.
 */
import { createRequire } from 'module'
import * as path from 'path'
import { DuplicateKeyError } from '@/core/shared/ports'
import type { Filter, Update } from '@/core/shared/ports'
import { createCloudbaseStore, describeIndexes } from '@/server/store/cloudbase-store'
import type { CloudCollection, CloudCommand, CloudDatabase } from '@/server/store/cloudbase-store'
import { INDEXES } from '@/server/indexes'

process.env.SILENCE = 'true'

interface Serializer {
  encode(value: unknown): unknown
}
interface Sdk {
  init(config: { env: string; secretId: string; secretKey: string }): void
  database(): { command: CloudCommand }
}

// Resolve the serializers from wx-server-sdk's own dependency tree so they are the instance its commands use.
// Loaded at run time (not imported) so SILENCE is set before the SDK starts.
const load = createRequire(__filename)
const sdkDir = path.dirname(load.resolve('wx-server-sdk/package.json'))
const sdk = load('wx-server-sdk') as Sdk
const serializer = (name: string): unknown =>
  load(load.resolve(`@cloudbase/database/dist/commonjs/serializer/${name}`, { paths: [sdkDir] }))
const { QuerySerializer } = serializer('query') as { QuerySerializer: Serializer }
const { UpdateSerializer } = serializer('update') as { UpdateSerializer: Serializer }
sdk.init({ env: 'test', secretId: 'x', secretKey: 'y' })
const command = sdk.database().command

interface Call {
  collection: string
  where?: Record<string, unknown>
  orderBy: Array<[string, string]>
  skip?: number
  limit?: number
  op?: 'get' | 'count' | 'update' | 'add'
  data?: Record<string, unknown>
}

class FakeDb implements CloudDatabase {
  calls: Call[] = []
  created: string[] = []
  /** Documents `get()` serves, already filtered; the fake applies skip/limit only. */
  rows: unknown[] = []
  updated = 1
  fail?: unknown
  createFail?: unknown
  command = command

  collection(name: string): CloudCollection {
    const call: Call = { collection: name, orderBy: [] }
    const query: CloudCollection = {
      where: (c) => {
        call.where = c
        return query
      },
      orderBy: (f, o) => {
        call.orderBy.push([f, o])
        return query
      },
      skip: (n) => {
        call.skip = n
        return query
      },
      limit: (n) => {
        call.limit = n
        return query
      },
      get: async () => {
        this.calls.push({ ...call, op: 'get' })
        const from = call.skip ?? 0
        return { data: this.rows.slice(from, from + (call.limit ?? 100)).map((r) => structuredClone(r)) }
      },
      count: async () => {
        this.calls.push({ ...call, op: 'count' })
        return { total: 7 }
      },
      update: async (o) => {
        this.calls.push({ ...call, op: 'update', data: o.data })
        if (this.fail) throw this.fail
        return { stats: { updated: this.updated } }
      },
      add: async (o) => {
        this.calls.push({ ...call, op: 'add', data: o.data })
        if (this.fail) throw this.fail
        return { _id: o.data._id }
      },
    }
    return query
  }

  async createCollection(name: string): Promise<unknown> {
    this.created.push(name)
    if (this.createFail) throw this.createFail
    return {}
  }
}

const q = (c: Call | undefined): unknown => JSON.parse(JSON.stringify(QuerySerializer.encode(c?.where)))
const u = (c: Call | undefined): unknown => JSON.parse(JSON.stringify(UpdateSerializer.encode(c?.data)))

let db: FakeDb
beforeEach(() => {
  db = new FakeDb()
})
const store = () => createCloudbaseStore(db)
const last = () => db.calls[db.calls.length - 1]

describe('filters → db.command', () => {
  const cases: Array<[Filter, unknown]> = [
    [
      { unionId: 'u1', age: 3 },
      { unionId: 'u1', age: 3 },
    ],
    [{ age: { $gt: 3 } }, { age: { $gt: 3 } }],
    [{ age: { $gte: 3 } }, { age: { $gte: 3 } }],
    [{ age: { $lt: 3 } }, { age: { $lt: 3 } }],
    [{ age: { $lte: 3 } }, { age: { $lte: 3 } }],
    [{ age: { $eq: 3 } }, { age: { $eq: 3 } }],
    [{ age: { $ne: null } }, { age: { $ne: null } }],
    [{ age: null }, { age: null }],
    [{ _id: { $in: ['a', 'b'] } }, { _id: { $in: ['a', 'b'] } }],
    [{ _id: { $nin: ['a'] } }, { _id: { $nin: ['a'] } }],
    [{ deletedAt: { $exists: false } }, { deletedAt: { $exists: false } }],
    [{ 'profile.city': '杭州' }, { 'profile.city': '杭州' }],
    [
      { at: { $gte: '2024-01-01', $lt: '2024-02-01' } },
      { $and: [{ at: { $gte: '2024-01-01' } }, { at: { $lt: '2024-02-01' } }] },
    ],
  ]
  it.each(cases)('%j → %j', async (filter, mongo) => {
    await store().count('people', filter)
    expect(q(last())).toEqual(mongo)
    expect(last()).toMatchObject({ collection: 'people', op: 'count' })
  })

  it('refuses an operator or object hidden in a value before any request is made', async () => {
    const s = store()
    await expect(s.find('people', { name: { $regex: 'x' } } as unknown as Filter)).rejects.toThrow()
    await expect(s.find('people', { name: { a: 1 } } as unknown as Filter)).rejects.toThrow()
    await expect(s.count('people', { $where: 'x' } as unknown as Filter)).rejects.toThrow()
    await expect(s.insert('people', { _id: 'a', x: { $inc: 1 } })).rejects.toThrow()
    expect(db.calls).toEqual([])
  })
})

describe('updates → db.command', () => {
  const cases: Array<[Update, unknown]> = [
    [{ $inc: { n: 1 } }, { $inc: { n: 1 } }],
    [
      { $set: { name: 'x', 'profile.city': '宁波', n: null } },
      { $set: { name: 'x', 'profile.city': '宁波', n: null } },
    ],
    // An object or array is replaced whole, not merged into dot paths.
    [{ $set: { profile: { city: 'x' }, tags: ['a'] } }, { $set: { profile: { city: 'x' }, tags: ['a'] } }],
    [{ $unset: { r: true } }, { $unset: { r: '' } }],
    [{ $push: { p: [3, 4] } }, { $push: { p: { $each: [3, 4] } } }],
    [{ $push: { p: [[1, 2]] } }, { $push: { p: { $each: [[1, 2]] } } }],
    [{ $pull: { tags: 'a' } }, { $pull: { tags: 'a' } }],
    [
      { $set: { s: 1 }, $inc: { n: -1 }, $push: { p: ['x'] }, $unset: { r: true } },
      { $set: { s: 1 }, $inc: { n: -1 }, $push: { p: { $each: ['x'] } }, $unset: { r: '' } },
    ],
  ]
  it.each(cases)('%j → %j', async (update, mongo) => {
    expect(await store().updateMany('people', { unionId: 'u1' }, update)).toBe(1)
    // Every update also bumps the revision, so CloudBase's "modified" count means "matched".
    const m = mongo as { $inc?: Record<string, number> }
    expect(u(last())).toEqual({ ...m, $inc: { ...m.$inc, _rev: 1 } })
    expect(q(last())).toEqual({ unionId: 'u1' })
  })

  it('does not merge a $set object the way a bare nested object in update() would be', async () => {
    await store().updateOne('people', { _id: 'p1' }, { $set: { profile: { city: 'x', level: 2 } } })
    expect(u(last())).not.toHaveProperty(['$set', 'profile.city'])
  })

  it('updateOne is a conditional where().update() on _id and reports stats.updated > 0', async () => {
    const s = store()
    expect(await s.updateOne('activities', { _id: 'a1', taken: { $lt: 50 } }, { $inc: { taken: 1 } })).toBe(true)
    expect(q(last())).toEqual({ _id: 'a1', taken: { $lt: 50 } })
    expect(u(last())).toEqual({ $inc: { taken: 1, _rev: 1 } })
    db.updated = 0
    expect(await s.updateOne('activities', { _id: 'a1', taken: { $lt: 50 } }, { $inc: { taken: 1 } })).toBe(false)
    await expect(s.updateOne('activities', { taken: { $lt: 50 } }, { $inc: { taken: 1 } })).rejects.toThrow(/_id/)
    await expect(s.updateOne('activities', { _id: 'a1' }, { $set: { _id: 'b' } })).rejects.toThrow()
  })
})

describe('insert', () => {
  it('adds the document as data', async () => {
    await store().insert('signups', { _id: 'a1_m1', unionId: 'u1' })
    expect(last()).toMatchObject({ collection: 'signups', op: 'add', data: { _id: 'a1_m1', unionId: 'u1' } })
  })

  it('maps CloudBase duplicate-key errors to DuplicateKeyError, and nothing else', async () => {
    db.fail = {
      errCode: -502001,
      errMsg: 'database request fail | errMsg: [FailedOperation] E11000 duplicate key error collection: x index: _id_',
    }
    await expect(store().insert('signups', { _id: 'a1_m1' })).rejects.toEqual(new DuplicateKeyError('signups', 'a1_m1'))
    await expect(store().updateOne('members', { _id: 'm1' }, { $set: { staffNo: 'T1' } })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    )
    const other = { errCode: -502001, errMsg: 'database request fail | errMsg: timeout' }
    db.fail = other
    await expect(store().insert('signups', { _id: 'a1_m1' })).rejects.toBe(other)
  })
})

describe('find', () => {
  it('orders by the sort keys then _id, and passes skip and limit', async () => {
    db.rows = [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }]
    const docs = await store().find('people', { unionId: 'u1' }, { sort: { joined: -1 }, skip: 1, limit: 2 })
    expect(docs).toEqual([{ _id: 'b' }, { _id: 'c' }])
    expect(last()).toMatchObject({
      orderBy: [
        ['joined', 'desc'],
        ['_id', 'asc'],
      ],
      skip: 1,
      limit: 2,
      op: 'get',
    })
    expect(q(last())).toEqual({ unionId: 'u1' })
  })

  it('pages internally by 100 when the limit is larger', async () => {
    db.rows = Array.from({ length: 250 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}` }))
    const docs = await store().find('many', {}, { limit: 1000 })
    expect(docs).toHaveLength(250)
    expect(docs[249]).toEqual({ _id: 'd249' })
    expect(db.calls.map((c) => [c.skip ?? 0, c.limit])).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ])
  })

  it('asks only for what is left of the limit, and refuses more than 1000 without a limit', async () => {
    db.rows = Array.from({ length: 1200 }, (_, i) => ({ _id: `d${i}` }))
    expect(await store().find('many', {}, { limit: 150, skip: 10 })).toHaveLength(150)
    expect(db.calls.map((c) => [c.skip, c.limit])).toEqual([
      [10, 100],
      [110, 50],
    ])
    await expect(store().find('many', {})).rejects.toThrow(/more than 1000/)
    await expect(store().find('many', {}, { limit: 1001 })).rejects.toThrow()
  })

  it('findOne asks for one document', async () => {
    db.rows = []
    expect(await store().findOne('people', { _id: 'x' })).toBeNull()
    expect(last()).toMatchObject({ limit: 1 })
  })
})

describe('ensureIndexes', () => {
  it('creates each collection once, tolerates existing ones, and lists the indexes for the console', async () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined)
    db.createFail = { errCode: -501001, errMsg: 'Table exist' }
    await store().ensureIndexes(INDEXES)
    expect(db.created).toEqual([...new Set(INDEXES.map((i) => i.collection))])
    expect(info.mock.calls[0][0]).toContain('members: unionId_1, staffNo_1 (unique)')
    expect(describeIndexes(INDEXES).split('\n')).toHaveLength(INDEXES.length)
    info.mockRestore()
  })

  it('does not swallow other errors', async () => {
    db.createFail = new Error('permission denied')
    await expect(store().ensureIndexes(INDEXES)).rejects.toThrow('permission denied')
  })
})
