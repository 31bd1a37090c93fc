import { recordConsent } from '@/core/messages/consent'
import type { messagesContract } from '@/core/messages/contract'
import { listMessages, markAllRead, markRead, unreadCount } from '@/core/messages/inbox'
import type { HandlersFor } from './types'

export const messagesHandlers: HandlersFor<typeof messagesContract> = {
  'messages.list': listMessages,
  'messages.markRead': markRead,
  'messages.markAllRead': (ctx) => markAllRead(ctx),
  'messages.unreadCount': (ctx) => unreadCount(ctx),
  'messages.recordConsent': recordConsent,
}
