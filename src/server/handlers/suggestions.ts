import type { suggestionsContract } from '@/core/suggestions/contract'
import {
  answerSuggestion,
  convertSuggestion,
  listSuggestions,
  submitSuggestion,
  suggestionInbox,
} from '@/core/suggestions/suggestions'
import type { HandlersFor } from './types'

export const suggestionsHandlers: HandlersFor<typeof suggestionsContract> = {
  'suggestions.submit': submitSuggestion,
  'suggestions.list': (ctx) => listSuggestions(ctx),
  'suggestions.inbox': (ctx) => suggestionInbox(ctx),
  'suggestions.answer': answerSuggestion,
  'suggestions.convert': convertSuggestion,
}
