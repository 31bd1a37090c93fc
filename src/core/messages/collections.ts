/** Collections of the message center; `messages` is also the notifier's idempotency record. */
export const MC = {
  messages: 'messages',
  /** `${memberId}_${template}` → how many subscribe messages the member allowed (cloudfunctions/_runtime/notifier.ts). */
  credits: 'subscriptionCredits',
} as const
