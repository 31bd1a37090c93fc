import type { Doc, Filter, Store } from './ports'

const PAGE = 100

/**
 * Reads every matching document in pages of 100 by `_id` range, so no single request grows with the
 * collection (CloudBase caps a read at 100 anyway). Only for sets known to be small per union (a roster).
 */
export async function findAll<T extends Doc>(store: Store, collection: string, filter: Filter): Promise<T[]> {
  // Paging owns the _id range; a caller's own _id condition would be silently replaced.
  if (filter._id !== undefined) throw new Error('findAll: filter must not constrain _id')
  const out: T[] = []
  let after: string | null = null
  for (;;) {
    const page: T[] = await store.find<T>(collection, after === null ? filter : { ...filter, _id: { $gt: after } }, {
      sort: { _id: 1 },
      limit: PAGE,
    })
    out.push(...page)
    if (page.length < PAGE) return out
    after = page[page.length - 1]._id
  }
}
