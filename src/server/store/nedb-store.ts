import * as fs from 'fs'
import * as path from 'path'
import Datastore from '@seald-io/nedb'
import { compareThings, getDotValues, serialize } from '@seald-io/nedb/lib/model.js'
import { DuplicateKeyError } from '@/core/shared/ports'
import type { Doc, Filter, FindOptions, IndexSpec, Store, Update } from '@/core/shared/ports'
import {
  MAX_LIMIT,
  checkCollection,
  checkDoc,
  checkFilter,
  checkFindOptions,
  checkIdFilter,
  checkUpdate,
  isPlainObject,
  refuseUnboundedResult,
  sortKeys,
} from './filter-check'

/**
 * The local Store: @seald-io/nedb 4.1.2, one append-only file per collection (`<dir>/<collection>.db`).
 *
 * Atomicity: nedb runs every operation of a datastore through one executor queue, so a conditional update
 * (`{ _id, taken: { $lt: 50 } }` + `$inc`) evaluates its filter and applies its change with no other
 * operation in between, and a unique index decides duplicate inserts. The contract suite proves both.
 *
 * Indexes: nedb 4 has native compound indexes (`fieldName: ['unionId', 'staffNo']`), unique ones included, and
 * persists index definitions in the data file, so they come back on reload. Each IndexSpec becomes one nedb
 * index with the same fields; for compound specs the non-leading fields also get a single-field index,
 * because nedb's planner uses a compound index only for equality on all of its fields, while a range or
 * `$in` on e.g. `birthday` or `at` can only use a single-field one. As in MongoDB, unique indexes are not
 * sparse: two documents both lacking the indexed fields collide. Other single-field indexes are sparse
 * (documents lacking the field are left out: every sign-up without `followUpAt` would otherwise share one
 * key, rebuilt on each change). No query is answered wrongly by that: the planner uses an index only for a
 * plain value, `$in` or a range, which a missing field never matches; `null` and `$exists` conditions are
 * never handed to it as such (toNedbQuery).
 *
 * Semantics aligned with MongoDB (what CloudBase runs) where nedb differs:
 * - nedb has no `$eq`: it becomes plain equality (or `$in: [v]` next to other operators);
 * - equality to null also matches a missing field, `$ne: null` / `$nin: [null]` exclude missing fields;
 * - `$pull` on a missing field is a no-op in MongoDB but an error in nedb: we first `$push` nothing onto it,
 *   which makes a missing field an empty array (the one visible difference: `[]` instead of absent).
 *
 * Speed (scripts/bench/burst.ts measures it against plain nedb):
 * - nedb's planner takes the LAST field of a query that has a single-field index, however many documents it
 *   names (`{ unionId, activityId, status }` scanned every waitlisted sign-up of the deployment through the
 *   `status` index). `narrowestLast` orders the query so that field is the one whose index names the fewest.
 * - nedb appends each change with fs.promises.appendFile (open, write, close: ~100 µs of CPU, most of a
 *   write's cost). `keepFileOpen` keeps the file open while the collection is being written.
 * - nedb moves an updated document in every index by removing it (rebuilding the list of documents under
 *   its key: every sign-up lacking `followUpAt` shares one key) and inserting it again, even when its key
 *   did not change. `swapInPlace` replaces it where it is when the key is the same.
 */

/** nedb keeps its live indexes on a public-but-untyped property; read it through this one narrow view. */
interface NedbIndexView {
  indexes: Record<string, NedbIndex>
}

interface NedbIndex {
  unique: boolean
  sparse: boolean
  _fields: string[]
  /** The documents under a key: the tree's own list (not a copy), or a new empty one. */
  tree: { search(key: unknown): unknown[] }
  getMatching(value: unknown): unknown[]
  /** One document, or a list of { oldDoc, newDoc } pairs: all moved, or none and it throws. */
  update(oldDoc: unknown, newDoc?: unknown): void
}

/** The part of nedb's (untyped) persistence that writes the data file. */
interface NedbPersistence {
  inMemoryOnly: boolean
  filename: string
  persistNewStateAsync(docs: unknown[]): Promise<void>
  persistCachedDatabaseAsync(): Promise<void>
}

/** A file nobody wrote to for this long is closed again (tests leave many stores open without closing them). */
const IDLE_CLOSE_MS = 1000

/** The error nedb raises for a taken `_id` or unique key. */
interface NedbUniqueError {
  errorType: 'uniqueViolated'
  key: unknown
}

