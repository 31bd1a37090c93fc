import { DuplicateKeyError } from '@/core/shared/ports'
import type { Condition, Doc, Filter, FindOptions, IndexSpec, Store, Update } from '@/core/shared/ports'
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
 * The CloudBase Store: wx-server-sdk's `cloud.database()`, with the ports' MongoDB vocabulary translated to
 * `db.command`. CloudBase is MongoDB underneath, so semantics (null vs missing, $ne, array fields) match.
 *
 * Notes that are not obvious:
 * - `where()` flattens nested objects into dot paths, so a filter value is never a sub-document; filter-check
 *   guarantees that anyway (scalars and known operators only).
 * - `update()` on a plain nested object would also be flattened (a merge); `$set` of an object or array goes
 *   through `_.set()` so it replaces the value, as MongoDB's `$set` does.
 * - `stats.updated` counts documents CloudBase *modified*: an update that writes the values already there
 *   reports 0. Every update therefore also bumps `_rev`, so a matched document is always a modified one and
 *   updateOne/updateMany mean "matched", as on the local store.
 * - One request returns at most 100 documents here; larger finds are paged internally.
 */

/** The slice of wx-server-sdk's database this adapter uses (its published typings are mostly `any`). */
export interface CloudDatabase {
  command: CloudCommand
  collection(name: string): CloudCollection
  createCollection(name: string): Promise<unknown>
}

export interface CloudQuery {
  where(condition: Record<string, unknown>): CloudQuery
  orderBy(field: string, order: 'asc' | 'desc'): CloudQuery
  skip(n: number): CloudQuery
  limit(n: number): CloudQuery
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
}

export interface CloudCollection extends CloudQuery {
  add(options: { data: Record<string, unknown> }): Promise<unknown>
}

/** Opaque command objects built by `db.command`; only the SDK's serializer looks inside. */
export interface CloudCommandValue {
  and(other: CloudCommandValue): CloudCommandValue
}

export interface CloudCommand {
  eq(v: unknown): CloudCommandValue
  neq(v: unknown): CloudCommandValue
  gt(v: unknown): CloudCommandValue
  gte(v: unknown): CloudCommandValue
  lt(v: unknown): CloudCommandValue
  lte(v: unknown): CloudCommandValue
  in(v: unknown[]): CloudCommandValue
  nin(v: unknown[]): CloudCommandValue
  exists(v: boolean): CloudCommandValue
  set(v: unknown): unknown
  remove(): unknown
  inc(v: number): unknown
  push(values: unknown[]): unknown
  pull(v: unknown): unknown
}

/** A per-document write counter the adapter keeps (see the note on `stats.updated`). */
export const REVISION = '_rev'

/** One CloudBase request returns at most this many documents. */
export const CLOUD_PAGE = 100

