import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import { NC } from './collections'
import type { NoticeDoc, NoticeReadDoc } from './model'
import { noticeDetail } from './detail'
import { noticeLink, noticeValues } from './publish'
import { loadManagedNotice } from './receipts'
import type { NoticeDetail } from './views'

export interface CorrectInput {
  noticeId: string
  title: string
  body: string
  /** Tell everyone who already read it that the text changed (e.g. a meeting moved to another room). */
  notifyReaders: boolean
}

/**
 * Corrects the title or text of a published notice. The words before are kept in `revisions`, never
 * overwritten; receipts and replies stay as they are. Who may manage the notice may correct it.
 */
export async function correctNotice(ctx: Ctx, input: CorrectInput): Promise<NoticeDetail & { notified: number }> {
  const actor = me(ctx)
  const notice = await loadManagedNotice(ctx, input.noticeId)
  if (notice.status !== 'published') throw new AppError('CONFLICT', '这条通知已经撤回，不能再更正')
  if (notice.title === input.title && notice.body === input.body)
    throw new AppError('BAD_INPUT', '标题和正文都没有改动', { body: '没有改动' })
  const refusal = await ctx.contentCheck.check(`${input.title}\n${input.body}`, ctx.openid ?? '')
  if (refusal) throw new AppError('CONTENT_REJECTED', refusal)

  const at = nowIso(ctx)
  const before = { title: notice.title, body: notice.body, at, by: actor._id }
  // Matching the text we read means two people correcting at once cannot silently drop one correction.
  const changed = await ctx.store.updateOne(
    NC.notices,
    { _id: notice._id, unionId: actor.unionId, status: 'published', title: notice.title, body: notice.body },
    {
      $set: { title: input.title, body: input.body, correctedAt: at, updatedAt: at },
      $push: { revisions: [before], history: [{ action: '更正', at, by: actor._id }] },
    },
  )
  if (!changed) throw new AppError('CONFLICT', '这条通知刚被别人更正或撤回了，请刷新后再改')
  const corrected: NoticeDoc = { ...notice, title: input.title, body: input.body, correctedAt: at }
  const notified = input.notifyReaders ? await tellReaders(ctx, corrected, (notice.revisions?.length ?? 0) + 1) : 0
  return { ...(await noticeDetail(ctx, corrected, actor, null)), notified }
}

/** One message to each member who had read the notice; the revision number keeps each correction's key apart. */
async function tellReaders(ctx: Ctx, notice: NoticeDoc, revision: number): Promise<number> {
  const reads = await findAll<NoticeReadDoc>(ctx.store, NC.reads, { unionId: notice.unionId, noticeId: notice._id })
  let sent = 0
  for (const read of reads) {
    if (read.memberId === notice.authorId) continue
    const delivered = await ctx.notifier.send({
      key: `notice:${notice._id}:${read.memberId}:correct:${revision}`,
      unionId: notice.unionId,
      memberId: read.memberId,
      kind: 'notice',
      title: `【已更正】${notice.title}`,
      body: `您读过的通知「${notice.title}」内容有更正，请再看一遍`,
      link: noticeLink(notice._id),
      // Like every notice message, also a WeChat push where the reader allowed one; in-app only otherwise.
      template: 'notice',
      templateData: noticeValues(notice, '通知内容有更正', nowIso(ctx)),
    })
    if (delivered) sent++
  }
  return sent
}
