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
  'suggestions.list': listSuggestions,
  'suggestions.inbox': suggestionInbox,
  'suggestions.answer': answerSuggestion,
  'suggestions.convert': convertSuggestion,
}
