import type { greetingsContract } from '@/core/greetings/contract'
import type { HandlersFor } from './types'

export const greetingsHandlers: HandlersFor<typeof greetingsContract> = {}
