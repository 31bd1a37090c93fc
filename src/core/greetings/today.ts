import type { StoredMessageDoc } from '../messages/model'
import { MC } from '../messages/collections'
import { loadUnion } from '../members/lookup'
import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { shanghaiDate } from '../reminders/shanghai-time'
import { birthdayKey } from './daily'
import type { BirthdayCardView } from './views'

/** The card the 08:00 job left for me today, read by its key: one read, and nothing on other days. */
export async function todaysBirthdayCard(ctx: Ctx): Promise<BirthdayCardView | null> {
  const member = me(ctx)
  const date = shanghaiDate(ctx.clock.now())
  const messageId = birthdayKey(member.unionId, member._id, date)
  const message = await ctx.store.findOne<StoredMessageDoc>(MC.messages, { _id: messageId, memberId: member._id })
  if (!message) return null
  const union = await loadUnion(ctx.store, member.unionId)
  return { messageId, title: message.title, body: message.body, date, unionName: union?.name ?? '' }
}
