import { DuplicateKeyError } from '@/core/shared/ports'
import type { Doc, Filter, Store } from '@/core/shared/ports'

export interface StoreContractOptions {
  /**
   * For persistent adapters: closes `store` and opens a new one on the same data. When given, the suite
   * checks that documents and unique indexes survive.
   */
  reopen?: (store: Store) => Promise<Store>
  /** Called after each test with that test's store (close files, remove temp dirs). */
  dispose?: (store: Store) => Promise<void>
}

interface Person extends Doc {
  unionId: string
  name: string
  age?: number | null
  joined?: string
  profile?: { city?: string; level?: number }
  tags?: string[]
}

const people: Person[] = [
  {
    _id: 'p1',
    unionId: 'u1',
    name: '张老师',
    age: 30,
    joined: '2020-09-01T00:00:00.000Z',
    profile: { city: '杭州', level: 2 },
    tags: ['语文'],
  },
  {
    _id: 'p2',
    unionId: 'u1',
    name: '李老师',
    age: 41,
    joined: '2018-09-01T00:00:00.000Z',
    profile: { city: '宁波', level: 3 },
    tags: ['数学', '体育'],
  },
  {
    _id: 'p3',
    unionId: 'u1',
    name: '王老师',
    age: null,
    joined: '2022-09-01T00:00:00.000Z',
    profile: { city: '杭州' },
  },
  { _id: 'p4', unionId: 'u2', name: '赵老师', joined: '2019-09-01T00:00:00.000Z' },
  { _id: 'p5', unionId: 'u2', name: '钱老师', age: 25, joined: '2024-09-01T00:00:00.000Z', tags: [] },
]

const ids = (docs: Doc[]): string[] => docs.map((d) => d._id)
const sorted = (docs: Doc[]): string[] => ids(docs).sort()