function isUniqueViolation(e: unknown): e is NedbUniqueError {
  return isPlainObjectLike(e) && e.errorType === 'uniqueViolated'
}

function isPlainObjectLike(e: unknown): e is Record<string, unknown> {
  return typeof e === 'object' && e !== null
}

/** nedb query objects: its own operators and logical forms, built only from checked filters below. */
type NedbQuery = Record<string, unknown>

export interface NedbStore extends Store {
  /** Waits for queued writes, compacts every open file and forgets the datastores; later calls throw. */
  close(): Promise<void>
}

export function createNedbStore(dir: string): NedbStore {
  const stores = new Map<string, Promise<Datastore<Record<string, unknown>>>>()
  let closed = false

  function open(collection: string): Promise<Datastore<Record<string, unknown>>> {
    if (closed) return Promise.reject(new Error('store is closed'))
    checkCollection(collection)
    let pending = stores.get(collection)
    if (!pending) {
      // Explicit load: autoload without onload turns a corrupt file into an unhandled rejection.
      const ds = new Datastore<Record<string, unknown>>({
        filename: path.join(dir, `${collection}.db`),
        // Owner-only: the roster holds phones and birth years.
        modes: { fileMode: 0o600, dirMode: 0o700 },
      })
      keepFileOpen(ds)
      pending = ds.loadDatabaseAsync().then(() => ds)
      // A failed load must not be cached forever; the next call retries.
      pending.catch(() => stores.delete(collection))
      stores.set(collection, pending)
    }
    return pending
  }

  async function find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]> {
    checkFilter(filter)
    checkFindOptions(options)
    const ds = await open(collection)
    // Without a limit, fetch one more than the maximum so an oversized result fails loudly, not truncated.
    const limit = options?.limit ?? MAX_LIMIT + 1
    const docs: unknown = await ds
      .findAsync(narrowestLast(ds, toNedbQuery(filter)))
      .sort(Object.fromEntries(sortKeys(options?.sort)))
      .skip(options?.skip ?? 0)
      .limit(limit)
    const list = docs as T[]
    refuseUnboundedResult(collection, options, list.length)
    // nedb's cursor returns deep copies, so callers may mutate what they get.
    return list
  }

  return {
    async insert(collection, doc) {
      checkDoc(doc)
      const ds = await open(collection)
      try {
        // nedb deep-copies the document on insert, so the caller's object is never shared with the DB.
        await ds.insertAsync(doc)
      } catch (e) {
        if (isUniqueViolation(e)) throw new DuplicateKeyError(collection, keyText(e.key))
        throw e
      }
    },

    async findOne<T extends Doc>(collection: string, filter: Filter): Promise<T | null> {
      const [doc] = await find<T>(collection, filter, { limit: 1 })
      return doc ?? null
    },

    find,

    async count(collection, filter) {
      checkFilter(filter)
      const ds = await open(collection)
      return ds.countAsync(narrowestLast(ds, toNedbQuery(filter))) as unknown as Promise<number>
    },

    async updateOne(collection, filter, update) {
      checkFilter(filter)
      checkIdFilter(filter)
      checkUpdate(update)
      const ds = await open(collection)
      const { numAffected } = await runUpdate(ds, collection, filter, update, false)
      return numAffected > 0
    },

    async updateMany(collection, filter, update) {
      checkFilter(filter)
      checkUpdate(update)
      const ds = await open(collection)
      const { numAffected } = await runUpdate(ds, collection, filter, update, true)
      return numAffected
    },

    async ensureCollections(names: string[]) {
      // Opening a datastore creates its file: the collection then exists, as on CloudBase after init.
      await Promise.all(names.map((name) => open(name)))
    },

    async ensureIndexes(indexes: IndexSpec[]) {
      type Wanted = { fields: string[]; unique: boolean }
      const wanted = new Map<string, Map<string, Wanted>>()
      for (const spec of indexes) {
        checkCollection(spec.collection)
        if (spec.fields.length === 0) throw new Error(`index on ${spec.collection} has no fields`)
        const perCollection = wanted.get(spec.collection) ?? new Map<string, Wanted>()
        wanted.set(spec.collection, perCollection)
        const add = (fields: string[], unique: boolean): void => {
          // nedb names an index by its sorted, comma-joined fields.
          const name = [...fields].sort().join(',')
          const prior = perCollection.get(name)
          perCollection.set(name, { fields, unique: unique || (prior?.unique ?? false) })
        }
        // nedb answers from a compound index only when every one of its fields is a plain equality, which
        // few of our queries are, yet it maintains it on every write: compounds are kept where they enforce
        // uniqueness; otherwise each field gets its own index and narrowestLast picks the narrowest.
        if (spec.unique || spec.fields.length === 1) add(spec.fields, spec.unique ?? false)
        else add([spec.fields[0]], false)
        spec.fields.slice(1).forEach((f) => add([f], false))
      }
      for (const [collection, specs] of wanted) {
        const ds = await open(collection)
        const live = (ds as unknown as NedbIndexView).indexes
        // A data folder from before keeps its non-unique compound indexes: they would still cost every write.
        for (const [name, index] of Object.entries(live))
          if (name.includes(',') && !index.unique && !specs.has(name)) await ds.removeIndexAsync(name)
        for (const [name, { fields, unique }] of specs) {
          const sparse = fields.length === 1 && !unique
          // nedb silently keeps an existing index of the same name, so a changed `unique` needs a rebuild.
          if (live[name] && (live[name].unique !== unique || live[name].sparse !== sparse))
            await ds.removeIndexAsync(name)
          try {
            await ds.ensureIndexAsync({ fieldName: fields.length === 1 ? fields[0] : fields, unique, sparse })
          } catch (e) {
            if (isUniqueViolation(e)) throw new DuplicateKeyError(collection, keyText(e.key))
            throw e
          }
        }
      }
    },

    async close() {
      closed = true
      const loaded = [...stores.values()]
      stores.clear()
      for (const pending of loaded) {
        const ds = await pending.catch(() => null)
        // Compaction is queued behind every pending write, so when it resolves the file is complete.
        if (ds) await ds.compactDatafileAsync()
      }
    },
  }
}

