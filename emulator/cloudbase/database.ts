import * as fs from 'fs'
import * as path from 'path'
import Datastore from '@seald-io/nedb'
import type { Filter } from '@/core/shared/ports'
import { toNedbQuery } from '@/server/store/nedb-store'
import { cloudError } from './errors'
import { EJSON } from './sdk-modules'

/**
 * The database side of CloudBase: what `database.*` requests from @cloudbase/database reach. Queries, orders
 * and updates arrive as the SDK serialised them (EJSON text in MongoDB's vocabulary), so the emulator sees
 * exactly what CloudBase's servers receive. Documents live in nedb (in memory, or on disk for a long-running
 * local cloud), which speaks the same update operators.
 *
 * Rules kept from CloudBase (each cites where it is documented):
 * - A collection must be created before any read or write. Writing or reading a missing collection fails with
 *   -502005 "[ResourceNotFound] Db or Table not exist" — wx-server-sdk 4.0.2 error table
 *   (TCB_DB_COLLECTION_NOT_EXISTS); 云开发 → 数据库 → 集合: "集合需先在控制台或通过 createCollection 创建".
 *   nedb, like MongoDB itself, would create it on the fly: that is the local cloud's forgiveness.
 * - `_id` is unique; other unique indexes exist only if deploy (console 索引管理 / updateIndex HTTP API) made
 *   them: wx-server-sdk cannot create indexes (TOOLCHAIN.md). A duplicate fails with -502001 and MongoDB's
 *   "E11000 duplicate key" text — errCode table in wx-server-sdk 4.0.2, text as CloudBase relays MongoDB.
 * - get() returns 100 documents by default and at most 1,000 from a cloud function — enforced by the real
 *   @cloudbase/database query builder before the request is sent (query.js), and documented in
 *   "Collection.limit": "limit 在云函数端默认及最大上限为 1000" (the 100 default is its get() code).
 * - Writes report how many documents were *modified* (`updated`): an update writing the values already there
 *   reports 0, as MongoDB's nModified does (Query.update → `stats.updated`).
 */
export interface DatabaseOptions {
  /** Keep collections on disk here (a local cloud that survives restarts); in memory when absent. */
  dir?: string
}

export interface IndexDefinition {
  collection: string
  fields: string[]
  unique?: boolean
}

type NedbDoc = Record<string, unknown>

export type DatabaseSnapshot = ReadonlyMap<string, NedbDoc[]>

export interface DatabaseStats {
  reads: number
  writes: number
}

export class EmulatedDatabase {
  private readonly collections = new Map<string, Datastore<NedbDoc>>()
  readonly indexes: IndexDefinition[] = []
  readonly stats: DatabaseStats = { reads: 0, writes: 0 }

  constructor(private readonly options: DatabaseOptions = {}) {}

  /** Collections that exist, as the console would list them. */
  async collectionNames(): Promise<string[]> {
    await this.loadExisting()
    return [...this.collections.keys()].sort()
  }

