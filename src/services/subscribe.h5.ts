import type { TemplateName } from '@/core/messages/model'

/** The browser demo has no WeChat push: messages still arrive in the message center. */
export async function askSubscribe(_templates: TemplateName[]): Promise<TemplateName[]> {
  return []
}

export const canSubscribe = false
