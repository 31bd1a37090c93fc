/**
 * Keyset paging on the real local store: a prefix range finds exactly the strings that start with the
 * prefix (Chinese names, 工号), pages after a cursor skip nothing and repeat nothing across ties, and
 * several queries merge into one list without duplicates.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import {
  decodeCursor,
  encodeCursor,
  mergedPageAfter,
  pageAfter,
  prefixRange,
  type Keyset,
  type KeysetQuery,
} from '@/core/shared/keyset'
import { createNedbStore, type NedbStore } from '@/server/store/nedb-store'

interface Row {
  _id: string
  name: string
  code: string
  at: string
  [key: string]: unknown
}

let dir: string
let store: NedbStore
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-keyset-'))
  store = createNedbStore(dir)
  const names = ['王', '王五', '王小明', '汪洋', '玉兰', '欧阳晓东', 'Tom', 'Tony', 'tom']
  for (const [i, name] of names.entries())
    await store.insert('rows', { _id: `r${i}`, name, code: `C${100 + i}`, at: `2026-12-0${1 + (i % 3)}` })
})
afterEach(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const names = async (prefix: string) =>
  (await store.find<Row>('rows', { name: prefixRange(prefix) }, { sort: { name: 1 } })).map((r) => r.name)

test('a prefix range finds exactly the names that start with it', async () => {
  expect(await names('王')).toEqual(['王', '王五', '王小明'])
  expect(await names('王小')).toEqual(['王小明'])
  expect(await names('欧阳')).toEqual(['欧阳晓东'])
  expect(await names('To')).toEqual(['Tom', 'Tony'])
  expect(await names('小明')).toEqual([])
})

test('pages after a cursor walk every row once, across rows tied on the sort value', async () => {
  const q: KeysetQuery = { collection: 'rows', filter: {}, field: 'at', dir: -1 }
  const seen: string[] = []
  let after: Keyset | null = null
  for (let page = 0; page < 10; page++) {
    const rows: Row[] = await pageAfter<Row>(store, q, after, 2)
    const shown = rows.slice(0, 2)
    seen.push(...shown.map((r) => r._id))
    if (rows.length <= 2) break
    const last = shown[shown.length - 1]
    after = { value: last.at, id: last._id }
  }
  const all = await store.find<Row>('rows', {}, { sort: { at: -1 } })
  expect(seen).toEqual(all.map((r) => r._id))
})

test('several queries over one unique field merge without duplicates, in order', async () => {
  const byName: KeysetQuery = { collection: 'rows', filter: { name: prefixRange('T') }, field: 'code', dir: 1 }
  const byCode: KeysetQuery = { collection: 'rows', filter: { code: prefixRange('C10') }, field: 'code', dir: 1 }
  const first = await mergedPageAfter<Row>(store, [byName, byCode], null, 3, (r) => r.code)
  expect(first.map((r) => r.code)).toEqual(['C100', 'C101', 'C102', 'C103'])
  const last = first[2]
  const rest = await mergedPageAfter<Row>(
    store,
    [byName, byCode],
    { value: last.code, id: last._id },
    10,
    (r) => r.code,
  )
  expect(rest.map((r) => r.code)).toEqual(['C103', 'C104', 'C105', 'C106', 'C107', 'C108'])
})

test('a cursor reads back as it was written; anything else is not a cursor', () => {
  const at = { value: '2026-12-01T02:00:00.000Z', id: 'm01_abc' }
  expect(decodeCursor(encodeCursor('p', at))).toEqual({ tag: 'p', at })
  expect(decodeCursor('p~only')).toBeNull()
  expect(decodeCursor('p~~x')).toBeNull()
})