  /** Handles one request as @cloudbase/database sends it (`database.getDocument`, …). */
  async handle(action: string, params: Record<string, unknown>): Promise<unknown> {
    await this.loadExisting()
    const name = String(params.collectionName ?? '')
    if (action === 'database.addCollection') return this.addCollection(name)
    const ds = this.collections.get(name)
    if (!ds)
      throw cloudError(
        -502005,
        '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
      )
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(ds, params)
      case 'database.calculateDocument':
        this.stats.reads += 1
        return { data: { total: await ds.countAsync(wireQuery(params.query)) } }
      case 'database.insertDocument':
        return this.insertDocument(ds, name, params)
      case 'database.modifyDocument':
        return this.modifyDocument(ds, name, params)
      default:
        throw cloudError(-502002, `[InvalidParameter] the emulator does not serve ${action}`)
    }
  }

  /**
   * Every collection's documents as they are now (test support: fault-injection runs start each kill point
   * from the same state instead of building a new environment).
   */
  async snapshot(): Promise<DatabaseSnapshot> {
    await this.loadExisting()
    const copy = new Map<string, NedbDoc[]>()
    for (const [name, ds] of this.collections) copy.set(name, structuredClone(ds.getAllData()))
    return copy
  }

  /** Puts every snapshotted collection back as it was; collections made since are emptied. */
  async restore(snapshot: DatabaseSnapshot): Promise<void> {
    for (const [name, ds] of this.collections) {
      await ds.removeAsync({}, { multi: true })
      const docs = snapshot.get(name)
      if (docs?.length) await ds.insertAsync(structuredClone(docs))
    }
  }

  /** An index as deploy creates it (CloudBase console or the updateIndex HTTP API); unique ones are enforced. */
  async createIndex(index: IndexDefinition): Promise<void> {
    const ds = this.collections.get(index.collection)
    if (!ds) throw cloudError(-502005, `[ResourceNotFound] Db or Table not exist: ${index.collection}`)
    this.indexes.push(index)
    if (!index.unique) return
    try {
      await ds.ensureIndexAsync({ fieldName: index.fields.length === 1 ? index.fields[0] : index.fields, unique: true })
    } catch (e) {
      throw duplicateError(index.collection, e)
    }
  }

  private async addCollection(name: string): Promise<unknown> {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(name))
      throw cloudError(-501007, `[InvalidParameter] invalid collection name ${name}`)
    if (this.collections.has(name))
      throw cloudError(-502001, `[ResourceInUse] Table exist. collection ${name} already exists`)
    const ds = await this.open(name)
    this.collections.set(name, ds)
    return { data: {} }
  }

  private async getDocument(ds: Datastore<NedbDoc>, params: Record<string, unknown>): Promise<unknown> {
    this.stats.reads += 1
    const order = params.order ? (EJSON.parse(String(params.order)) as Record<string, 1 | -1>) : {}
    const offset = typeof params.offset === 'number' ? params.offset : 0
    const limit = typeof params.limit === 'number' ? params.limit : 100
    const docs = (await ds.findAsync(wireQuery(params.query)).sort(order).skip(offset).limit(limit)) as NedbDoc[]
    return { data: { list: docs.map((d) => EJSON.stringify(d, { relaxed: false })) } }
  }

  private async insertDocument(
    ds: Datastore<NedbDoc>,
    name: string,
    params: Record<string, unknown>,
  ): Promise<unknown> {
    const list = (params.data as string[]).map((text) => EJSON.parse(text) as NedbDoc)
    const ids: string[] = []
    for (const doc of list) {
      if (typeof doc._id !== 'string') doc._id = randomId()
      try {
        await ds.insertAsync(doc)
      } catch (e) {
        throw duplicateError(name, e)
      }
      this.stats.writes += 1
      ids.push(doc._id as string)
    }
    return { data: { insertedIds: ids } }
  }

  private async modifyDocument(
    ds: Datastore<NedbDoc>,
    name: string,
    params: Record<string, unknown>,
  ): Promise<unknown> {
    const update = wireUpdate(EJSON.parse(String(params.data)) as Record<string, Record<string, unknown>>)
    const query = wireQuery(params.query)
    const before = (await ds.findAsync(query)) as NedbDoc[]
    const wanted = params.multi === false ? before.slice(0, 1) : before
    let updated = 0
    for (const doc of wanted) {
      let n: number
      try {
        // Re-check the filter with the _id so a concurrent change between the read and the write is honoured.
        ;({ numAffected: n } = await ds.updateAsync({ $and: [query, { _id: doc._id }] }, update, {}))
      } catch (e) {
        throw duplicateError(name, e)
      }
      if (n === 0) continue
      const [after] = (await ds.findAsync({ _id: doc._id })) as NedbDoc[]
      if (EJSON.stringify(after) !== EJSON.stringify(doc)) updated += 1
    }
    this.stats.writes += updated
    return { data: { updated } }
  }

  private existingLoaded: Promise<void> | null = null

  /** On disk, the collections a previous run created exist again (their files are the evidence). */
  private loadExisting(): Promise<void> {
    if (!this.options.dir) return Promise.resolve()
    if (!this.existingLoaded) {
      const dir = this.options.dir
      fs.mkdirSync(dir, { recursive: true })
      this.existingLoaded = (async () => {
        for (const file of fs.readdirSync(dir)) {
          if (!file.endsWith('.db')) continue
          const name = file.slice(0, -3)
          if (!this.collections.has(name)) this.collections.set(name, await this.open(name))
        }
      })()
    }
    return this.existingLoaded
  }

  private async open(name: string): Promise<Datastore<NedbDoc>> {
    const ds = this.options.dir
      ? new Datastore<NedbDoc>({ filename: path.join(this.options.dir, `${name}.db`) })
      : new Datastore<NedbDoc>({ inMemoryOnly: true })
    await ds.loadDatabaseAsync()
    // An empty file marks an empty collection that exists.
    if (this.options.dir) fs.appendFileSync(path.join(this.options.dir, `${name}.db`), '')
    return ds
  }
}

/**
 * The SDK's query (MongoDB form) → nedb. Field conditions go through the local store's translation, which
 * already gives MongoDB's null/missing semantics; `$and` (from `cmd.and()`) recurses.
 */
export function wireQuery(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string' || text === '') return {}
  return translate(EJSON.parse(text) as Record<string, unknown>)
}

function translate(query: Record<string, unknown>): Record<string, unknown> {
  const parts: Record<string, unknown>[] = []
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' || key === '$or') {
      const list = (value as Record<string, unknown>[]).map(translate)
      parts.push({ [key]: list })
      continue
    }
    parts.push(toNedbQuery({ [key]: value } as Filter))
  }
  return parts.length === 1 ? parts[0] : { $and: parts }
}

/** The SDK's update → nedb: `$unset` takes `true`; `$pull` on a missing array is a no-op in MongoDB. */
export function wireUpdate(update: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [op, fields] of Object.entries(update)) {
    out[op] = {}
    for (const [field, value] of Object.entries(fields)) out[op][field] = op === '$unset' ? true : value
  }
  if (out.$pull) {
    out.$push = out.$push ?? {}
    for (const field of Object.keys(out.$pull)) if (!(field in out.$push)) out.$push[field] = { $each: [] }
  }
  return out
}

function duplicateError(collection: string, e: unknown): unknown {
  if (typeof e === 'object' && e !== null && (e as { errorType?: unknown }).errorType === 'uniqueViolated') {
    const key = JSON.stringify((e as { key?: unknown }).key)
    return cloudError(-502001, `[FailedOperation] E11000 duplicate key error collection: ${collection} dup key: ${key}`)
  }
  return e
}

let counter = 0
function randomId(): string {
  counter += 1
  return `${Date.now().toString(16)}${counter.toString(16).padStart(8, '0')}`
}
