import type { MemberStatus } from '../shared/roles'
import type { GiftKind } from './model'

/** Today's birthday card for the signed-in member, or null on any other day. */
export interface BirthdayCardView {
  messageId: string
  title: string
  body: string
  date: string
  unionName: string
  /** Who signs the card (README: the chair), e.g. 「实验小学工会主席 王建国」. */
  signature: string
}

/** One birthday on the chair's list. Age only when the caller is the chair; never the birth year. */
export interface BirthdayRow {
  memberId: string
  name: string
  groupName: string
  status: MemberStatus
  /** MM-DD as stored. */
  birthday: string
  /** The celebration date this row is about (YYYY-MM-DD; 29 Feb → 28 Feb in a common year). */
  date: string
  daysAway: number
  age?: number
  hideBirthday: boolean
  noGreetings: boolean
  gift?: { given: boolean; kind: GiftKind; note: string }
}

export type UpcomingRange = 'week' | 'month' | 'quarter'

export interface UpcomingBirthdays {
  today: string
  range: UpcomingRange
  days: number
  rows: BirthdayRow[]
}

export interface QuarterRoster {
  year: number
  quarter: number
  /** Months of the quarter, each with its birthdays in date order (for the 季度生日会). */
  months: { month: number; rows: BirthdayRow[] }[]
  total: number
  giftsGiven: number
}

export interface GreetingSettingsView {
  template: string
  includeRetired: boolean
  /** The template rendered for an example name, so the chair sees what a teacher will see. */
  preview: string
  isDefault: boolean
}

export interface DailyGreetingReport {
  date: string
  unions: number
  birthdays: number
  sent: number
  alreadySent: number
  skipped: { optedOut: number; retired: number }
}
