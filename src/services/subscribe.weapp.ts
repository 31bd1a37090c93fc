import Taro from '@tarojs/taro'
import type { TemplateName } from '@/core/messages/model'
import { call } from './api'

/**
 * Template ids for the consent dialog, from TARO_APP_TEMPLATE_IDS (JSON: {"notice":"…","birthday":"…"}).
 * The client only needs them to ask; the server never takes an id from us, only the names we report.
 */
function templateIds(): Partial<Record<TemplateName, string>> {
  try {
    const parsed: unknown = JSON.parse(process.env.TARO_APP_TEMPLATE_IDS || '{}')
    return parsed !== null && typeof parsed === 'object' ? (parsed as Partial<Record<TemplateName, string>>) : {}
  } catch {
    return {}
  }
}

export const canSubscribe = true

/** Opens WeChat's consent dialog (must run from a tap) and records one credit per accepted template. */
export async function askSubscribe(templates: TemplateName[]): Promise<TemplateName[]> {
  const ids = templateIds()
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
