import type { Ctx } from './context'
import { AppError } from './errors'

/**
 * Text that will be shown to others passes the platform's content check first, every field at once (each a
 * round trip to WeChat); nothing is written otherwise. Blank fields are not sent. The refusal names the first
 * refused field, in the order given, and lists every refused one for the form.
 */
export async function checkTexts(
  ctx: Pick<Ctx, 'contentCheck' | 'openid'>,
  texts: Record<string, string>,
): Promise<void> {
  const fields = Object.entries(texts).filter(([, value]) => value.trim() !== '')
  const reasons = await Promise.all(fields.map(([, value]) => ctx.contentCheck.check(value, ctx.openid ?? '')))
  const refused = Object.fromEntries(fields.flatMap(([field], i) => (reasons[i] ? [[field, reasons[i]]] : [])))
  const first = Object.values(refused)[0]
  if (first) throw new AppError('CONTENT_REJECTED', first, refused)
}
