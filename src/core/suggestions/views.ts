import type { PageInfo } from '../shared/page-input'

export interface SuggestionView {
  id: string
  title: string
  content: string
  submittedOn: string
  anonymous: boolean
  /** Only for the committee, and only when the author chose to be contacted. */
  authorName?: string
  status: 'open' | 'answered' | 'converted'
  statusLabel: string
  answer?: { text: string; at: string; byName: string }
  convertedTo?: { proposalId: string; delegateName: string }
  /** The caller wrote it (never true for an anonymous one: nobody can tell). */
  mine: boolean
}

/**
 * One page of suggestions, newest day first; `more`: ask again with `next` as the cursor. The first page of
 * a member's list starts with their own still unanswered ones.
 */
export interface SuggestionPage extends PageInfo {
  items: SuggestionView[]
}
