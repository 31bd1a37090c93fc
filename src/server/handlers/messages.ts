import type { messagesContract } from '@/core/messages/contract'
import type { HandlersFor } from './types'

export const messagesHandlers: HandlersFor<typeof messagesContract> = {}
