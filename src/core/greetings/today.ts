import type { StoredMessageDoc } from '../messages/model'
import { MC } from '../messages/collections'
import { loadUnion } from '../members/lookup'
import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import type { Store } from '../shared/ports'
import { shanghaiDate } from '../shared/shanghai-time'
import { birthdayKey } from './daily'
import { cardSignature } from './template'
import type { BirthdayCardView } from './views'

/**
 * 首页's birthday card: the one the 08:00 job left for me today, read by its key, or null on any other day.
 * The message, the union's name and the chair who signs the card are read at once: one round trip after the
 * caller (the other two reads are wasted on the other days, but requests in parallel cost no waiting; the
 * budget in greetings-daily.test.ts holds it). `home.open` calls this too.
 */
export async function todaysBirthdayCard(ctx: Ctx): Promise<BirthdayCardView | null> {
  const member = me(ctx)
  const date = shanghaiDate(ctx.clock.now())
  const messageId = birthdayKey(member.unionId, member._id, date)
  const [message, union, chair] = await Promise.all([
    ctx.store.findOne<StoredMessageDoc>(MC.messages, { _id: messageId, memberId: member._id }),
    loadUnion(ctx.store, member.unionId),
    signingChair(ctx.store, member.unionId),
  ])
  if (!message) return null
  const unionName = union?.name ?? ''
  return {
    messageId,
    title: message.title,
    body: message.body,
    date,
    unionName,
    signature: cardSignature(unionName, chair?.name),
  }
}

/** The union's chair still in office; with two (a hand-over), the first on the roster. */
async function signingChair(store: Store, unionId: string): Promise<MemberDoc | undefined> {
  const [chair] = await store.find<MemberDoc>(
    C.members,
    { unionId, roles: 'chair', status: 'active' },
    { sort: { _id: 1 }, limit: 1 },
  )
  return chair
}
