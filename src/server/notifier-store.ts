import { DuplicateKeyError } from '@/core/shared/ports'
import type { Clock, OutgoingMessage, Store } from '@/core/shared/ports'
import { MC } from '@/core/messages/collections'
import type { PushOutcome, StoredMessageDoc } from '@/core/messages/model'

/**
 * Records the message under `_id = message.key`. The insert is the idempotency check: the database refuses
 * a second message with the same key, so concurrent or repeated jobs deliver it once. Resolves false when
 * the key was already recorded (already sent), true when this call recorded it. `push`, when given, is the
 * push outcome known at insert time (`pending` while a WeChat push is still to be tried).
 */
export async function recordMessage(
  store: Store,
  clock: Clock,
  message: OutgoingMessage,
  push?: PushOutcome,
): Promise<boolean> {
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
  if (push !== undefined) doc.push = push
  try {
    await store.insert(MC.messages, doc)
    return true
  } catch (e) {
    if (e instanceof DuplicateKeyError) return false
    throw e
  }
}
