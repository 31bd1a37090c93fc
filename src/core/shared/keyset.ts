import type { Condition, Doc, Filter, Scalar, Store } from './ports'

/**
 * Keyset paging: a page starts right after the last row of the previous one, named by its sort value and
 * `_id` (the adapters break ties by `_id` ascending), so a page costs the same at row 10 or row 10,000 and
 * rows written meanwhile never shift it (skip would). The store has no `$or`, so "after (v, id)" is two
 * queries in parallel: the rows tied on v with a larger _id, then the rows past v.
 */
export interface Keyset {
  value: string
  id: string
}

export interface KeysetQuery {
  collection: string
  /** Must not constrain `_id`; may constrain the sort field with operators ($gte/$lt of a prefix search). */
  filter: Filter
  field: string
  dir: 1 | -1
}

/** Up to `limit + 1` documents after `after` in the query's order: the extra one says whether more follow. */
export async function pageAfter<T extends Doc>(
  store: Store,
  q: KeysetQuery,
  after: Keyset | null,
  limit: number,
): Promise<T[]> {
  if (q.filter._id !== undefined) throw new Error('pageAfter: filter must not constrain _id')
  const { collection } = q
  const sort = { [q.field]: q.dir }
  if (after === null) return store.find<T>(collection, q.filter, { sort, limit: limit + 1 })
  const past: Condition = q.dir === 1 ? { $gt: after.value } : { $lt: after.value }
  const [ties, rest] = await Promise.all([
    store.find<T>(
      collection,
      { ...q.filter, [q.field]: withOps(q.filter[q.field], { $eq: after.value }), _id: { $gt: after.id } },
      { sort: { _id: 1 }, limit: limit + 1 },
    ),
    store.find<T>(collection, { ...q.filter, [q.field]: withOps(q.filter[q.field], past) }, { sort, limit: limit + 1 }),
  ])
  return [...ties, ...rest].slice(0, limit + 1)
}

/** The filter's own condition on the sort field and the page's, both holding. */
function withOps(own: Condition | undefined, page: Condition): Condition {
  if (own === undefined) return page
  if (!isPlainCondition(own) || !isPlainCondition(page)) throw new Error('pageAfter: sort field must use operators')
  for (const op of Object.keys(page)) if (op in own) throw new Error(`pageAfter: ${op} on the sort field twice`)
  return { ...own, ...page }
}

/**
 * Several keyset queries over one sort field read as one list (a search by name or 工号): each gives its
 * first `limit + 1` rows after the cursor, and the merge of those, without duplicates, is exactly the
 * combined list's first `limit + 1` rows. The field's value must be unique per document (a 工号).
 */
export async function mergedPageAfter<T extends Doc>(
  store: Store,
  queries: KeysetQuery[],
  after: Keyset | null,
  limit: number,
  valueOf: (doc: T) => string,
): Promise<T[]> {
  const pages = await Promise.all(queries.map((q) => pageAfter<T>(store, q, after, limit)))
  const seen = new Map<string, T>()
  for (const doc of pages.flat()) seen.set(doc._id, doc)
  const dir = queries[0]?.dir ?? 1
  return [...seen.values()]
    .sort((a, b) => dir * (compareText(valueOf(a), valueOf(b)) || compareText(a._id, b._id)))
    .slice(0, limit + 1)
}

function isPlainCondition(c: Condition): c is Exclude<Condition, Scalar> {
  return c !== null && typeof c === 'object'
}

/** Plain code-unit order, as both stores compare the ASCII strings paged here (工号, ISO instants, ids). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The range of strings that start with `prefix`: [prefix, prefix with its last character stepped up). A
 * range is what both stores (and CloudBase's indexes) answer without a regular expression.
 */
export function prefixRange(prefix: string): Condition {
  const last = prefix.charCodeAt(prefix.length - 1)
  // A surrogate or the last code unit cannot be stepped up as one character; nobody types those in a search.
  if (last >= 0xd7ff) return { $gte: prefix, $lte: `${prefix}\uffff` }
  return { $gte: prefix, $lt: prefix.slice(0, -1) + String.fromCharCode(last + 1) }
}

/** `<tag>~<value>~<id>`: what a page hands back for the next one; opaque to pages. */
export function encodeCursor(tag: string, at: Keyset): string {
  return `${tag}~${at.value}~${at.id}`
}

/** The cursor's parts, or null when it is not one this list made (the caller refuses it). */
export function decodeCursor(cursor: string): { tag: string; at: Keyset } | null {
  const parts = cursor.split('~')
  if (parts.length !== 3 || parts.some((p) => p === '')) return null
  return { tag: parts[0], at: { value: parts[1], id: parts[2] } }
}
