import type { PageInfo } from '../shared/page-input'
import type { Rating, ProposalStatus, ReplyMethod, Resolution } from './model'
import type { CooperationView } from './cooperation-view'
import type { SupervisionView } from './supervision-view'

export interface SessionView {
  id: string
  name: string
  codePrefix: string
  /** Shanghai dates, inclusive. */
  opensOn: string
  closesOn: string
  secondsRequired: number
  categories: string[]
  departments: string[]
  /** Whether proposals may be submitted right now. */
  open: boolean
  /** 未开始 / 征集中 / 已截止 */
  phase: 'upcoming' | 'open' | 'closed'
  submittedCount: number
  /** 'committee': replies go to the committee for 审核 before the proposer (absent: straight to the proposer). */
  replySignOff?: 'none' | 'committee'
  /** Days without a rating before a reply counts as 视为满意 and the proposal closes (absent or 0: never). */
  autoCloseDays?: number
}

export interface ProposalSummary {
  id: string
  code?: string
  title: string
  category: string
  status: ProposalStatus
  statusLabel: string
  /** 意见建议 after 不予立案. */
  isOpinion: boolean
  proposerName: string
  sessionId: string
  sessionName: string
  leadDept?: string
  replyBy?: string
  overdue: boolean
  lastRating?: Rating
  secondsCount: number
  submittedAt?: string
  updatedAt: string
}

/** One row of a proposal list: only what the row shows (ProposalRow). */
export type ProposalRowView = Pick<
  ProposalSummary,
  | 'id'
  | 'code'
  | 'title'
  | 'category'
  | 'status'
  | 'statusLabel'
  | 'proposerName'
  | 'secondsCount'
  | 'overdue'
  | 'leadDept'
  | 'replyBy'
  | 'lastRating'
>

/** A session to pick in a list's filter. */
export interface SessionOption {
  id: string
  name: string
}

/**
 * One page of the 提案公开栏 (or of a queue built on it), newest submission first. `more` says whether rows
 * follow; ask for them with `next` as the cursor and the same filters. The first page (no cursor) also
 * carries the count of every matching proposal, the sessions to pick from and the session it shows.
 */
export interface BoardPage extends PageInfo {
  items: ProposalRowView[]
  total?: number
  sessions?: SessionOption[]
  session?: SessionView
}

export interface SecondView {
  memberId: string
  name: string
  status: 'invited' | 'accepted' | 'declined'
}

export interface ReplyView {
  at: string
  department: string
  byName: string
  method: ReplyMethod
  resolution: Resolution
  text: string
  returnedReason?: string
}

/** What the caller may do with this proposal now; the server checks every one again when it is done. */
export interface ProposalPermissions {
  edit: boolean
  invite: boolean
  submit: boolean
  second: boolean
  withdrawSecond: boolean
  /** 撤回: the proposer's own draft, or submitted proposal not yet reviewed. */
  withdraw: boolean
  review: boolean
  assign: boolean
  reply: boolean
  returnReply: boolean
  /** 答复审核: release the waiting reply to the proposer, or send it back (sign-off.ts). */
  signOff?: boolean
  /** On a merged proposal: its proposer rates the main proposal's latest reply. */
  rate: boolean
  /**
   * 回避: the caller is on the committee or heads a department, but proposed or seconded this proposal, so
   * takes no step in handling it; the page says so instead of showing the step.
   */
  recused: boolean
}

export interface ProposalDetail extends ProposalSummary {
  reasons: string
  suggestion: string
  suggestedDept: string
  openForSeconds: boolean
  isMine: boolean
  secondsRequired: number
  /** Before submission: everyone asked and their answer; after: the frozen seconders. */
  seconds: SecondView[]
  review?: { decision: 'accept' | 'reject' | 'merge'; reason: string; at: string; byName: string }
  withdrawal?: { at: string; reason: string; stage: 'draft' | 'submitted' }
  mergedInto?: { id: string; code?: string; title: string }
  mergedFrom: { id: string; code?: string; title: string }[]
  assignment?: { lead: string; cooperating: string[]; replyBy: string }
  /** 协办: the departments' opinions, for those who may read them (cooperation-view.ts); absent for others. */
  cooperation?: CooperationView
  /** A merged proposal's are the main proposal's replies (repliesFromMain). */
  replies: ReplyView[]
  repliesFromMain?: boolean
  replyReturned: boolean
  /**
   * 答复审核, for the committee and the 主办 department only: since when the latest reply waits, and the
   * committee's latest send-back (the withheld reply's text and why).
   */
  signOff?: { waitingSince?: string; returned?: { note: string; at: string; byName: string; text: string } }
  ratings: { at: string; rating: Rating; comment: string }[]
  redone: boolean
  history: { at: string; byName: string; action: string; note?: string }[]
  session: SessionView
  can: ProposalPermissions
  /** 督办 once assigned: 催办 and 延期 the caller may do, and the latest 延期 request. */
  supervision?: SupervisionView
}

export interface SimilarProposal {
  id: string
  code?: string
  title: string
  sessionName: string
  statusLabel: string
  /** 0–100: share of character pairs in common. */
  score: number
}

export interface MyProposals {
  /** Newest change first. */
  mine: ProposalRowView[]
  /** Drafts I was invited to second, or that are open for anyone to second. */
  toSecond: (ProposalRowView & { myStatus?: 'invited' | 'accepted' | 'declined' })[]
  /** A list was cut at its bound (100): only the newest are shown. */
  more: boolean
}

/** Counts for the home page, each only for who it concerns. */
export interface ProposalTodo {
  currentSession?: { id: string; name: string; open: boolean; closesOn: string }
  myDrafts: number
  myInProgress: number
  toRate: number
  invitations: number
  toReview: number
  toAssign: number
  repliesToCheck: number
  /** 答复审核: replies waiting for the committee before they reach the proposer. */
  repliesToSignOff?: number
  /** 延期申请 waiting for the committee's decision. */
  extensionsToDecide?: number
  toReply: number
  /** 协办 proposals of the caller's department still without its 协办意见. */
  toCooperate: number
}

export interface DelegateOption {
  id: string
  name: string
  groupName: string
}

export type OverdueItem = ProposalRowView & { daysOverdue: number }

/** One session's, longest overdue first; `more`: there are more than the list holds (100). */
export interface OverdueList {
  items: OverdueItem[]
  more: boolean
  /** The session listed; absent when the union has none. */
  session?: SessionOption
}

export interface CountRow {
  key: string
  count: number
}

export interface SessionReport {
  session: SessionView
  total: number
  byStatus: CountRow[]
  byCategory: CountRow[]
  byDepartment: CountRow[]
  ratings: {
    rated: number
    satisfied: number
    basicallySatisfied: number
    unsatisfied: number
    satisfactionRate: number
    /** Of the 满意: closed as 「视为满意」 after the session's days without a rating (auto-close.ts). */
    autoSatisfied?: number
  }
  replies: { due: number; onTime: number; late: number; onTimeRate: number }
  overdue: number
  /** 审查 outcomes of the proposals received. */
  review: { pending: number; accepted: number; converted: number; merged: number; withdrawn: number }
  /** Proposals handed to departments (立案 and 意见建议): answered, 办复率, 办结. */
  handling: { assigned: number; answered: number; answerRate: number; closed: number }
  /** The figures as plain sentences a chair copies into the 提案工作报告. */
  paragraphs: string[]
  /** 结转: earlier sessions' proposals still unfinished, listed with this one (carry-over.ts). */
  carriedOver?: ProposalRowView[]
}

export interface ExportedFile {
  fileName: string
  contentBase64: string
}
