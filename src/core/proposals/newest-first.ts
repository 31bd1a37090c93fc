import { AppError } from '../shared/errors'
import { decodeCursor, encodeCursor, pageAfter } from '../shared/keyset'
import type { Doc, Filter, Store } from '../shared/ports'

/** One page of a list, and the cursor of the next one when more follow. */
export interface NewestPage<T> {
  docs: T[]
  more: boolean
  next?: string
}

/** The cursor of a list's place: right after `doc`, in the list `tag` names. */
export function placeAfter(tag: string, field: string, doc: Doc): string {
  return encodeCursor(tag, { value: String(doc[field]), id: doc._id })
}

/**
 * A page of `filter`'s documents by the string `field`, newest first (keyset paging, src/core/shared/keyset.ts):
 * at most `limit`, each read one request, and the cursor of the next page when more follow. Documents without
 * `field` are not listed. `tag` names the list in its cursors, so a cursor of another list is refused.
 */
export async function newestFirst<T extends Doc>(
  store: Store,
  q: { collection: string; filter: Filter; field: string; tag: string },
  limit: number,
  cursor?: string,
): Promise<NewestPage<T>> {
  const at = cursor === undefined ? null : decodeCursor(cursor)
  if (cursor !== undefined && at?.tag !== q.tag) throw new AppError('BAD_INPUT', '列表位置不正确，请刷新后再看')
  const found = await pageAfter<T>(
    store,
    { collection: q.collection, filter: { ...q.filter, [q.field]: { $exists: true } }, field: q.field, dir: -1 },
    at?.at ?? null,
    limit,
  )
  const docs = found.slice(0, limit)
  const last = docs[docs.length - 1]
  if (found.length <= limit || !last) return { docs, more: false }
  return { docs, more: true, next: placeAfter(q.tag, q.field, last) }
}
