import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { MC } from './collections'
import { MESSAGE_PAGE } from './contract'
import type { StoredMessageDoc } from './model'
import type { MessagePage, MessageView, UnreadCount } from './views'

const KIND_LABELS: Record<string, string> = {
  birthday: '生日祝福',
  notice: '通知',
  'notice-nudge': '通知提醒',
  'notice-confirm': '回执提醒',
  activity: '活动',
  proposal: '提案',
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? KIND_LABELS[kind.split('-')[0]] ?? '消息'
}

function toView(m: StoredMessageDoc): MessageView {
  const view: MessageView = {
    id: m._id,
    kind: m.kind,
    kindLabel: kindLabel(m.kind),
    title: m.title,
    body: m.body,
    read: m.read,
    createdAt: m.createdAt,
  }
  if (m.link) view.link = m.link
  return view
}

/** Everything I was sent, newest first, 30 at a time (an inbox is personal and small: offset paging is fine). */
export async function listMessages(ctx: Ctx, input: { offset: number }): Promise<MessagePage> {
  const member = me(ctx)
  const [docs, unread] = await Promise.all([
    ctx.store.find<StoredMessageDoc>(
      MC.messages,
      { unionId: member.unionId, memberId: member._id },
      { sort: { createdAt: -1 }, limit: MESSAGE_PAGE + 1, skip: input.offset },
    ),
    countUnreadMessages(ctx),
  ])
  const page: MessagePage = { items: docs.slice(0, MESSAGE_PAGE).map(toView), unread }
  if (docs.length > MESSAGE_PAGE) page.nextOffset = input.offset + MESSAGE_PAGE
  return page
}

export async function unreadCount(ctx: Ctx): Promise<UnreadCount> {
  return { unread: await countUnreadMessages(ctx) }
}

/** One count request (index unionId, memberId, read). */
export function countUnreadMessages(ctx: Ctx): Promise<number> {
  const member = me(ctx)
  return ctx.store.count(MC.messages, { unionId: member.unionId, memberId: member._id, read: false })
}

/** Only my own message: anyone else's id reads as not found. Marking twice is harmless. */
export async function markRead(ctx: Ctx, input: { messageId: string }): Promise<UnreadCount> {
  const member = me(ctx)
  const mine = await ctx.store.findOne<StoredMessageDoc>(MC.messages, {
    _id: input.messageId,
    unionId: member.unionId,
    memberId: member._id,
  })
  if (!mine) throw new AppError('NOT_FOUND', '找不到这条消息')
  if (!mine.read) {
    await ctx.store.updateOne(
      MC.messages,
      { _id: mine._id, memberId: member._id, read: false },
      { $set: { read: true, readAt: nowIso(ctx) } },
    )
  }
  return unreadCount(ctx)
}

export async function markAllRead(ctx: Ctx): Promise<UnreadCount> {
  const member = me(ctx)
  await ctx.store.updateMany(
    MC.messages,
    { unionId: member.unionId, memberId: member._id, read: false },
    { $set: { read: true, readAt: nowIso(ctx) } },
  )
  return { unread: 0 }
}
