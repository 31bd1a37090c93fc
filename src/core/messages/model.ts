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
  /** What became of the WeChat push on CloudBase; absent for an in-app-only message (or on the local cloud). */
  push?: PushOutcome
  /** When the push outcome was settled. */
  pushedAt?: string
  [key: string]: unknown
}

/**
 * A push's fate (cloudfunctions/_runtime/notifier.ts): `pending` until it is settled — one still pending
 * later means the function was killed mid-push, and it is never retried (a retry could send twice);
 * `not-configured` (no SUBSCRIBE_TEMPLATES entry), `not-bound` (no openid), `no-consent` (no credit left, or
 * WeChat's 43101), `sent`, or `failed:<errCode>` (WeChat refused it; the credit was given back).
 */
export type PushOutcome = 'pending' | 'sent' | 'no-consent' | 'not-bound' | 'not-configured' | `failed:${string}`

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
