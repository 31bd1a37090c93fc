import type { suggestionsContract } from '@/core/suggestions/contract'
import type { HandlersFor } from './types'

export const suggestionsHandlers: HandlersFor<typeof suggestionsContract> = {}
