import { DuplicateKeyError } from '@/core/shared/ports'
import type { Clock, OutgoingMessage, Store } from '@/core/shared/ports'
import type { StoredMessageDoc } from '@/core/messages/model'

/**
 * Records the message under `_id = message.key`. The insert is the idempotency check: the database refuses
 * a second message with the same key, so concurrent or repeated jobs deliver it once. Resolves false when
 * the key was already recorded (already sent), true when this call recorded it.
 */
export async function recordMessage(store: Store, clock: Clock, message: OutgoingMessage): Promise<boolean> {
  const doc: StoredMessageDoc = {
    _id: message.key,
    unionId: message.unionId,
    memberId: message.memberId,
    kind: message.kind,
    title: message.title,
    body: message.body,
    read: false,
    createdAt: clock.now().toISOString(),
  }
  if (message.link !== undefined) doc.link = message.link
  try {
    await store.insert('messages', doc)
    return true
  } catch (e) {
    if (e instanceof DuplicateKeyError) return false
    throw e
  }
}
