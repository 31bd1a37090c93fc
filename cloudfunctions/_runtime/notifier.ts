import { C } from '@/core/shared/collections'
import type { Clock, Notifier, OutgoingMessage, Store } from '@/core/shared/ports'
import { recordMessage } from '@/server/notifier-store'
import type { CloudSdk } from './sdk'

/**
 * Template name → WeChat template id, from the function's environment variable TEMPLATE_IDS (JSON), set in
 * the console. Never from the client: a client choosing the template could send anything it likes.
 */
export function templateIds(json: string | undefined): Record<string, string> {
  if (!json) return {}
  const parsed: unknown = JSON.parse(json)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('TEMPLATE_IDS must be a JSON object')
  const out: Record<string, string> = {}
  for (const [name, id] of Object.entries(parsed)) {
    if (typeof id !== 'string') throw new Error(`TEMPLATE_IDS.${name} must be a string`)
    out[name] = id
  }
  return out
}

export const CREDITS = 'subscriptionCredits'

/**
 * Every message goes to the in-app inbox (`messages`, idempotent by key). A subscribe message is pushed on
 * top only when the message names a configured template and the member has a credit for it: each "allow"
 * a member taps in wx.requestSubscribeMessage grants one send, recorded as `count` in
 * `subscriptionCredits/<memberId>_<template>`; we spend one with a conditional `$inc -1` (count > 0), so
 * concurrent sends can never spend more than the member granted.
 */
export function createWechatNotifier(
  cloud: CloudSdk,
  store: Store,
  clock: Clock,
  templates: Record<string, string>,
): Notifier {
  return {
    async send(message) {
      if (!(await recordMessage(store, clock, message))) return false
      if (message.template) await push(message, message.template)
      return true
    },
  }

  async function push(message: OutgoingMessage, template: string): Promise<void> {
    const templateId = templates[template]
    if (!templateId) {
      console.warn(`[notifier] no template id configured for ${template}; message kept in the inbox only`)
      return
    }
    const member = await store.findOne(C.members, { _id: message.memberId })
    const openid = member?.openid
    if (typeof openid !== 'string' || openid === '') return
    const spent = await store.updateOne(
      CREDITS,
      { _id: `${message.memberId}_${template}`, count: { $gt: 0 } },
      { $inc: { count: -1 } },
    )
    if (!spent) return
    const data: Record<string, { value: string }> = {}
    for (const [key, value] of Object.entries(message.templateData ?? {})) data[key] = { value }
    try {
      await cloud.openapi.subscribeMessage.send({
        touser: openid,
        templateId,
        page: message.link?.replace(/^\//, ''),
        data,
      })
    } catch (e) {
      // The inbox already has the message. The credit is not refunded: WeChat's commonest failure (43101,
      // the member withdrew consent) means the credit was not really there.
      console.warn(`[notifier] subscribeMessage.send failed for ${message.key}`, e)
    }
  }
}
