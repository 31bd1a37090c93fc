import type { Doc, Filter, FindOptions, Scalar, Update } from '@/core/shared/ports'

/**
 * Defence in depth shared by both Store adapters: every filter, update, document and option is checked
 * against the small vocabulary of ports.ts before it reaches a database, so a value that came from a client
 * can never turn into an operator (`{ $gt: '' }`, `{ $where: … }`) or a path (`a.$[]`, `../x`).
 * Anything outside the vocabulary throws a plain Error: it is a programming error, not bad user input.
 */

export const MAX_LIMIT = 1000

const COMPARISON_OPS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte'] as const
const LIST_OPS = ['$in', '$nin'] as const
const QUERY_OPS: ReadonlySet<string> = new Set<string>([...COMPARISON_OPS, ...LIST_OPS, '$exists'])
const UPDATE_OPS: ReadonlySet<string> = new Set(['$set', '$unset', '$inc', '$push', '$pull'])

/** Collection names become file names locally: letters, digits, underscore only. */
const COLLECTION_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
/** One path segment: no `$` prefix, no dot, not empty. */
const SEGMENT_RE = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/

export function checkCollection(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_RE.test(name)) throw new Error(`invalid collection name: ${String(name)}`)
}

export function checkPath(path: string): void {
  if (typeof path !== 'string' || path.length === 0 || path.length > 200)
    throw new Error(`invalid field path: ${String(path)}`)
  for (const segment of path.split('.')) {
    if (!SEGMENT_RE.test(segment)) throw new Error(`invalid field path: ${path}`)
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  // Realm-agnostic (jest's vm contexts, structuredClone): the prototype is null or some realm's Object.prototype.
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  )
}

function checkScalar(value: unknown, where: string): void {
  if (!isScalar(value)) throw new Error(`${where}: expected a string, finite number, boolean or null`)
}

export function checkFilter(filter: Filter): void {
  if (!isPlainObject(filter)) throw new Error('filter must be a plain object')
  for (const [path, condition] of Object.entries(filter)) {
    checkPath(path)
    if (isScalar(condition)) continue
    if (!isPlainObject(condition)) throw new Error(`filter ${path}: value must be a scalar or an operator object`)
    const ops = Object.entries(condition)
    if (ops.length === 0) throw new Error(`filter ${path}: empty operator object`)
    for (const [op, value] of ops) {
      if (!QUERY_OPS.has(op)) throw new Error(`filter ${path}: unknown operator ${op}`)
      if (op === '$exists') {
        if (typeof value !== 'boolean') throw new Error(`filter ${path}: $exists takes a boolean`)
      } else if (op === '$in' || op === '$nin') {
        if (!Array.isArray(value) || value.length > MAX_LIMIT)
          throw new Error(`filter ${path}: ${op} takes an array of at most ${MAX_LIMIT} scalars`)
        value.forEach((v: unknown) => checkScalar(v, `filter ${path} ${op}`))
      } else {
        checkScalar(value, `filter ${path} ${op}`)
      }
    }
  }
}

/** updateOne's contract: the filter names one document by `_id` (a plain string, or `{ $eq: string }`). */
export function checkIdFilter(filter: Filter): void {
  const id = filter._id
  const value = isPlainObject(id) && Object.keys(id).length === 1 ? id.$eq : id
  if (typeof value !== 'string' || value.length === 0)
    throw new Error('updateOne: the filter must name _id as a string')
}

/** Stored values: JSON-like data (plus Date) whose object keys are plain field names, never operators. */
export function checkValue(value: unknown, where: string, depth = 0): void {
  if (depth > 20) throw new Error(`${where}: nested too deeply`)
  if (value === undefined) throw new Error(`${where}: undefined is not storable`)
  if (isScalar(value) || value instanceof Date) return
  if (Array.isArray(value)) {
    value.forEach((v: unknown, i) => checkValue(v, `${where}[${i}]`, depth + 1))
    return
  }
  if (!isPlainObject(value)) throw new Error(`${where}: only plain objects, arrays, scalars and dates are storable`)
  for (const [key, v] of Object.entries(value)) {
    if (!SEGMENT_RE.test(key)) throw new Error(`${where}: invalid key ${key}`)
    checkValue(v, `${where}.${key}`, depth + 1)
  }
}

