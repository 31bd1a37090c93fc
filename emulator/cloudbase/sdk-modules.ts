import { createRequire } from 'module'
import * as path from 'path'

/**
 * The parts of wx-server-sdk's own dependency tree the emulator reuses, so queries are built, validated and
 * serialised by the very code deployed functions run: @cloudbase/database (Db, Command, serializers, the
 * 100/1,000 limits) and the bson EJSON it encodes requests with. Resolved from wx-server-sdk's folder so the
 * versions are the ones it ships with.
 */
const load = createRequire(__filename)
const sdkDir = path.dirname(load.resolve('wx-server-sdk/package.json'))
const databaseEntry = load.resolve('@cloudbase/database', { paths: [sdkDir] })

export interface Requester {
  send(action: string, params: Record<string, unknown>): Promise<unknown>
}

interface DbConfig {
  env: string
  /** Where this Db's requests go; read by the requester class below. */
  emulator: { send(action: string, params: Record<string, unknown>): Promise<unknown> }
}

export interface DbClass {
  new (config: DbConfig): CloudbaseDb
  reqClass: new (config: DbConfig) => Requester
}

export interface CloudbaseQuery {
  where(q: Record<string, unknown>): CloudbaseQuery
  orderBy(field: string, order: string): CloudbaseQuery
  skip(n: number): CloudbaseQuery
  limit(n: number): CloudbaseQuery
  field(p: Record<string, unknown>): CloudbaseQuery
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
  update(data: Record<string, unknown>): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
}

export interface CloudbaseCollection extends CloudbaseQuery {
  add(data: Record<string, unknown>): Promise<{ id: string }>
}

export interface CloudbaseDb {
  command: unknown
  serverDate: unknown
  RegExp: unknown
  collection(name: string): CloudbaseCollection
  createCollection(name: string): Promise<unknown>
}

const database = load(databaseEntry) as { Db: DbClass }

/** Every emulated Db sends through the emulator named in its own config, so several can coexist. */
class EmulatorRequester implements Requester {
  constructor(private readonly config: DbConfig) {}
  send(action: string, params: Record<string, unknown>): Promise<unknown> {
    return this.config.emulator.send(action, params)
  }
}
database.Db.reqClass = EmulatorRequester

export const Db = database.Db

export const EJSON = (
  load(load.resolve('bson', { paths: [path.dirname(databaseEntry)] })) as {
    EJSON: {
      parse(text: string): unknown
      stringify(value: unknown, options?: { relaxed: boolean }): string
    }
  }
).EJSON
