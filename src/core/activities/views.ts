import type { PageInfo } from '../shared/page-input'
import type { Audience, CancelPolicy, GenderRule, SignupStatus, TeamRule } from './model'

export type Phase = 'upcoming' | 'open' | 'closed' | 'ongoing' | 'ended' | 'cancelled'

export interface ItemView {
  id: string
  name: string
  quota: number
  gender: GenderRule
  taken: number
}

/** A line in a list: only what a row shows (ActivityRow), so a page of rows stays small. */
export interface ActivitySummary {
  id: string
  title: string
  startAt: string
  place: string
  phase: Phase
  /** null = unlimited. */
  seatsLeft: number | null
  myStatus?: SignupStatus
  /** The caller has checked in (their sign-up's checkedInAt is set). */
  myCheckedIn?: true
  /** An address for the cover picture, when the activity has one. */
  coverUrl?: string
}

/** One page of 活动列表: rows in the list's order; `more`/`next` say whether and where it goes on. */
export interface ActivityPage extends PageInfo {
  items: ActivitySummary[]
}

/** A cover just uploaded: its id for create/update, and an address to preview it. */
export interface UploadedCover {
  id: string
  url: string
  /** WeChat is still checking the picture: until it passes, only the uploader sees it. */
  checking?: true
}

export interface MySignupView {
  status: SignupStatus
  /** 1-based place in the waitlist. */
  position?: number
  itemIds: string[]
  guests: number
  teamId?: string
  checkedInAt?: string
  cancelReason?: string
  canCancel: boolean
  /** Check-in is open now (rules.checkinWindowRefusal) and this confirmed seat is not checked in yet. */
  canCheckIn?: true
}

export interface ActivityDetail extends ActivitySummary {
  endAt: string
  signupCloseAt: string
  quota: number
  description: string
  /** The cover's upload id, so the edit page can keep it; absent = no cover. */
  coverFileId?: string
  signupOpenAt: string
  audience: Audience
  cancelPolicy: CancelPolicy
  needsApproval: boolean
  rosterPublic: boolean
  maxGuests: number
  items: ItemView[]
  itemCap: number
  team: TeamRule
  points: number[]
  confirmedCount: number
  waitlistCount: number
  mine?: MySignupView
  /** Why the caller cannot sign up now (phase, audience), or undefined when they can. */
  blockedReason?: string
  canManage: boolean
  /** A 小组长 may sign up colleagues of their 小组. */
  canSignUpOthers: boolean
  /** Captain-formed teams (empty for other events), the caller's own first. */
  teams: CaptainTeamView[]
  /** Why the chair called the activity off. */
  cancelReason?: string
  cancelledAt?: string
}

/** A captain-formed team as a teacher sees it on the activity page. */
export interface CaptainTeamView {
  id: string
  name: string
  captainId: string
  captainName: string
  size: number
  women: number
  members: { memberId: string; name: string }[]
  /** Why the caller cannot join it now (full, places kept for women, already in a team), or undefined. */
  joinRefusal?: string
  /** What it still lacks (人数不足…), empty when complete. */
  problems: string[]
}

export interface RosterLine {
  memberId: string
  name: string
  groupName: string
  gender: 'M' | 'F'
  status: SignupStatus
  position?: number
  itemNames: string[]
  guests: number
  teamName?: string
  signedUpAt: string
  checkedInAt?: string
  /** Too many wrong check-in codes: the chair checks this person in by hand. */
  checkinLocked?: boolean
  /** Only for the chair and the union office. */
  phone?: string
}

export interface RosterView {
  /** False when the chair keeps the list private: the caller then sees only counts. */
  visible: boolean
  confirmedCount: number
  waitlistCount: number
  checkedInCount: number
  lines: RosterLine[]
  teams: TeamView[]
}

export interface TeamView {
  /** The 小组's groupId for teams by 小组, the team's id for captain-formed teams. */
  id: string
  name: string
  captainName?: string
  size: number
  women: number
  /** Missing players or too few women, in words; empty when the team is valid. */
  problems: string[]
}

export interface SignupOutcome {
  status: SignupStatus
  position?: number
  message: string
}

/** A change the activity page makes (报名, 取消, 签到, 队伍): how it went, and the page as it now stands. */
export interface SignupResult extends SignupOutcome {
  activity: ActivityDetail
}

/**
 * 我的活动, one page of the caller's sign-ups at a time (latest first): a page's rows go into the sections
 * they belong to; `more`/`next` fetch older sign-ups.
 */
export interface MyActivities extends PageInfo {
  upcoming: ActivitySummary[]
  waitlisted: (ActivitySummary & { position: number })[]
  past: (ActivitySummary & { results: string[] })[]
}

export interface CheckinCode {
  code: string
  /** Milliseconds until the next code. */
  refreshInMs: number
  checkedInCount: number
  confirmedCount: number
}

export interface RankingLine {
  place: number
  name: string
  groupName: string
  score: string
  points: number
}

export interface ResultsView {
  title: string
  sections: { itemId: string; title: string; team: boolean; lines: RankingLine[] }[]
  /** Per-小组 totals when a points scheme is set. */
  groupTotals: { groupId: string; name: string; points: number }[]
  /** Entrants the chair can record for, per item ('' = whole event). */
  entrants: { itemId: string; options: { id: string; name: string; team: boolean }[] }[]
}

export interface ExportFile {
  fileName: string
  contentBase64: string
}

export interface QrImage {
  contentType: 'image/png' | 'image/jpeg'
  base64: string
  /** The H5/mini-program path the code opens. */
  page: string
}

export interface GroupCandidate {
  memberId: string
  name: string
  status?: SignupStatus
}