export function checkDoc(doc: Doc): void {
  if (!isPlainObject(doc)) throw new Error('document must be a plain object')
  if (typeof doc._id !== 'string' || doc._id.length === 0 || doc._id.length > 200)
    throw new Error('document _id must be a non-empty string')
  checkValue(doc, 'document')
}

export function checkUpdate(update: Update): void {
  if (!isPlainObject(update)) throw new Error('update must be a plain object')
  const entries = Object.entries(update)
  if (entries.length === 0) throw new Error('update is empty')
  // MongoDB (and so CloudBase) rejects two operators on one path; refuse it here too, for both adapters.
  const touched = new Set<string>()
  for (const [op, fields] of entries) {
    if (!UPDATE_OPS.has(op)) throw new Error(`unknown update operator ${op}`)
    if (!isPlainObject(fields) || Object.keys(fields).length === 0) throw new Error(`${op} takes a non-empty object`)
    for (const [path, value] of Object.entries(fields)) {
      checkPath(path)
      if (path === '_id' || path.startsWith('_id.')) throw new Error('update must not change _id')
      if (touched.has(path)) throw new Error(`update names ${path} twice`)
      touched.add(path)
      switch (op) {
        case '$set':
          checkValue(value, `$set ${path}`)
          break
        case '$unset':
          if (value !== true) throw new Error(`$unset ${path}: value must be true`)
          break
        case '$inc':
          if (typeof value !== 'number' || !Number.isFinite(value))
            throw new Error(`$inc ${path}: finite number expected`)
          break
        case '$push':
          if (!Array.isArray(value) || value.length === 0)
            throw new Error(`$push ${path}: non-empty array of values expected`)
          checkValue(value, `$push ${path}`)
          break
        case '$pull':
          checkScalar(value, `$pull ${path}`)
          break
      }
    }
  }
  // A path and its own sub-path in one update conflict in MongoDB ("a" and "a.b").
  for (const path of touched) {
    for (const other of touched) {
      if (other !== path && other.startsWith(`${path}.`)) throw new Error(`update paths ${path} and ${other} conflict`)
    }
  }
}

export function checkFindOptions(options: FindOptions | undefined): void {
  if (options === undefined) return
  if (!isPlainObject(options as unknown)) throw new Error('find options must be a plain object')
  const { limit, skip, sort } = options
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    throw new Error(`find limit must be an integer from 1 to ${MAX_LIMIT}`)
  }
  if (skip !== undefined && (!Number.isInteger(skip) || skip < 0))
    throw new Error('find skip must be a non-negative integer')
  if (sort !== undefined) {
    if (!isPlainObject(sort)) throw new Error('find sort must be a plain object')
    for (const [path, dir] of Object.entries(sort)) {
      checkPath(path)
      if (dir !== 1 && dir !== -1) throw new Error(`find sort ${path}: 1 or -1 expected`)
    }
  }
}

/**
 * Sort keys as both adapters apply them: the caller's keys, then `_id` ascending as a tie-breaker so that
 * pages (skip/limit, and CloudBase's internal 100-document pages) are deterministic.
 */
export function sortKeys(sort: FindOptions['sort']): Array<[string, 1 | -1]> {
  const keys = Object.entries(sort ?? {})
  if (!keys.some(([k]) => k === '_id')) keys.push(['_id', 1])
  return keys
}

/** A find without a limit may not silently return part of a large set: past MAX_LIMIT it must be paged. */
export function refuseUnboundedResult(collection: string, options: FindOptions | undefined, count: number): void {
  if (options?.limit === undefined && count > MAX_LIMIT) {
    throw new Error(
      `find on ${collection} matched more than ${MAX_LIMIT} documents: page it with limit/skip or an _id range`,
    )
  }
}