async function runUpdate(
  ds: Datastore<Record<string, unknown>>,
  collection: string,
  filter: Filter,
  update: Update,
  multi: boolean,
): Promise<{ numAffected: number }> {
  // Indexes come and go (load, ensureIndexes): the live ones are patched when a write may need them.
  for (const index of Object.values((ds as unknown as NedbIndexView).indexes)) swapInPlace(index)
  try {
    return await ds.updateAsync(narrowestLast(ds, toNedbQuery(filter)), toNedbUpdate(update), { multi })
  } catch (e) {
    if (isUniqueViolation(e)) throw new DuplicateKeyError(collection, keyText(e.key))
    throw e
  }
}

/**
 * The same query with its most selective indexed equality last, where nedb's planner looks. Cheap: one index
 * lookup per indexed field, and the usual query (one such field, or an `_id`) is returned as it is.
 */
export function narrowestLast(ds: Datastore<Record<string, unknown>>, query: NedbQuery): NedbQuery {
  // A plain _id is answered by its own index whatever the order; one field leaves nothing to choose.
  if (typeof query._id === 'string' || Object.keys(query).length < 2) return query
  const indexes = (ds as unknown as NedbIndexView).indexes
  let best: string | undefined
  let fewest = Infinity
  let candidates = 0
  for (const [field, value] of Object.entries(query)) {
    // The values nedb's planner accepts for an index match (utils.filterIndexNames).
    const plain = value === null || ['string', 'number', 'boolean'].includes(typeof value)
    if (!plain || !indexes[field]) continue
    candidates++
    const size = indexes[field].getMatching(value).length
    if (size < fewest) {
      best = field
      fewest = size
    }
  }
  if (candidates < 2 || best === undefined) return query
  const { [best]: value, ...rest } = query
  return { ...rest, [best]: value }
}

/**
 * Appends through a file descriptor kept open while the collection is written, with a synchronous write (a
 * few µs into the page cache, no thread hop): the same bytes and the same durability as nedb's appendFile,
 * which never fsyncs appends either. Compaction replaces the file, so it closes the descriptor first; the
 * next append opens the new file. The executor runs appends and compactions one at a time, in order.
 */
function keepFileOpen(ds: Datastore<Record<string, unknown>>): void {
  const persistence = ds.persistence as unknown as NedbPersistence
  if (persistence.inMemoryOnly) return
  let fd: number | null = null
  let timer: NodeJS.Timeout | null = null
  let written = false
  const release = () => {
    if (fd !== null) fs.closeSync(fd)
    fd = null
  }
  const arm = () => {
    timer = setTimeout(() => {
      timer = null
      if (written) arm()
      else release()
      written = false
    }, IDLE_CLOSE_MS)
    timer.unref()
  }
  persistence.persistNewStateAsync = async (docs) => {
    // nedb's own line format; no serialization hooks are configured here.
    let text = ''
    for (const doc of docs) text += `${serialize(doc)}\n`
    if (text.length === 0) return
    fd ??= fs.openSync(persistence.filename, 'a', 0o600)
    const bytes = Buffer.from(text, 'utf8')
    for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done)
    written = true
    if (!timer) arm()
  }
  const compact = persistence.persistCachedDatabaseAsync.bind(persistence)
  persistence.persistCachedDatabaseAsync = () => {
    release()
    return compact()
  }
}

