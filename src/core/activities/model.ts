import type { Filter } from '../shared/ports'
import type { UploadRecord } from '../shared/uploads'

/** Who may sign up. `group` names one 工会小组. */
export type AudienceKind = 'all' | 'group' | 'women' | 'men' | 'delegates' | 'retired' | 'active'
export interface Audience {
  kind: AudienceKind
  groupId?: string
}

export type CancelPolicy = 'never' | 'anytime' | 'beforeClose'
export type GenderRule = 'any' | 'F' | 'M'
/**
 * none = individual; byGroup = each 工会小组 fields one team (拔河, 团体赛); captain = a teacher forms a
 * team and becomes its captain, colleagues join teams with room (the activity quota then counts teams).
 */
export type TeamMode = 'none' | 'byGroup' | 'captain'

/** One event of a sports meet (跳绳, 踢毽…), with its own quota (0 = unlimited) and gender rule. */
export interface ActivityItem {
  id: string
  name: string
  quota: number
  gender: GenderRule
}

export interface TeamRule {
  mode: TeamMode
  sizeMin: number
  sizeMax: number
  /** Minimum women per team (0 = no rule), e.g. 拔河 "至少4名女教师". */
  minWomen: number
}

/** A placing the chair records, stored at results.<itemKey>.<entrantId> so each entry is set atomically. */
export interface ResultEntry {
  /** True when the entrant is a 小组's team (entrantId = groupId), false for a person (memberId). */
  team: boolean
  place: number
  score: string
  recordedAt: string
}

export interface ActivityDoc {
  _id: string
  unionId: string
  title: string
  description: string
  startAt: string
  endAt: string
  place: string
  signupOpenAt: string
  signupCloseAt: string
  audience: Audience
  /** Seats for people (guests count too); 0 = unlimited. */
  quota: number
  /**
   * Seats taken by confirmed sign-ups (incl. guests) — or teams formed, for captain-formed teams: changed
   * only by conditional $inc.
   */
  taken: number
  cancelPolicy: CancelPolicy
  needsApproval: boolean
  rosterPublic: boolean
  /** Family members a teacher may bring (0 = none). */
  maxGuests: number
  items: ActivityItem[]
  /** Max items per person when items exist. */
  itemCap: number
  /** itemId → confirmed entrants, changed only by conditional $inc. */
  itemTaken: Record<string, number>
  team: TeamRule
  /** groupId → confirmed team members, changed only by conditional $inc. */
  teamTaken: Record<string, number>
  /**
   * The seat ledger: memberId → the seats that member's sign-up holds. An entry and the counters above
   * change in one conditional update (seats.ts), so the counters always equal the ledger's sum, and taking
   * or giving back a seat twice is impossible. Absent on activities made before the ledger.
   */
  seats?: Record<string, SeatHold>
  /** Points for 1st, 2nd, … place when totals per 小组 are kept, e.g. [7,5,4,3,2,1]. */
  points: number[]
  /** itemKey (an item id, or WHOLE_EVENT) → entrantId → placing. */
  results: Record<string, Record<string, ResultEntry>>
  status: 'active' | 'cancelled'
  /** Set when the chair calls the whole activity off (因雨取消); nothing else is removed. */
  cancelledAt?: string
  cancelledBy?: string
  cancelReason?: string
  /** The cover picture's upload id and storage key; '' or absent = no cover. */
  coverFileId?: string
  coverKey?: string
  createdBy: string
  createdAt: string
  updatedAt: string
  [key: string]: unknown
}

/** What one sign-up holds: its arrival key (which sign-up of that member), people, items and 小组 team. */
export interface SeatHold {
  q: string
  n: number
  items: string[]
  team?: string
}

/** A cover picture the chair uploaded (jpg/png, ≤ 2 MB), kept even when no activity names it any more. */
export interface CoverDoc extends UploadRecord {
  type: 'jpg' | 'png'
  [key: string]: unknown
}

