import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { loadActivity } from './load'
import type { QrImage } from './views'
import { appJsonPath, ROUTES } from '../shared/routes'

export const ACTIVITY_PAGE = appJsonPath(ROUTES.activity)

/** The scene a mini-program code carries (≤ 32 characters): the activity page reads `a` back. */
export const activityScene = (activityId: string) => `a=${activityId}`

export async function activityQrCode(ctx: Ctx, input: { activityId: string }): Promise<QrImage> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const image = await ctx.qrCodes.activityCode({
    unionId: a.unionId,
    activityId: a._id,
    page: ACTIVITY_PAGE,
    scene: activityScene(a._id),
  })
  return { ...image, page: `/${ACTIVITY_PAGE}?id=${a._id}` }
}
