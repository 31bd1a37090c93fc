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
  /**
   * Adopted by a delegate. `proposalId` only once the proposal can be opened by the caller: after it was
   * submitted, or for the delegate whose draft it is (a draft is nobody else's to see).
   */
  convertedTo?: { delegateName: string; proposalId?: string }
  /**
   * For the committee, on an anonymous suggestion still open: words in it that may tell who wrote it
   * (identifying.ts), to be reworded before its text appears under a delegate's name.
   */
  revealing?: string[]
  /**
   * The caller wrote it. For an anonymous one only in the caller's own `mine`, from the ids their phone kept:
   * the server itself cannot tell.
   */
  mine: boolean
}

/**
 * One page of suggestions, newest day first; `more`: ask again with `next` as the cursor. The first page of
 * a member's list starts with their own still unanswered ones.
 */
export interface SuggestionPage extends PageInfo {
  items: SuggestionView[]
  /**
   * On the first page of a member's list: their own suggestions, whatever their state — the named ones, and
   * the anonymous ones whose ids their phone kept (the server keeps no link between them and an author).
   */
  mine?: SuggestionView[]
}
