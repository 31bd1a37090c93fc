import Taro from '@tarojs/taro'
import type { TemplateName } from '@/core/messages/model'
import { getSession } from '@/hooks/session-store'
import { call } from './api'

export const canSubscribe = true

/**
 * Opens WeChat's consent dialog (must run from a tap) and records one credit per accepted template. The
 * template ids come from the server with session.whoami, already loaded when a page shows, so the dialog
 * opens within the tap; the server never takes an id from us, only the names we report.
 */
export async function askSubscribe(templates: TemplateName[]): Promise<TemplateName[]> {
  const ids = getSession().whoami?.subscribeTemplateIds ?? {}
  const wanted = templates.filter((t) => ids[t])
  if (wanted.length === 0) return []
  const answer = (await Taro.requestSubscribeMessage({
    tmplIds: wanted.map((t) => ids[t] as string),
    entityIds: [],
  })) as unknown as Record<string, string>
  const accepted = wanted.filter((t) => answer[ids[t] as string] === 'accept')
  if (accepted.length) await call('messages.recordConsent', { templates: accepted })
  return accepted
}