export function createCloudbaseStore(db: CloudDatabase): Store {
  const _ = db.command

  function condition(value: Condition): unknown {
    if (!isPlainObject(value)) return value
    let combined: CloudCommandValue | undefined
    for (const [op, v] of Object.entries(value)) {
      const cmd = operator(op, v)
      combined = combined ? combined.and(cmd) : cmd
    }
    return combined
  }

  function operator(op: string, v: unknown): CloudCommandValue {
    switch (op) {
      case '$eq':
        return _.eq(v)
      case '$ne':
        return _.neq(v)
      case '$gt':
        return _.gt(v)
      case '$gte':
        return _.gte(v)
      case '$lt':
        return _.lt(v)
      case '$lte':
        return _.lte(v)
      case '$in':
        return _.in(v as unknown[])
      case '$nin':
        return _.nin(v as unknown[])
      case '$exists':
        return _.exists(v as boolean)
      default:
        // Unreachable after checkFilter; kept so a new operator cannot slip through untranslated.
        throw new Error(`untranslated operator ${op}`)
    }
  }

  function where(filter: Filter): Record<string, unknown> {
    checkFilter(filter)
    const out: Record<string, unknown> = {}
    for (const [path, value] of Object.entries(filter)) out[path] = condition(value)
    return out
  }

  function data(update: Update): Record<string, unknown> {
    checkUpdate(update)
    const out: Record<string, unknown> = {}
    for (const [path, v] of Object.entries(update.$set ?? {})) {
      // A plain object would be merged field by field; MongoDB's $set replaces it.
      out[path] = v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v
    }
    for (const path of Object.keys(update.$unset ?? {})) out[path] = _.remove()
    for (const [path, n] of Object.entries(update.$inc ?? {})) out[path] = _.inc(n)
    // push([..]) always encodes as `$each`, so each value is appended (an array value stays one element).
    for (const [path, values] of Object.entries(update.$push ?? {})) out[path] = _.push(values)
    for (const [path, v] of Object.entries(update.$pull ?? {})) out[path] = _.pull(v)
    // CloudBase reports documents *modified*, not matched: an update writing the values already there would
    // read as "did not match" (a conflict). Bumping a revision on every write makes matched = modified.
    out[REVISION] = _.inc(1)
    return out
  }

  async function update(collection: string, filter: Filter, change: Update): Promise<number> {
    checkCollection(collection)
    const query = where(filter)
    const body = data(change)
    try {
      const res = await db.collection(collection).where(query).update({ data: body })
      return res.stats.updated
    } catch (e) {
      throw mapDuplicate(e, collection, String(filter._id ?? ''))
    }
  }

  async function find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]> {
    checkCollection(collection)
    checkFindOptions(options)
    const query = where(filter)
    // Without a limit, ask for one more than the maximum so an oversized result fails loudly.
    const wanted = options?.limit ?? MAX_LIMIT + 1
    const out: T[] = []
    let skip = options?.skip ?? 0
    while (out.length < wanted) {
      let q: CloudQuery = db.collection(collection).where(query)
      for (const [field, dir] of sortKeys(options?.sort)) q = q.orderBy(field, dir === 1 ? 'asc' : 'desc')
      const size = Math.min(CLOUD_PAGE, wanted - out.length)
      if (skip > 0) q = q.skip(skip)
      const { data: page } = await q.limit(size).get()
      out.push(...(page as T[]))
      skip += page.length
      if (page.length < size) break
    }
    refuseUnboundedResult(collection, options, out.length)
    return out
  }

  /** Creates one collection; one that already exists is what we wanted. */
  async function createCollection(name: string): Promise<void> {
    checkCollection(name)
    try {
      await db.createCollection(name)
    } catch (e) {
      if (!/exist/i.test(errorText(e))) throw e
    }
  }

  return {
    async insert(collection, doc) {
      checkCollection(collection)
      checkDoc(doc)
      try {
        // add() serialises the document into the request, so later changes to `doc` cannot reach the DB.
        await db.collection(collection).add({ data: doc })
      } catch (e) {
        throw mapDuplicate(e, collection, doc._id)
      }
    },

    async findOne<T extends Doc>(collection: string, filter: Filter): Promise<T | null> {
      const [doc] = await find<T>(collection, filter, { limit: 1 })
      return doc ?? null
    },

    find,

    async count(collection, filter) {
      checkCollection(collection)
      const { total } = await db.collection(collection).where(where(filter)).count()
      return total
    },

    async updateOne(collection, filter, change) {
      checkIdFilter(filter)
      return (await update(collection, filter, change)) > 0
    },

    updateMany: update,

    async ensureCollections(names: string[]) {
      await Promise.all(names.map(createCollection))
    },

    /**
     * wx-server-sdk cannot create indexes: CloudBase indexes are made in the console (数据库 → 集合 → 索引管理)
     * or with the CloudBase CLI. Here we only create the collections (a missing collection makes every query
     * fail) and log the index list so the deployer can compare it with the console. We do not pretend.
     */
    async ensureIndexes(indexes: IndexSpec[]) {
      await Promise.all([...new Set(indexes.map((i) => i.collection))].map(createCollection))
      console.info(`[store] CloudBase indexes are created in the console; required:\n${describeIndexes(indexes)}`)
    },
  }
}

/** One line per index, e.g. `members: unionId_1, staffNo_1 (unique)`. */
export function describeIndexes(indexes: IndexSpec[]): string {
  return indexes
    .map((i) => `${i.collection}: ${i.fields.map((f) => `${f}_1`).join(', ')}${i.unique ? ' (unique)' : ''}`)
    .join('\n')
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.message} ${String((e as Error & { errCode?: unknown }).errCode ?? '')}`
  if (e !== null && typeof e === 'object') {
    const o = e as { errMsg?: unknown; message?: unknown; errCode?: unknown }
    return `${String(o.errMsg ?? '')} ${String(o.message ?? '')} ${String(o.errCode ?? '')}`
  }
  return String(e)
}

/**
 * CloudBase reports a duplicate key as errCode -502001 with MongoDB's "E11000 duplicate key" text. -502001
 * alone means any database failure, so the text decides: a timeout must not read as "already signed up".
 */
function mapDuplicate(e: unknown, collection: string, key: string): unknown {
  return /duplicate|E11000/i.test(errorText(e)) ? new DuplicateKeyError(collection, key) : e
}
