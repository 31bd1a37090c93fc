import { MC } from '@/core/messages/collections'
import { creditId, MAX_CREDITS } from '@/core/messages/consent'
import type { PushOutcome, TemplateName } from '@/core/messages/model'
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import type { Clock, Notifier, OutgoingMessage, Store } from '@/core/shared/ports'
import { recordMessage } from '@/server/notifier-store'
import type { CloudSdk } from './sdk'
import { templateData, type SubscribeConfig, type TemplateConfig } from './subscribe-config'

/** subscribeMessage.send's "用户拒绝接受消息" — no consent (left) for this template: the credit was not real. */
export const NO_CONSENT = 43101

/**
 * Every message goes to the in-app inbox (`messages`, idempotent by key). A subscribe message is pushed on
 * top only when the message names a template configured in SUBSCRIBE_TEMPLATES and the member has a credit
 * for it: each "allow" a member taps in wx.requestSubscribeMessage grants one send, recorded as `count` in
 * `subscriptionCredits/<memberId>_<template>`.
 *
 * The steps, each one database request or one WeChat call, in the order that never sends twice:
 *   1. insert the message with `push: 'pending'` (the member's openid is read beside it) — the key is the
 *      gate: a rerun or a concurrent call with the same key stops here, so only the call that inserted it
 *      ever pushes;
 *   2. spend a credit with a conditional `$inc -1` (count > 0): concurrent sends never spend more than granted;
 *   3. subscribeMessage.send;
 *   4. WeChat refused it for another reason than 43101 → give the credit back (conditional `$inc +1`, kept
 *      under MAX_CREDITS);
 *   5. record the outcome on the message (`push`).
 * A kill (CloudBase's timeout) between any two steps never leads to a second send, because nothing retries a
 * recorded key. What it can leave: a message in the inbox whose push stays `pending` (after 1, never tried;
 * later, tried or not); and, when the kill falls after 2 but before WeChat accepted the message or before 4
 * gave the credit back, one credit lost. That is accepted: a lost credit is one push the member would allow
 * again, whereas retrying a push whose outcome is unknown could send the same message twice.
 */
export function createWechatNotifier(
  cloud: { openapi: { subscribeMessage: Pick<CloudSdk['openapi']['subscribeMessage'], 'send'> } },
  store: Store,
  clock: Clock,
  templates: SubscribeConfig,
): Notifier {
  return {
    async send(message) {
      if (!message.template) return recordMessage(store, clock, message)
      const config = templates[message.template]
      if (!config) return recordMessage(store, clock, message, 'not-configured')
      // The member (for the openid) is read beside the gate: one round trip, not two, and only the call that
      // inserted the message uses it.
      const [recorded, member] = await Promise.all([
        recordMessage(store, clock, message, 'pending'),
        store.findOne<MemberDoc>(C.members, { _id: message.memberId }),
      ])
      if (!recorded) return false
      const outcome = await push(message, member, message.template, message.templateData, config)
      await store.updateOne(
        MC.messages,
        { _id: message.key, push: 'pending' },
        { $set: { push: outcome, pushedAt: clock.now().toISOString() } },
      )
      return true
    },
  }

  async function push(
    message: OutgoingMessage,
    member: MemberDoc | null,
    template: TemplateName,
    values: Readonly<Record<string, string>>,
    config: TemplateConfig,
  ): Promise<PushOutcome> {
    let data: Record<string, { value: string }>
    try {
      data = templateData(config, values)
    } catch (e) {
      // A value our domain should never produce (a bad instant): the inbox has the message; no credit spent.
      console.error(`[notifier] cannot fill template ${template} for ${message.key}`, e)
      return 'failed:format'
    }
    const openid = member?.openid
    if (typeof openid !== 'string' || openid === '') return 'not-bound'
    const _id = creditId(message.memberId, template)
    if (!(await store.updateOne(MC.credits, { _id, count: { $gt: 0 } }, { $inc: { count: -1 } }))) return 'no-consent'

    const refusal = await send({ touser: openid, templateId: config.id, page: message.link?.replace(/^\//, ''), data })
    if (refusal === null) return 'sent'
    if (refusal.errCode === NO_CONSENT) return 'no-consent'
    await store.updateOne(MC.credits, { _id, count: { $lt: MAX_CREDITS } }, { $inc: { count: 1 } })
    console.warn(
      `[notifier] subscribeMessage.send failed for ${message.key} (template ${template}): ` +
        `errCode ${refusal.errCode} ${refusal.errMsg}; the credit was given back`,
    )
    return `failed:${refusal.errCode}`
  }

  /** null when WeChat accepted the message; otherwise its errCode (`unknown` when the call gave none). */
  async function send(
    params: Parameters<CloudSdk['openapi']['subscribeMessage']['send']>[0],
  ): Promise<{ errCode: number | 'unknown'; errMsg: string } | null> {
    try {
      // wx-server-sdk throws on a WeChat errcode (CloudSDKError with errCode/errMsg); a non-zero errCode in
      // a resolved reply is treated the same, in case another SDK version resolves it instead.
      const reply = await cloud.openapi.subscribeMessage.send(params)
      const code = errorCode(reply)
      return code === undefined || code === 0 ? null : { errCode: code, errMsg: errorMessage(reply) }
    } catch (e) {
      return { errCode: errorCode(e) ?? 'unknown', errMsg: errorMessage(e) }
    }
  }
}

function errorCode(x: unknown): number | undefined {
  if (x === null || typeof x !== 'object') return undefined
  const code = (x as { errCode?: unknown }).errCode
  return typeof code === 'number' ? code : undefined
}

function errorMessage(x: unknown): string {
  if (x instanceof Error) return x.message
  if (x === null || typeof x !== 'object') return String(x)
  const msg = (x as { errMsg?: unknown }).errMsg
  return typeof msg === 'string' ? msg : ''
}
