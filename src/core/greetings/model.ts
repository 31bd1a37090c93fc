/** The chair's greeting choices for a union; `_id` is the unionId (one per union). */
export interface GreetingSettingsDoc {
  _id: string
  unionId: string
  /** Message with `{name}` where the member's name goes. */
  template: string
  /** Whether retired members are greeted too. */
  includeRetired: boolean
  updatedAt: string
  updatedBy: string
  [key: string]: unknown
}

export const GIFT_KINDS = ['生日蛋糕', '生日卡', '鲜花', '其他'] as const
export type GiftKind = (typeof GIFT_KINDS)[number]

/** A birthday gift for one member in one year; `_id = ${memberId}_${year}` makes it one per member per year. */
export interface BirthdayGiftDoc {
  _id: string
  unionId: string
  memberId: string
  year: number
  given: boolean
  kind: GiftKind
  note: string
  at: string
  by: string
  /** Every change, so un-marking a gift never erases that it was once marked. */
  history: { given: boolean; kind: GiftKind; note: string; at: string; by: string }[]
  [key: string]: unknown
}
