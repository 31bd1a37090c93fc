import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { DuplicateKeyError, type Filter } from '../shared/ports'
import { shanghaiDate } from '../reminders/shanghai-time'
import { MC } from '../messages/collections'
import { isRecipient, memberKeys } from './audience'
import { NC } from './collections'
import type { NoticeDoc, NoticeReadDoc } from './model'
import { noticeDetail } from './detail'
import { canManageNotice, confirmClosed, toListItem } from './present'
import type { NoticeDetail, NoticeList } from './views'

const LIST_LIMIT = 100

export const receiptId = (noticeId: string, memberId: string) => `${noticeId}_${memberId}`

/** The chair and the office see every notice of the union; everyone else those sent to them (or written by them). */
function managesAll(m: MemberDoc): boolean {
  return m.roles.includes('chair') || m.roles.includes('admin')
}

/** Pinned first, then newest; unread marks from my receipts (one `$in` read). */
export async function listNotices(ctx: Ctx): Promise<NoticeList> {
  const viewer = me(ctx)
  const filter: Filter = managesAll(viewer)
    ? { unionId: viewer.unionId }
    : { unionId: viewer.unionId, status: 'published', audienceKeys: { $in: memberKeys(viewer) } }
  const notices = await ctx.store.find<NoticeDoc>(NC.notices, filter, { sort: { publishedAt: -1 }, limit: LIST_LIMIT })
  const visible = notices.filter((n) => n.status === 'published' || canManageNotice(viewer, n))
  const reads = visible.length
    ? await ctx.store.find<NoticeReadDoc>(
        NC.reads,
        { unionId: viewer.unionId, memberId: viewer._id, noticeId: { $in: visible.map((n) => n._id) } },
        { limit: LIST_LIMIT },
      )
    : []
  const readOf = new Map(reads.map((r) => [r.noticeId, r]))
  const items = visible
    .map((n) => toListItem(n, viewer, readOf.get(n._id)))
    .sort(
      (a, b) =>
        Number(b.pinned && !b.withdrawn) - Number(a.pinned && !a.withdrawn) ||
        b.publishedAt.localeCompare(a.publishedAt),
    )
  return { items, unread: items.filter((i) => !i.read && !i.withdrawn).length }
}

/** A notice the caller may see: a recipient, its author or a manager; anything else reads as not found. */
export async function loadVisibleNotice(ctx: Ctx, noticeId: string): Promise<NoticeDoc> {
  const viewer = me(ctx)
  const notice = await ctx.store.findOne<NoticeDoc>(NC.notices, { _id: noticeId, unionId: viewer.unionId })
  const manager = notice ? canManageNotice(viewer, notice) : false
  if (!notice || (!manager && (notice.status !== 'published' || !isRecipient(notice, viewer)))) {
    throw new AppError('NOT_FOUND', '找不到这条通知，可能已撤回或不是发给您的')
  }
  return notice
}

/**
 * Opening a notice records the read receipt. Its _id is `${noticeId}_${memberId}`, so opening twice (or on
 * two phones at once) writes one receipt, and only a new receipt counts toward the notice's read count.
 */
export async function openNotice(ctx: Ctx, input: { noticeId: string }): Promise<NoticeDetail> {
  const viewer = me(ctx)
  const notice = await loadVisibleNotice(ctx, input.noticeId)
  let read: NoticeReadDoc | null = null
  if (isRecipient(notice, viewer) && notice.status === 'published') {
    read = await recordRead(ctx, notice, viewer)
    // The message that announced it is read too, so the message center does not nag about it.
    const at = nowIso(ctx)
    await ctx.store.updateOne(
      MC.messages,
      { _id: `notice:${notice._id}:${viewer._id}:publish`, read: false },
      { $set: { read: true, readAt: at } },
    )
  }
  const fresh = (await ctx.store.findOne<NoticeDoc>(NC.notices, { _id: notice._id, unionId: viewer.unionId })) ?? notice
  return noticeDetail(ctx, fresh, viewer, read)
}

async function recordRead(ctx: Ctx, notice: NoticeDoc, viewer: MemberDoc): Promise<NoticeReadDoc> {
  const _id = receiptId(notice._id, viewer._id)
  const doc: NoticeReadDoc = {
    _id,
    unionId: notice.unionId,
    noticeId: notice._id,
    memberId: viewer._id,
    readAt: nowIso(ctx),
  }
  try {
    await ctx.store.insert(NC.reads, doc)
    await ctx.store.updateOne(NC.notices, { _id: notice._id }, { $inc: { readCount: 1 } })
    return doc
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    return (await ctx.store.findOne<NoticeReadDoc>(NC.reads, { _id })) ?? doc
  }
}

/** 参加 / 不参加 (or a time slot). Changing one's mind is allowed until the deadline; earlier answers are kept. */
export async function respondToNotice(ctx: Ctx, input: { noticeId: string; option: string }): Promise<NoticeDetail> {
  const viewer = me(ctx)
  const notice = await loadVisibleNotice(ctx, input.noticeId)
  const today = shanghaiDate(ctx.clock.now())
  if (!isRecipient(notice, viewer) || notice.status !== 'published')
    throw new AppError('CONFLICT', '这条通知不需要您回复')
  if (notice.confirmOptions.length === 0) throw new AppError('CONFLICT', '这条通知不需要回复')
  if (!notice.confirmOptions.includes(input.option))
    throw new AppError('BAD_INPUT', '请从通知给出的选项中选择', { option: '选项不正确' })
  if (confirmClosed(notice, today))
    throw new AppError('CONFLICT', `回复已于${notice.confirmBy}截止，如需更改请联系${notice.authorName}`)
  const read = await recordRead(ctx, notice, viewer)
  const at = nowIso(ctx)
  await ctx.store.updateOne(
    NC.reads,
    { _id: read._id },
    { $set: { response: input.option, respondedAt: at }, $push: { responses: [{ response: input.option, at }] } },
  )
  const fresh = (await ctx.store.findOne<NoticeDoc>(NC.notices, { _id: notice._id })) ?? notice
  return noticeDetail(ctx, fresh, viewer, { ...read, response: input.option, respondedAt: at })
}
