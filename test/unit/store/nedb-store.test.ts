import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { DuplicateKeyError } from '@/core/shared/ports'
import type { Store } from '@/core/shared/ports'
import { createNedbStore } from '@/server/store/nedb-store'
import type { NedbStore } from '@/server/store/nedb-store'
import { describeStoreContract } from '../../support/store-contract'

const dirs = new Map<Store, string>()

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nedb-store-'))
}

async function make(dir = tempDir()): Promise<NedbStore> {
  const store = createNedbStore(dir)
  dirs.set(store, dir)
  return store
}

describeStoreContract('nedb', () => make(), {
  async reopen(store) {
    const dir = dirs.get(store)
    if (!dir) throw new Error('unknown store')
    await (store as NedbStore).close()
    return make(dir)
  },
  async dispose(store) {
    const dir = dirs.get(store)
    await (store as NedbStore).close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  },
})

describe('nedb store specifics', () => {
  let dir: string
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('keeps one file per collection, created only when the collection is used', async () => {
    const store = createNedbStore(dir)
    expect(fs.readdirSync(dir)).toEqual([])
    await store.insert('members', { _id: 'm1' })
    await store.count('groups', {})
    await store.close()
    expect(fs.readdirSync(dir).sort()).toEqual(['groups.db', 'members.db'])
  })

  it('reloads data, compound unique indexes and the range index of a later field after reopening', async () => {
    const first = createNedbStore(dir)
    await first.ensureIndexes([
      { collection: 'members', fields: ['unionId', 'staffNo'], unique: true },
      { collection: 'members', fields: ['unionId', 'birthday'] },
    ])
    await first.insert('members', { _id: 'm1', unionId: 'u1', staffNo: 'T01', birthday: '03-08' })
    await first.close()
    await expect(first.count('members', {})).rejects.toThrow(/closed/)

    const file = fs.readFileSync(path.join(dir, 'members.db'), 'utf8')
    expect(file).toContain('"$$indexCreated"')

    const second = createNedbStore(dir)
    await expect(second.insert('members', { _id: 'm2', unionId: 'u1', staffNo: 'T01' })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    )
    await second.insert('members', { _id: 'm3', unionId: 'u2', staffNo: 'T01', birthday: '03-09' })
    expect(await second.find('members', { unionId: 'u1', birthday: { $in: ['03-08'] } })).toEqual([
      { _id: 'm1', unionId: 'u1', staffNo: 'T01', birthday: '03-08' },
    ])
    await second.close()
  })

  it('turns an existing non-unique index into a unique one when the spec changes, and refuses it over duplicates', async () => {
    const store = createNedbStore(dir)
    await store.ensureIndexes([{ collection: 'unions', fields: ['code'] }])
    await store.insert('unions', { _id: 'a', code: 'X' })
    await store.ensureIndexes([{ collection: 'unions', fields: ['code'], unique: true }])
    await expect(store.insert('unions', { _id: 'b', code: 'X' })).rejects.toBeInstanceOf(DuplicateKeyError)

    await store.insert('groups', { _id: 'g1', name: 'same' })
    await store.insert('groups', { _id: 'g2', name: 'same' })
    await expect(
      store.ensureIndexes([{ collection: 'groups', fields: ['name'], unique: true }]),
    ).rejects.toBeInstanceOf(DuplicateKeyError)
    await store.close()
  })

  it('fails loudly on a corrupt data file instead of killing the process, and retries on the next call', async () => {
    fs.writeFileSync(path.join(dir, 'broken.db'), 'not json\n'.repeat(20))
    const store = createNedbStore(dir)
    await expect(store.count('broken', {})).rejects.toThrow()
    fs.writeFileSync(path.join(dir, 'broken.db'), '{"_id":"ok"}\n')
    expect(await store.count('broken', {})).toBe(1)
    await store.close()
  })

  it('never returns nedb internals', async () => {
    const store = createNedbStore(dir)
    await store.insert('members', { _id: 'm1', name: 'a' })
    expect(Object.keys((await store.findOne('members', { _id: 'm1' })) ?? {})).toEqual(['_id', 'name'])
    await store.close()
  })
})
