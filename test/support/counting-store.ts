import type { Store } from '@/core/shared/ports'

/** Wraps a store and counts writes that took effect, so a test can assert "a refusal writes nothing". */
export function countWrites(store: Store): { store: Store; writes: () => number } {
  let writes = 0
  const counted: Store = {
    insert: async (c, d) => {
      await store.insert(c, d)
      writes++
    },
    findOne: (c, f) => store.findOne(c, f),
    find: (c, f, o) => store.find(c, f, o),
    count: (c, f) => store.count(c, f),
    updateOne: async (c, f, u) => {
      const matched = await store.updateOne(c, f, u)
      if (matched) writes++
      return matched
    },
    updateMany: async (c, f, u) => {
      const n = await store.updateMany(c, f, u)
      writes += n
      return n
    },
    ensureCollections: (names) => store.ensureCollections(names),
    ensureIndexes: (i) => store.ensureIndexes(i),
  }
  return { store: counted, writes: () => writes }
}
