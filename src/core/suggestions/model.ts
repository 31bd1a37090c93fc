/**
 * A 合理化建议. An anonymous one stores no trace of its author: no member id, no name, no openid, a random
 * `_id` (not time-ordered) and only the day it came in, so neither the data nor its timing can be matched
 * to a person. The author is kept only when they chose to be contacted.
 */
export interface SuggestionDoc {
  _id: string
  unionId: string
  title: string
  content: string
  anonymous: boolean
  authorId?: string
  authorName?: string
  /** Shanghai day only. */
  submittedOn: string
  status: 'open' | 'answered' | 'converted'
  answer?: { text: string; at: string; byName: string }
  /** The draft's `_id` is derived from the suggestion's (draftIdFor), so a retried conversion finds it. */
  convertedTo?: {
    proposalId: string
    delegateId: string
    delegateName: string
    sessionId: string
    at: string
    byId: string
    byName: string
  }
  /** Set by the conversion's first write, removed by its last (src/core/shared/follow-up.ts). */
  followUpAt?: string
  [key: string]: unknown
}
