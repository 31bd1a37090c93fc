import type { StoredMessageDoc } from '../messages/model'
import { MC } from '../messages/collections'
import { loadUnion } from '../members/lookup'
import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { shanghaiDate } from '../reminders/shanghai-time'
import { birthdayKey } from './daily'
import type { BirthdayCardView } from './views'

/**
 * 首页's birthday card: the one the 08:00 job left for me today, read by its key, or null on any other day.
 * The message and the union's name are read at once: one round trip after the caller (the union read is
 * wasted on the other days, but a request in parallel costs no waiting). `home.open` calls this too.
 */
export async function todaysBirthdayCard(ctx: Ctx): Promise<BirthdayCardView | null> {
  const member = me(ctx)
  const date = shanghaiDate(ctx.clock.now())
  const messageId = birthdayKey(member.unionId, member._id, date)
  const [message, union] = await Promise.all([
    ctx.store.findOne<StoredMessageDoc>(MC.messages, { _id: messageId, memberId: member._id }),
    loadUnion(ctx.store, member.unionId),
  ])
  if (!message) return null
  return { messageId, title: message.title, body: message.body, date, unionName: union?.name ?? '' }
}