/** The one behaviour every Store adapter must have; run it against each adapter. */
export function describeStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
  options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store

    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await options.dispose?.(store)
    })

    async function seed(collection = 'people'): Promise<void> {
      for (const p of people) await store.insert(collection, structuredClone(p))
    }
    const find = async (filter: Filter): Promise<string[]> => sorted(await store.find('people', filter))

    describe('insert and read', () => {
      it('stores a document and reads it back whole', async () => {
        await seed()
        expect(await store.findOne('people', { _id: 'p2' })).toEqual(people[1])
        expect(await store.findOne('people', { _id: 'nobody' })).toBeNull()
        expect(await store.findOne('empty', { _id: 'p1' })).toBeNull()
      })

      it('returns plain copies: mutating a result or the inserted object never changes the database', async () => {
        const doc: Person = structuredClone(people[0])
        await store.insert('people', doc)
        doc.name = 'changed after insert'
        doc.tags?.push('changed')
        const read = await store.findOne<Person>('people', { _id: 'p1' })
        expect(read).toEqual(people[0])
        if (!read) throw new Error('missing')
        read.name = 'mutated'
        read.tags?.push('mutated')
        if (read.profile) read.profile.city = 'mutated'
        const [listed] = await store.find<Person>('people', { _id: 'p1' })
        listed.tags?.push('mutated again')
        expect(await store.findOne('people', { _id: 'p1' })).toEqual(people[0])
        expect(Object.getPrototypeOf(read)).toBe(Object.prototype)
      })

      it('rejects a duplicate _id with DuplicateKeyError and keeps the first document', async () => {
        await store.insert('people', { _id: 'x', n: 1 })
        const err = await store.insert('people', { _id: 'x', n: 2 }).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(DuplicateKeyError)
        expect((err as DuplicateKeyError).collection).toBe('people')
        expect(await store.findOne('people', { _id: 'x' })).toEqual({ _id: 'x', n: 1 })
      })

      it('refuses documents that could smuggle operators or bad ids', async () => {
        await expect(store.insert('people', { _id: '', a: 1 })).rejects.toThrow()
        await expect(store.insert('people', { _id: 'a', $where: 1 })).rejects.toThrow()
        await expect(store.insert('people', { _id: 'b', nested: { $gt: 1 } })).rejects.toThrow()
        await expect(store.insert('people', { _id: 'c', 'a.b': 1 })).rejects.toThrow()
        await expect(store.insert('../escape', { _id: 'd' })).rejects.toThrow()
        expect(await store.count('people', {})).toBe(0)
      })
    })

    describe('filters', () => {
      beforeEach(() => seed())

      it('matches scalars, $eq and $ne', async () => {
        expect(await find({ unionId: 'u2' })).toEqual(['p4', 'p5'])
        expect(await find({ age: { $eq: 41 } })).toEqual(['p2'])
        expect(await find({ unionId: 'u1', age: 30 })).toEqual(['p1'])
        expect(await find({ unionId: { $ne: 'u1' } })).toEqual(['p4', 'p5'])
        // $ne matches documents without the field, as in MongoDB.
        expect(await find({ age: { $ne: 30 } })).toEqual(['p2', 'p3', 'p4', 'p5'])
      })

      it('treats null like MongoDB: equal to null or missing', async () => {
        expect(await find({ age: null })).toEqual(['p3', 'p4'])
        expect(await find({ age: { $eq: null } })).toEqual(['p3', 'p4'])
        expect(await find({ age: { $ne: null } })).toEqual(['p1', 'p2', 'p5'])
        expect(await find({ age: { $in: [null, 25] } })).toEqual(['p3', 'p4', 'p5'])
        expect(await find({ age: { $nin: [null, 25] } })).toEqual(['p1', 'p2'])
      })

      it('compares with $gt $gte $lt $lte, also combined on one field and on ISO strings', async () => {
        expect(await find({ age: { $gt: 30 } })).toEqual(['p2'])
        expect(await find({ age: { $gte: 30 } })).toEqual(['p1', 'p2'])
        expect(await find({ age: { $lt: 30 } })).toEqual(['p5'])
        expect(await find({ age: { $lte: 30 } })).toEqual(['p1', 'p5'])
        expect(await find({ age: { $gt: 25, $lt: 41 } })).toEqual(['p1'])
        expect(await find({ joined: { $gte: '2020-01-01', $lt: '2023-01-01' } })).toEqual(['p1', 'p3'])
      })

      it('matches $in and $nin', async () => {
        expect(await find({ _id: { $in: ['p1', 'p4', 'nobody'] } })).toEqual(['p1', 'p4'])
        expect(await find({ _id: { $in: [] } })).toEqual([])
        expect(await find({ _id: { $nin: ['p1', 'p4'] } })).toEqual(['p2', 'p3', 'p5'])
        // On an array field, equality and $in match any element.
        expect(await find({ tags: '体育' })).toEqual(['p2'])
        expect(await find({ tags: { $in: ['语文', '体育'] } })).toEqual(['p1', 'p2'])
      })

      it('matches $exists', async () => {
        expect(await find({ age: { $exists: true } })).toEqual(['p1', 'p2', 'p3', 'p5'])
        expect(await find({ age: { $exists: false } })).toEqual(['p4'])
        expect(await find({ 'profile.level': { $exists: false } })).toEqual(['p3', 'p4', 'p5'])
      })

      it('follows dot paths into sub-objects', async () => {
        expect(await find({ 'profile.city': '杭州' })).toEqual(['p1', 'p3'])
        expect(await find({ 'profile.level': { $gte: 3 } })).toEqual(['p2'])
        expect(await find({ 'profile.city': '杭州', 'profile.level': 2 })).toEqual(['p1'])
      })

      it('counts with the same filters', async () => {
        expect(await store.count('people', {})).toBe(5)
        expect(await store.count('people', { unionId: 'u1', age: { $gte: 30 } })).toBe(2)
        expect(await store.count('nothing', {})).toBe(0)
      })

      it('refuses anything outside the vocabulary, so a client value can never become an operator', async () => {
        const bad: unknown[] = [
          { name: { $regex: '.*' } },
          { name: { $where: 'true' } },
          { name: { nested: 1 } },
          { name: {} },
          { $or: [{ name: 'x' }] },
          { 'a.$': 1 },
          { name: { $in: 'p1' } },
          { name: { $in: [{ $gt: '' }] } },
          { name: { $exists: 'yes' } },
          { name: { $gt: { $gt: '' } } },
          { name: ['a'] },
          { age: Number.NaN },
        ]
        for (const filter of bad) {
          await expect(store.find('people', filter as Filter)).rejects.toThrow()
          await expect(store.count('people', filter as Filter)).rejects.toThrow()
          await expect(store.updateMany('people', filter as Filter, { $set: { x: 1 } })).rejects.toThrow()
        }
        expect(await store.count('people', { x: { $exists: true } })).toBe(0)
      })
    })

    describe('find options', () => {
      beforeEach(() => seed())

      it('sorts ascending and descending, by several keys, with _id breaking ties', async () => {
        expect(ids(await store.find('people', { age: { $gt: 0 } }, { sort: { age: 1 } }))).toEqual(['p5', 'p1', 'p2'])
        expect(ids(await store.find('people', { age: { $gt: 0 } }, { sort: { age: -1 } }))).toEqual(['p2', 'p1', 'p5'])
        expect(ids(await store.find('people', {}, { sort: { unionId: -1, joined: 1 } }))).toEqual([
          'p4',
          'p5',
          'p2',
          'p1',
          'p3',
        ])
        expect(ids(await store.find('people', {}, { sort: { unionId: 1 } }))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5'])
        expect(ids(await store.find('people', {}))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5'])
      })

      it('pages with skip and limit', async () => {
        const page = (skip: number) => store.find('people', {}, { sort: { joined: 1 }, skip, limit: 2 })
        expect(ids(await page(0))).toEqual(['p2', 'p4'])
        expect(ids(await page(2))).toEqual(['p1', 'p3'])
        expect(ids(await page(4))).toEqual(['p5'])
        expect(ids(await page(6))).toEqual([])
        expect(await store.findOne('people', { unionId: 'u2' })).toMatchObject({ _id: 'p4' })
      })

      it('rejects a limit over 1000 or below 1, and bad skip or sort', async () => {
        await expect(store.find('people', {}, { limit: 1001 })).rejects.toThrow()
        await expect(store.find('people', {}, { limit: 0 })).rejects.toThrow()
        await expect(store.find('people', {}, { limit: 1.5 })).rejects.toThrow()
        await expect(store.find('people', {}, { skip: -1 })).rejects.toThrow()
        await expect(store.find('people', {}, { sort: { age: 2 as 1 } })).rejects.toThrow()
        expect(await store.find('people', {}, { limit: 1000 })).toHaveLength(5)
      })
    })

    describe('updates', () => {
      beforeEach(() => seed())

      it('$set replaces values, including whole sub-objects and dot paths into them', async () => {
        expect(await store.updateOne('people', { _id: 'p1' }, { $set: { name: '张主席', 'profile.level': 5 } })).toBe(
          true,
        )
        expect(await store.findOne('people', { _id: 'p1' })).toMatchObject({
          name: '张主席',
          profile: { city: '杭州', level: 5 },
        })
        await store.updateOne('people', { _id: 'p1' }, { $set: { profile: { city: '温州' } } })
        expect((await store.findOne<Person>('people', { _id: 'p1' }))?.profile).toEqual({ city: '温州' })
        await store.updateOne('people', { _id: 'p4' }, { $set: { 'profile.city': '台州' } })
        expect((await store.findOne<Person>('people', { _id: 'p4' }))?.profile).toEqual({ city: '台州' })
      })

      it('$unset removes fields', async () => {
        await store.updateOne('people', { _id: 'p1' }, { $unset: { age: true, 'profile.level': true } })
        const p1 = await store.findOne<Person>('people', { _id: 'p1' })
        expect(p1 && 'age' in p1).toBe(false)
        expect(p1?.profile).toEqual({ city: '杭州' })
      })

      it('$inc adds, and starts a missing field from zero', async () => {
        await store.updateOne('people', { _id: 'p1' }, { $inc: { age: 2, visits: 1 } })
        await store.updateOne('people', { _id: 'p1' }, { $inc: { age: -1, 'profile.level': 10 } })
        expect(await store.findOne('people', { _id: 'p1' })).toMatchObject({
          age: 31,
          visits: 1,
          profile: { level: 12 },
        })
      })

      it('$push appends each value; $pull removes every equal element', async () => {
        await store.updateOne('people', { _id: 'p2' }, { $push: { tags: ['音乐', '数学'] } })
        expect((await store.findOne<Person>('people', { _id: 'p2' }))?.tags).toEqual(['数学', '体育', '音乐', '数学'])
        await store.updateOne('people', { _id: 'p2' }, { $pull: { tags: '数学' } })
        expect((await store.findOne<Person>('people', { _id: 'p2' }))?.tags).toEqual(['体育', '音乐'])
        await store.updateOne('people', { _id: 'p4' }, { $push: { tags: ['新'] } })
        expect((await store.findOne<Person>('people', { _id: 'p4' }))?.tags).toEqual(['新'])
        // Pushing an array value appends it as one element.
        await store.updateOne('people', { _id: 'p5' }, { $push: { tags: [['a', 'b']] } })
        expect((await store.findOne('people', { _id: 'p5' }))?.tags).toEqual([['a', 'b']])
      })

      it('$pull on a document without the field changes nothing it is asked about', async () => {
        expect(await store.updateOne('people', { _id: 'p4' }, { $pull: { tags: 'x' } })).toBe(true)
        const p4 = await store.findOne<Person>('people', { _id: 'p4' })
        expect(p4?.tags ?? []).toEqual([])
      })

      it('updateOne resolves whether its filter matched, and needs _id', async () => {
        expect(await store.updateOne('people', { _id: 'nobody' }, { $set: { x: 1 } })).toBe(false)
        expect(await store.updateOne('people', { _id: 'p1', age: { $gt: 99 } }, { $set: { x: 1 } })).toBe(false)
        expect(await store.updateOne('people', { _id: { $eq: 'p1' }, age: { $lt: 99 } }, { $set: { x: 1 } })).toBe(true)
        await expect(store.updateOne('people', { unionId: 'u1' }, { $set: { x: 1 } })).rejects.toThrow()
        await expect(store.updateOne('people', { _id: { $in: ['p1', 'p2'] } }, { $set: { x: 1 } })).rejects.toThrow()
        expect(await store.count('people', { x: 1 })).toBe(1)
      })

      it('updateMany resolves how many matched', async () => {
        expect(await store.updateMany('people', { unionId: 'u1' }, { $set: { active: true }, $inc: { n: 1 } })).toBe(3)
        expect(await store.updateMany('people', { unionId: 'nowhere' }, { $set: { active: true } })).toBe(0)
        expect(await find({ active: true, n: 1 })).toEqual(['p1', 'p2', 'p3'])
      })

      it('refuses updates outside the vocabulary', async () => {
        const bad: unknown[] = [
          {},
          { $rename: { a: 'b' } },
          { name: 'no operator' },
          { $set: { _id: 'other' } },
          { $set: { a: { $gt: 1 } } },
          { $set: { 'a..b': 1 } },
          { $inc: { age: '1' } },
          { $unset: { age: 1 } },
          { $push: { tags: 'not an array' } },
          { $pull: { tags: { $in: ['a'] } } },
          { $set: { age: 1 }, $inc: { age: 1 } },
          { $set: { profile: {}, 'profile.city': 'x' } },
        ]
        for (const update of bad) {
          await expect(store.updateOne('people', { _id: 'p1' }, update as never)).rejects.toThrow()
        }
        expect(await store.findOne('people', { _id: 'p1' })).toEqual(people[0])
      })
    })

    describe('indexes', () => {
      it('enforces a unique compound index and is idempotent', async () => {
        const spec = [
          { collection: 'members', fields: ['unionId', 'staffNo'], unique: true },
          { collection: 'members', fields: ['unionId', 'status'] },
        ]
        await store.ensureIndexes(spec)
        await store.ensureIndexes(spec)
        await store.insert('members', { _id: 'm1', unionId: 'u1', staffNo: 'T01', status: 'active' })
        await store.insert('members', { _id: 'm2', unionId: 'u2', staffNo: 'T01', status: 'active' })
        await store.insert('members', { _id: 'm3', unionId: 'u1', staffNo: 'T02', status: 'active' })
        await expect(store.insert('members', { _id: 'm4', unionId: 'u1', staffNo: 'T01' })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        )
        // An update that would collide is refused the same way, and changes nothing.
        await expect(store.updateOne('members', { _id: 'm3' }, { $set: { staffNo: 'T01' } })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        )
        expect(await store.findOne('members', { _id: 'm3' })).toMatchObject({ staffNo: 'T02' })
        // Non-unique indexes do not constrain.
        expect(await store.count('members', { unionId: 'u1', status: 'active' })).toBe(2)
      })

      it('enforces a unique single-field index', async () => {
        await store.ensureIndexes([{ collection: 'unions', fields: ['code'], unique: true }])
        await store.insert('unions', { _id: 'a', code: 'SCH1' })
        await expect(store.insert('unions', { _id: 'b', code: 'SCH1' })).rejects.toBeInstanceOf(DuplicateKeyError)
        await store.insert('unions', { _id: 'c', code: 'SCH2' })
        expect(await store.count('unions', {})).toBe(2)
      })
    })

    describe('under concurrency', () => {
      it('a conditional $inc lets exactly 50 of 1,000 concurrent claims through', async () => {
        await store.insert('activities', { _id: 'a1', taken: 0 })
        const results = await Promise.all(
          Array.from({ length: 1000 }, () =>
            store.updateOne('activities', { _id: 'a1', taken: { $lt: 50 } }, { $inc: { taken: 1 } }),
          ),
        )
        expect(results.filter(Boolean)).toHaveLength(50)
        expect(await store.findOne('activities', { _id: 'a1' })).toEqual({ _id: 'a1', taken: 50 })
      })

      it('1,000 concurrent inserts over 600 ids: 600 succeed, 400 are DuplicateKeyError', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 1000 }, (_, i) => store.insert('signups', { _id: `s${i % 600}`, i })),
        )
        const ok = results.filter((r) => r.status === 'fulfilled')
        const dup = results.filter((r) => r.status === 'rejected' && r.reason instanceof DuplicateKeyError)
        expect(ok).toHaveLength(600)
        expect(dup).toHaveLength(400)
        expect(await store.count('signups', {})).toBe(600)
      })
    })

    it('refuses to return more than 1,000 documents without a limit instead of truncating', async () => {
      await Promise.all(
        Array.from({ length: 1001 }, (_, i) => store.insert('many', { _id: `d${String(i).padStart(4, '0')}` })),
      )
      await expect(store.find('many', {})).rejects.toThrow(/more than 1000/)
      expect(await store.find('many', {}, { limit: 1000 })).toHaveLength(1000)
      expect(ids(await store.find('many', {}, { skip: 1000, limit: 10 }))).toEqual(['d1000'])
    })

    if (options.reopen) {
      const reopen = options.reopen
      it('keeps documents and unique indexes after reopening', async () => {
        await store.ensureIndexes([{ collection: 'members', fields: ['unionId', 'staffNo'], unique: true }])
        await seed()
        await store.insert('members', { _id: 'm1', unionId: 'u1', staffNo: 'T01' })
        await store.updateOne('people', { _id: 'p1' }, { $inc: { age: 1 } })
        store = await reopen(store)
        expect(await store.findOne('people', { _id: 'p1' })).toMatchObject({ age: 31 })
        expect(await store.count('people', {})).toBe(5)
        await expect(store.insert('members', { _id: 'm2', unionId: 'u1', staffNo: 'T01' })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        )
        await expect(store.insert('people', { _id: 'p1' })).rejects.toBeInstanceOf(DuplicateKeyError)
      })
    }
  })
}
