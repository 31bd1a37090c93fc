/** Stored documents of 教代会提案. Times are UTC ISO strings; dates (YYYY-MM-DD) are Asia/Shanghai days. */

export const PROPOSAL_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'converted',
  'merged',
  'assigned',
  'replied',
  'closed',
  'withdrawn',
] as const
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number]

/** Named groups of statuses a list may filter by (rules.ts says which statuses each holds). */
export const BOARD_STAGES = ['toAssign', 'answered', 'mergeTarget'] as const
export type BoardStage = (typeof BOARD_STAGES)[number]

export const RESOLUTIONS = ['已解决', '列入计划', '暂不具备条件'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

export const REPLY_METHODS = ['书面答复', '当面沟通', '会议答复'] as const
export type ReplyMethod = (typeof REPLY_METHODS)[number]

export const RATINGS = ['满意', '基本满意', '不满意'] as const
export type Rating = (typeof RATINGS)[number]

/** 届次: one 教代会 with its collection window. */
export interface SessionDoc {
  _id: string
  unionId: string
  name: string
  /** Prefix of the proposal numbers, e.g. 2026 → 2026-05. */
  codePrefix: string
  opensAt: string
  closesAt: string
  secondsRequired: number
  categories: string[]
  departments: string[]
  /** Numbers handed out so far; moves only together with an entry of `numbers`. */
  counter: number
  /**
   * The number ledger: proposalId → its number. A number is taken in ONE conditional update that moves
   * `counter` and records whose it is, so a submission cut short finds its own number again (no gap), and
   * no two proposals ever hold one. Absent on sessions numbered before the ledger.
   */
  numbers?: Record<string, number>
  createdBy: string
  createdAt: string
  /** The chair's later changes, oldest first (what changed, from → to). */
  edits?: HistoryEntry[]
  /** 'committee': a department's reply reaches the proposer only after the committee releases it (absent: 'none'). */
  replySignOff?: 'none' | 'committee'
  /** Days after the reply without a rating before it closes as 视为满意 (absent or 0: never). */
  autoCloseDays?: number
  [key: string]: unknown
}

/**
 * What a step of the lifecycle still owes after its transition (more writes, the messages), recorded by
 * the transition itself next to `followUpAt` (src/core/shared/follow-up.ts) and removed by its last write.
 */
export type PendingAction =
  | 'submit'
  | 'review'
  | 'assign'
  | 'reply'
  | 'returnReply'
  | 'redo'
  | 'close'
  | 'rateMain'
  | 'withdrawDraft'
  | 'withdrawSubmitted'
  | 'cooperate'
  | 'replyForSignOff'
  | 'signOff'
  | 'signOffReturn'
  | 'urge'
  | 'requestExtension'
  | 'decideExtension'

export interface PendingStep {
  action: PendingAction
  /** The step's place in the history (1-based): part of its messages' keys, so a rerun sends none twice. */
  step: number
  /** Who took the step (memberId). */
  by: string
}

export interface HistoryEntry {
  at: string
  byId: string
  byName: string
  /** What happened, in Chinese, e.g. 立案, 交办给教务处. */
  action: string
  note?: string
}

export interface ReplyEntry {
  at: string
  department: string
  byId: string
  byName: string
  method: ReplyMethod
  resolution: Resolution
  text: string
  /** Uploaded files (proposalFiles) the department attached to this reply; absent when none. */
  attachmentIds?: string[]
}

/** One 协办 department's opinion (协办意见) for the 主办 department; a later one of the same department replaces it. */
export interface CooperationEntry {
  department: string
  text: string
  at: string
  byId: string
  byName: string
}

export interface RatingEntry {
  at: string
  rating: Rating
  comment: string
  /** Closed as 视为满意 after the session's autoCloseDays without a rating: not the proposer's own word. */
  auto?: boolean
}

export interface Seconder {
  memberId: string
  name: string
}

export interface ProposalDoc {
  _id: string
  unionId: string
  sessionId: string
  status: ProposalStatus
  title: string
  reasons: string
  suggestion: string
  category: string
  suggestedDept: string
  proposerId: string
  proposerName: string
  /** Other delegates may find this draft in the 附议 list. */
  openForSeconds: boolean
  /** Set by 合理化建议 → 提案: the suggestion this draft came from. */
  fromSuggestionId?: string
  code?: string
  submittedAt?: string
  /** Accepted seconds, frozen at submission. */
  seconders: Seconder[]
  review?: { decision: 'accept' | 'reject' | 'merge'; reason: string; at: string; byName: string }
  mergedInto?: string
  mergedFrom: string[]
  /** On the target of 并案: proposalId → when it was merged in, written with the `mergedFrom` entry, once. */
  merges?: Record<string, string>
  assignment?: { lead: string; cooperating: string[]; replyBy: string; at: string }
  /**
   * 协办意见, keyed `d<position of the department in assignment.cooperating>` (stored field names are ASCII,
   * department names are not); absent until the first is given.
   */
  cooperation?: Record<string, CooperationEntry>
  /** The 协办 departments that gave their opinion: the home page counts the others by equality on this list. */
  cooperationGiven?: string[]
  replies: ReplyEntry[]
  /**
   * Whether the first reply came by `assignment.replyBy`, written with it (the report counts this); absent
   * before the first reply, and on proposals answered before the field existed.
   */
  firstReplyOnTime?: boolean
  /** The committee may return a reply once (答复审查); which reply and why. */
  replyReturned: boolean
  replyReturn?: { replyIndex: number; reason: string; at: string; byName: string }
  /**
   * Sign-off (session.replySignOff 'committee'): the latest reply waits for the committee, status staying
   * 'assigned'; only the committee and the department see it until it is released.
   */
  pendingSignOff?: { replyIndex: number; at: string }
  /** When the latest reply reached the proposer (released after sign-off); absent: the reply's own time. */
  replyReleasedAt?: string
  /** The committee's latest send-back at sign-off: the reply it withheld and why. */
  signOffReturn?: { reply: ReplyEntry; note: string; at: string; byName: string }
  ratings: RatingEntry[]
  /**
   * On a merged proposal: which replies of the main proposal its proposer rated (reply index → when). The
   * rating itself is in `ratings`; the index makes a second rating of the same reply impossible.
   */
  ratedMainReplies?: Record<string, string>
  /** 不满意 sends it back for 再办理 once. */
  redone: boolean
  closedAt?: string
  /** Closed because the main proposal it was merged into closed (随主提案办结). */
  closedWithMain?: boolean
  /** 撤回 by the proposer: a draft at any time, a submitted proposal only before 审查. */
  withdrawal?: { at: string; reason: string; stage: 'draft' | 'submitted' }
  /** The proposer's attached files (proposalFiles), in order; changed only while a draft (files.ts). */
  attachmentIds?: string[]
  /** Every file on the proposal, its own and its replies', so "which proposal carries this file" is one query. */
  fileIds?: string[]
  history: HistoryEntry[]
  /** 延期: the lead department's latest request and its decision (src/core/proposals/supervision.ts). */
  extension?: ExtensionState
  /** 逾期报主席: replyBy → when the chair was told, so each reply date escalates once. */
  escalations?: Record<string, string>
  /** Set while a step's remaining writes are unfinished (src/core/shared/follow-up.ts). */
  followUpAt?: string
  followUp?: PendingStep
  createdAt: string
  updatedAt: string
  [key: string]: unknown
}

/** A 延期 request of the lead department; a new one may follow once this one is decided. */
export interface ExtensionState {
  requested: { at: string; byId: string; byName: string; fromReplyBy: string; newReplyBy: string; reason: string }
  decided?: { at: string; byId: string; byName: string; approve: boolean; note: string }
}

/** One delegate's 附议 of one proposal: `_id = ${proposalId}_${memberId}`, so a second second is impossible. */
export interface SecondDoc {
  _id: string
  unionId: string
  proposalId: string
  memberId: string
  memberName: string
  status: 'invited' | 'accepted' | 'declined'
  invitedBy?: string
  /** Set at submission: the second can no longer change. */
  locked: boolean
  /** Set while the message of an invitation or a second is unsent (src/core/shared/follow-up.ts). */
  followUpAt?: string
  createdAt: string
  updatedAt: string
  [key: string]: unknown
}
