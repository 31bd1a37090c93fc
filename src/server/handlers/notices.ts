import type { noticesContract } from '@/core/notices/contract'
import type { HandlersFor } from './types'

export const noticesHandlers: HandlersFor<typeof noticesContract> = {}
