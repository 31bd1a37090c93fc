import type { TemplateName } from '@/core/messages/model'

/**
 * Asks the member to allow subscribe messages for these templates and tells the server which they accepted.
 * Resolves the accepted names. This fallback (and H5) asks nothing: the browser demo has no WeChat push.
 */
export async function askSubscribe(_templates: TemplateName[]): Promise<TemplateName[]> {
  return []
}

/** Whether this platform can push subscribe messages at all (only the mini-program can). */
export const canSubscribe = false
