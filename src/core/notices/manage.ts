import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { NC } from './collections'
import type { NoticeDoc } from './model'
import { noticeDetail } from './detail'
import { loadManagedNotice } from './receipts'
import type { NoticeDetail } from './views'

export async function setPinned(ctx: Ctx, input: { noticeId: string; pinned: boolean }): Promise<NoticeDetail> {
  const actor = me(ctx)
  const notice = await loadManagedNotice(ctx, input.noticeId)
  const at = nowIso(ctx)
  await ctx.store.updateOne(
    NC.notices,
    { _id: notice._id, unionId: actor.unionId },
    {
      $set: { pinned: input.pinned, updatedAt: at },
      $push: { history: [{ action: input.pinned ? '置顶' : '取消置顶', at, by: actor._id }] },
    },
  )
  return noticeDetail(ctx, { ...notice, pinned: input.pinned }, actor, null)
}

/** Withdrawing hides a notice from members but keeps it, its receipts and the reason. */
export async function withdrawNotice(ctx: Ctx, input: { noticeId: string; reason: string }): Promise<NoticeDetail> {
  const actor = me(ctx)
  const notice = await loadManagedNotice(ctx, input.noticeId)
  const at = nowIso(ctx)
  const withdrawn = { reason: input.reason, at, by: actor._id }
  const changed = await ctx.store.updateOne(
    NC.notices,
    { _id: notice._id, unionId: actor.unionId, status: 'published' },
    {
      $set: { status: 'withdrawn', withdrawn, pinned: false, updatedAt: at },
      $push: { history: [{ action: `撤回：${input.reason}`, at, by: actor._id }] },
    },
  )
  if (!changed) throw new AppError('CONFLICT', '这条通知已经撤回了')
  const updated: NoticeDoc = { ...notice, status: 'withdrawn', withdrawn, pinned: false }
  return noticeDetail(ctx, updated, actor, null)
}
