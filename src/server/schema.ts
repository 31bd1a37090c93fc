import type { Store } from '@/core/shared/ports'
import { COLLECTIONS } from './collections'
import { INDEXES } from './indexes'

/** What `init` prepares on every runtime: all collections first (CloudBase needs them), then the indexes. */
export async function ensureSchema(store: Store): Promise<void> {
  await store.ensureCollections(COLLECTIONS)
  await store.ensureIndexes(INDEXES)
}