const swapping = new WeakSet<NedbIndex>()

/**
 * An update that leaves every document under the same key of this index replaces it in the key's list, in
 * place; any other update (a key changed, several keys from an array field, a document not indexed) is
 * nedb's own. All pairs are checked before anything changes, so it still moves all of them or none, and a
 * key that does not change cannot break a unique index.
 */
function swapInPlace(index: NedbIndex): void {
  if (swapping.has(index)) return
  swapping.add(index)
  const nedbUpdate = index.update.bind(index)
  index.update = (oldDoc, newDoc) => {
    const pairs = Array.isArray(oldDoc) ? (oldDoc as { oldDoc: unknown; newDoc: unknown }[]) : [{ oldDoc, newDoc }]
    const swaps: { list: unknown[]; at: number; doc: unknown }[] = []
    for (const pair of pairs) {
      const key = getDotValues(pair.oldDoc, index._fields)
      const same = !Array.isArray(key) && compareThings(key, getDotValues(pair.newDoc, index._fields)) === 0
      const list = same ? index.tree.search(key) : []
      const at = list.indexOf(pair.oldDoc)
      if (at < 0) return nedbUpdate(oldDoc, newDoc)
      swaps.push({ list, at, doc: pair.newDoc })
    }
    for (const { list, at, doc } of swaps) list[at] = doc
  }
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(key)
}

/** Filter (already checked) → nedb query, with MongoDB's null/missing semantics. */
export function toNedbQuery(filter: Filter): NedbQuery {
  const query: NedbQuery = {}
  const and: NedbQuery[] = []
  const missing = (path: string): NedbQuery => ({ [path]: { $exists: false } })
  for (const [path, condition] of Object.entries(filter)) {
    if (!isPlainObject(condition)) {
      if (condition === null) and.push({ $or: [{ [path]: null }, missing(path)] })
      else query[path] = condition
      continue
    }
    const ops: Record<string, unknown> = {}
    for (const [op, value] of Object.entries(condition)) {
      switch (op) {
        case '$eq':
          if (value === null) and.push({ $or: [{ [path]: null }, missing(path)] })
          else and.push({ [path]: value })
          break
        case '$ne':
          if (value === null) ops.$exists = true
          ops.$ne = value
          break
        case '$in': {
          const list = value as unknown[]
          if (list.includes(null)) and.push({ $or: [{ [path]: { $in: list } }, missing(path)] })
          else ops.$in = list
          break
        }
        case '$nin': {
          const list = value as unknown[]
          if (list.includes(null)) and.push({ [path]: { $exists: true } })
          ops.$nin = list
          break
        }
        case '$exists':
          // `$exists` may also come from `$ne: null` above; both must hold.
          if (ops.$exists !== undefined && ops.$exists !== value) and.push({ [path]: { $exists: value } })
          else ops.$exists = value
          break
        default:
          ops[op] = value
      }
    }
    if (Object.keys(ops).length > 0) query[path] = ops
  }
  // Plain top-level fields keep nedb's index planner working; only the awkward cases go through $and.
  if (and.length > 0) query.$and = and
  return query
}

/** Update (already checked) → nedb modifiers. */
export function toNedbUpdate(update: Update): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  const put = (op: string, path: string, value: unknown): void => {
    out[op] = out[op] ?? {}
    out[op][path] = value
  }
  // $push first: the empty $push that makes `$pull` safe on a missing field must run before the $pull.
  for (const [path, values] of Object.entries(update.$push ?? {})) put('$push', path, { $each: values })
  for (const path of Object.keys(update.$pull ?? {})) put('$push', path, { $each: [] })
  for (const [path, value] of Object.entries(update.$set ?? {})) put('$set', path, value)
  for (const path of Object.keys(update.$unset ?? {})) put('$unset', path, true)
  for (const [path, value] of Object.entries(update.$inc ?? {})) put('$inc', path, value)
  for (const [path, value] of Object.entries(update.$pull ?? {})) put('$pull', path, value)
  return out
}