export type SignupStatus = 'pending' | 'applied' | 'confirmed' | 'waitlisted' | 'cancelled' | 'rejected'

export interface SignupEvent {
  at: string
  status: SignupStatus
  by: string
  reason?: string
}

/** `_id` = `${activityId}_${memberId}`: a second sign-up for the same person is a duplicate key. */
export interface SignupDoc {
  _id: string
  unionId: string
  activityId: string
  memberId: string
  status: SignupStatus
  /** Sortable arrival key: the waitlist is served in this order. */
  queueKey: string
  itemIds: string[]
  guests: number
  /** Team: the groupId for byGroup events, the team's _id for captain-formed teams. */
  teamId?: string
  /** Who made the sign-up (a 小组长 for a retired colleague). */
  signedUpBy: string
  signedUpAt: string
  confirmedAt?: string
  cancelledAt?: string
  cancelReason?: string
  checkedInAt?: string
  checkedInBy?: string
  history: SignupEvent[]
  /** A change of this sign-up is not finished yet (src/core/shared/follow-up.ts, complete.ts). */
  followUpAt?: string
  /** The message that change still owes the member (sent once: its key is deterministic). */
  notifyPending?: SignupNotice
  [key: string]: unknown
}

/** Messages a sign-up change sends, by occasion. */
export type SignupNotice = 'promoted' | 'approved' | 'rejected' | 'removed' | 'joined'

/**
 * A captain-formed team. `_id` = `${activityId}_${captainId}`: one team per captain. size/men/women change
 * only by conditional $inc, so the size limit and the women rule hold under concurrent joins. Members are
 * the confirmed sign-ups whose teamId is this _id (a sign-up's own _id keeps a member in one team).
 */
export interface TeamDoc {
  _id: string
  unionId: string
  activityId: string
  name: string
  captainId: string
  size: number
  men: number
  women: number
  /** disbanded: the captain left an empty team; kept, not deleted. */
  status: 'active' | 'disbanded'
  /**
   * The team's ledger: memberId → the sign-up (arrival key) holding the place; changes in one update with
   * size/men/women, like the activity's seats. Absent on teams made before the ledger.
   */
  places?: Record<string, { q: string; gender: 'M' | 'F' }>
  createdAt: string
  updatedAt: string
  [key: string]: unknown
}

export const teamId = (activityId: string, captainId: string) => `${activityId}_${captainId}`

/**
 * Wrong check-in codes of one member for one activity in one window of CHECKIN_FAILURE_WINDOW_MS:
 * `_id` = `${activityId}_${memberId}_${window}`, `count` raised by conditional $inc only.
 */
export interface CheckinFailureDoc {
  _id: string
  unionId: string
  activityId: string
  memberId: string
  window: number
  count: number
  [key: string]: unknown
}

export interface SecretDoc {
  _id: string
  unionId: string
  secret: string
  createdAt: string
  [key: string]: unknown
}

/** Sign-ups that hold a seat or a place in line. */
export const ACTIVE_STATUSES: SignupStatus[] = ['pending', 'applied', 'confirmed', 'waitlisted']

export const signupId = (activityId: string, memberId: string) => `${activityId}_${memberId}`

/**
 * One activity's sign-ups, narrowed by `more` (a status, a queue key range). The order of the fields does not
 * matter: the local store puts the narrowest indexed equality last for nedb's planner (narrowestLast in
 * src/server/store/nedb-store.ts), and CloudBase uses the compound index {unionId, activityId, status, queueKey}.
 */
export function ofActivity(a: { _id: string; unionId: string }, more: Filter = {}): Filter {
  return { unionId: a.unionId, ...more, activityId: a._id }
}

/** Rows per page of 活动列表 when the page does not say (首页 asks for 3), and the most it may ask for. */
export const DEFAULT_ACTIVITY_PAGE = 20
export const MAX_ACTIVITY_PAGE = 50

/** Results key for an event without items (拔河, 登山 rankings). */
export const WHOLE_EVENT = 'all'
