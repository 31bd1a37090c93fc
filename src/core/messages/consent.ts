import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { DuplicateKeyError } from '../shared/ports'
import { MC } from './collections'
import type { SubscriptionCreditDoc, TemplateName } from './model'
import type { ConsentResult } from './views'

/**
 * WeChat keeps no more than this many pending one-time consents worth spending; a credit count beyond it
 * would only make the notifier try sends WeChat refuses, so extra taps are not counted.
 */
export const MAX_CREDITS = 20

export function creditId(memberId: string, template: TemplateName): string {
  return `${memberId}_${template}`
}

/**
 * Records the templates a member just allowed in wx.requestSubscribeMessage: one more send each. The
 * client names templates; which WeChat ids they map to is the server's configuration alone.
 */
export async function recordConsent(ctx: Ctx, input: { templates: TemplateName[] }): Promise<ConsentResult> {
  const member = me(ctx)
  const at = nowIso(ctx)
  const credits: Record<string, number> = {}
  for (const template of Array.from(new Set(input.templates))) {
    const _id = creditId(member._id, template)
    let added = await ctx.store.updateOne(
      MC.credits,
      { _id, count: { $lt: MAX_CREDITS } },
      { $inc: { count: 1 }, $set: { updatedAt: at } },
    )
    if (!added) {
      const doc: SubscriptionCreditDoc = {
        _id,
        unionId: member.unionId,
        memberId: member._id,
        template,
        count: 1,
        updatedAt: at,
      }
      try {
        await ctx.store.insert(MC.credits, doc)
        added = true
      } catch (e) {
        // Exists: either at the cap, or a concurrent first consent created it a moment ago.
        if (!(e instanceof DuplicateKeyError)) throw e
        await ctx.store.updateOne(
          MC.credits,
          { _id, count: { $lt: MAX_CREDITS } },
          { $inc: { count: 1 }, $set: { updatedAt: at } },
        )
      }
    }
    const doc = await ctx.store.findOne<SubscriptionCreditDoc>(MC.credits, { _id })
    credits[template] = doc?.count ?? 0
  }
  return { credits }
}
