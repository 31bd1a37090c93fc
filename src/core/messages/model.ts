/** A message as the notifier keeps it (src/server/notifier-store.ts writes it; `_id` is the send key). */
export interface StoredMessageDoc {
  _id: string
  unionId: string
  memberId: string
  kind: string
  title: string
  body: string
  link?: string
  read: boolean
  readAt?: string
  createdAt: string
  [key: string]: unknown
}

/** Subscribe-message names the server maps to WeChat template ids; the client only ever names them. */
export const TEMPLATE_NAMES = ['activity', 'notice', 'birthday', 'proposal'] as const
export type TemplateName = (typeof TEMPLATE_NAMES)[number]

/** One "allow" in wx.requestSubscribeMessage = one send; the notifier spends them one at a time. */
export interface SubscriptionCreditDoc {
  _id: string
  unionId: string
  memberId: string
  template: TemplateName
  count: number
  updatedAt: string
  [key: string]: unknown
}
