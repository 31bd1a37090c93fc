import { DuplicateKeyError } from '@/core/shared/ports'
import type { Clock, OutgoingMessage, Store } from '@/core/shared/ports'

/** A message as kept in `messages`: the in-app inbox, and the idempotency record of everything sent. */
export interface StoredMessage {
  _id: string
  unionId: string
  memberId: string
  kind: string
  title: string
  body: string
  link?: string
  read: boolean
  createdAt: string
  [key: string]: unknown
}

/**
 * Records the message under `_id = message.key`. The insert is the idempotency check: the database refuses
 * a second message with the same key, so concurrent or repeated jobs deliver it once. Resolves false when
 * the key was already recorded (already sent), true when this call recorded it.
 */
export async function recordMessage(store: Store, clock: Clock, message: OutgoingMessage): Promise<boolean> {
  const doc: StoredMessage = {
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
