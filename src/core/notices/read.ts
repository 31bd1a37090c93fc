import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { decodeCursor, encodeCursor, pageAfter, type KeysetQuery } from '../shared/keyset'
import { DuplicateKeyError, type Filter, type Store } from '../shared/ports'
import { shanghaiDate } from '../shared/shanghai-time'
import { MC } from '../messages/collections'
import { countUnreadMessages } from '../messages/inbox'
import { isRecipient, memberKeys } from './audience'
import { NC } from './collections'
import { NOTICE_PAGE, publishMessageKey, type NoticeDoc, type NoticeReadDoc } from './model'
import { countReaders, noticeDetail } from './detail'
import { canManageNotice, confirmClosed, toListItem } from './present'
import type { HomeNotices, NoticeDetail, NoticeList } from './views'

/** Rows 首页 shows. */
export const HOME_NOTICES = 3
/**
 * The unread count covers the newest this many notices sent to the member: a badge, not a list (the list
 * marks every row). Counting further would mean reading every notice ever sent; older ones count as filed.
 */
export const UNREAD_WINDOW = 30

export const receiptId = (noticeId: string, memberId: string) => `${noticeId}_${memberId}`

/** The chair and the office see every notice of the union; everyone else those sent to them (or written by them). */
function managesAll(m: MemberDoc): boolean {
  return m.roles.includes('chair') || m.roles.includes('admin')
}

/** The notices a member's list shows: a manager's whole union, anyone else's published ones sent to or by them. */
function visibleFilter(viewer: MemberDoc, publishedOnly: boolean): Filter {
  if (managesAll(viewer))
    return publishedOnly ? { unionId: viewer.unionId, status: 'published' } : { unionId: viewer.unionId }
  return { unionId: viewer.unionId, status: 'published', audienceKeys: { $in: memberKeys(viewer) } }
}

/** Published notices the member is a recipient of (not merely the author): what "unread" is counted over. */
function sentToMeFilter(viewer: MemberDoc): Filter {
  const keys = memberKeys(viewer).filter((k) => !k.startsWith('author:'))
  return { unionId: viewer.unionId, status: 'published', audienceKeys: { $in: keys } }
}

/**
 * The list is two streams read as one: pinned notices (newest first), then the others (newest first).
 * Withdrawing unpins (manage.ts), so a withdrawn notice is always in the second stream.
 */
type Stream = 'p' | 'r'
const STREAMS: Stream[] = ['p', 'r']

function streamQuery(base: Filter, stream: Stream): KeysetQuery {
  return { collection: NC.notices, filter: { ...base, pinned: stream === 'p' }, field: 'publishedAt', dir: -1 }
}

interface StreamPage {
  rows: { stream: Stream; notice: NoticeDoc }[]
  more: boolean
  next?: string
}

/**
 * One page of the two streams after `cursor`: the pinned stream's rest (when the cursor is still in it) and
 * the other stream's start or rest, read in parallel, then cut at `limit`.
 */
async function readStreams(store: Store, base: Filter, cursor: string | undefined, limit: number): Promise<StreamPage> {
  const at = cursor === undefined ? null : decodeCursor(cursor)
  if (cursor !== undefined && (at === null || !STREAMS.includes(at.tag as Stream)))
    throw new AppError('BAD_INPUT', '页码不正确，请刷新后重试', { cursor: '页码不正确' })
  const from = (at?.tag ?? 'p') as Stream
  const pages = await Promise.all(
    STREAMS.map((stream) =>
      stream === 'p' && from === 'r'
        ? Promise.resolve([] as NoticeDoc[])
        : pageAfter<NoticeDoc>(store, streamQuery(base, stream), at && at.tag === stream ? at.at : null, limit),
    ),
  )
  const all = STREAMS.flatMap((stream, i) => pages[i].map((notice) => ({ stream, notice })))
  const rows = all.slice(0, limit)
  const more = all.length > limit
  const last = rows[rows.length - 1]
  return more && last
    ? { rows, more, next: encodeCursor(last.stream, { value: last.notice.publishedAt, id: last.notice._id }) }
    : { rows, more: false }
}

/** My receipts among these notices, in one `$in` read. */
async function myReceipts(ctx: Ctx, viewer: MemberDoc, noticeIds: string[]): Promise<Map<string, NoticeReadDoc>> {
  const ids = Array.from(new Set(noticeIds))
  if (ids.length === 0) return new Map()
  const reads = await ctx.store.find<NoticeReadDoc>(
    NC.reads,
    { unionId: viewer.unionId, _id: { $in: ids.map((id) => receiptId(id, viewer._id)) } },
    { limit: ids.length },
  )
  return new Map(reads.map((r) => [r.noticeId, r]))
}

/** Of the newest UNREAD_WINDOW notices sent to me, how many I have not opened. */
function unreadIn(window: NoticeDoc[], mine: Map<string, NoticeReadDoc>): number {
  return window.slice(0, UNREAD_WINDOW).filter((n) => !mine.has(n._id)).length
}

function newestSentToMe(ctx: Ctx, viewer: MemberDoc): Promise<NoticeDoc[]> {
  return ctx.store.find<NoticeDoc>(NC.notices, sentToMeFilter(viewer), {
    sort: { publishedAt: -1 },
    limit: UNREAD_WINDOW,
  })
}

/**
 * 通知 list, a page at a time: pinned first, then newest; unread marks from my receipts. Two round trips
 * whatever the page: the streams (and, on the first page, the notices the unread count covers) in parallel,
 * then my receipts of all of them and, for notices I manage, their readers counted — in parallel.
 */
export async function listNotices(ctx: Ctx, input: { limit?: number; cursor?: string }): Promise<NoticeList> {
  const viewer = me(ctx)
  const first = input.cursor === undefined
  const [page, window] = await Promise.all([
    readStreams(ctx.store, visibleFilter(viewer, false), input.cursor, input.limit ?? NOTICE_PAGE),
    first ? newestSentToMe(ctx, viewer) : Promise.resolve(null),
  ])
  const notices = page.rows.map((r) => r.notice)
  const [mine, counts] = await Promise.all([
    myReceipts(
      ctx,
      viewer,
      [...notices, ...(window ?? [])].map((n) => n._id),
    ),
    Promise.all(notices.map((n) => (canManageNotice(viewer, n) ? countReaders(ctx.store, n, viewer._id) : undefined))),
  ])
  const list: NoticeList = {
    items: notices.map((n, i) => toListItem(n, viewer, mine.get(n._id), counts[i])),
    more: page.more,
  }
  if (page.next) list.next = page.next
  if (window) list.unread = unreadIn(window, mine)
  return list
}

/**
 * What 首页 shows of notices, in two round trips after the caller's: the first few published ones (pinned
 * first, then newest), how many of my newest are unread, and my unread messages — the reads and counts in
 * parallel, then my receipts of the notices read.
 */
export async function homeNotices(ctx: Ctx): Promise<HomeNotices> {
  const viewer = me(ctx)
  const [page, window, unreadMessages] = await Promise.all([
    readStreams(ctx.store, visibleFilter(viewer, true), undefined, HOME_NOTICES),
    newestSentToMe(ctx, viewer),
    countUnreadMessages(ctx),
  ])
  const notices = page.rows.map((r) => r.notice)
  const mine = await myReceipts(
    ctx,
    viewer,
    [...notices, ...window].map((n) => n._id),
  )
  return {
    items: notices.map((n) => toListItem(n, viewer, mine.get(n._id))),
    more: page.more,
    unread: unreadIn(window, mine),
    unreadMessages,
  }
}

/** Whether the viewer may see this notice: a recipient, its author or a manager; anything else is not found. */
function refuseUnlessVisible(notice: NoticeDoc | null, viewer: MemberDoc): NoticeDoc {
  const manager = notice ? canManageNotice(viewer, notice) : false
  if (!notice || (!manager && (notice.status !== 'published' || !isRecipient(notice, viewer)))) {
    throw new AppError('NOT_FOUND', '找不到这条通知，可能已撤回或不是发给您的')
  }
  return notice
}

/** A notice the caller may see: a recipient, its author or a manager; anything else reads as not found. */
export async function loadVisibleNotice(ctx: Ctx, noticeId: string): Promise<NoticeDoc> {
  const viewer = me(ctx)
  const notice = await ctx.store.findOne<NoticeDoc>(NC.notices, { _id: noticeId, unionId: viewer.unionId })
  return refuseUnlessVisible(notice, viewer)
}

/** The notice and my receipt of it, read together (the receipt's _id needs no read of the notice). */
async function noticeWithMyReceipt(
  ctx: Ctx,
  noticeId: string,
): Promise<{ viewer: MemberDoc; notice: NoticeDoc; mine: NoticeReadDoc | null }> {
  const viewer = me(ctx)
  const [notice, mine] = await Promise.all([
    ctx.store.findOne<NoticeDoc>(NC.notices, { _id: noticeId, unionId: viewer.unionId }),
    ctx.store.findOne<NoticeReadDoc>(NC.reads, { _id: receiptId(noticeId, viewer._id), unionId: viewer.unionId }),
  ])
  return { viewer, notice: refuseUnlessVisible(notice, viewer), mine }
}

/**
 * Opening a notice records the read receipt, in two round trips after the caller's: the notice, my receipt
 * and the announcing message marked read, together; then the receipt written (when it is my first open)
 * alongside the pictures and, for a manager, the readers counted.
 *
 * The receipt's _id is `${noticeId}_${memberId}`, so opening twice (or on two phones at once) writes one,
 * and the read count is the receipts counted: exact after any retry, and a call killed at any request
 * leaves a receipt or none, never a count that disagrees with them.
 */
export async function openNotice(ctx: Ctx, input: { noticeId: string }): Promise<NoticeDetail> {
  const viewer = me(ctx)
  // Only a recipient has this message (its key names them), so marking it needs no look at the notice first:
  // the message center stops nagging about a notice once it is opened.
  const [{ notice, mine }] = await Promise.all([
    noticeWithMyReceipt(ctx, input.noticeId),
    ctx.store.updateOne(
      MC.messages,
      { _id: publishMessageKey(input.noticeId, viewer._id), read: false },
      { $set: { read: true, readAt: nowIso(ctx) } },
    ),
  ])
  const counts = isRecipient(notice, viewer) && notice.status === 'published'
  const read = mine ?? (counts ? newReceipt(ctx, notice, viewer) : null)
  const [detail] = await Promise.all([
    noticeDetail(ctx, notice, viewer, read, read !== null),
    read !== null && !mine ? insertReceipt(ctx, read) : undefined,
  ])
  return detail
}

function newReceipt(ctx: Ctx, notice: NoticeDoc, viewer: MemberDoc): NoticeReadDoc {
  return {
    _id: receiptId(notice._id, viewer._id),
    unionId: notice.unionId,
    noticeId: notice._id,
    memberId: viewer._id,
    readAt: nowIso(ctx),
  }
}

/** Resolves whether this call wrote it: false when another open (a second phone) wrote it a moment ago. */
async function insertReceipt(ctx: Ctx, doc: NoticeReadDoc): Promise<boolean> {
  try {
    await ctx.store.insert(NC.reads, doc)
    return true
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    return false
  }
}

/**
 * 参加 / 不参加 (or a time slot). Changing one's mind is allowed until the deadline; earlier answers are kept.
 * The notice and my receipt are read together; the answer is then written (a new receipt carrying it, or
 * my receipt updated) alongside the detail's own reads.
 */
export async function respondToNotice(ctx: Ctx, input: { noticeId: string; option: string }): Promise<NoticeDetail> {
  const { viewer, notice, mine } = await noticeWithMyReceipt(ctx, input.noticeId)
  const today = shanghaiDate(ctx.clock.now())
  if (!isRecipient(notice, viewer) || notice.status !== 'published')
    throw new AppError('CONFLICT', '这条通知不需要您回复')
  if (notice.confirmOptions.length === 0) throw new AppError('CONFLICT', '这条通知不需要回复')
  if (!notice.confirmOptions.includes(input.option))
    throw new AppError('BAD_INPUT', '请从通知给出的选项中选择', { option: '选项不正确' })
  if (confirmClosed(notice, today))
    throw new AppError('CONFLICT', `回复已于${notice.confirmBy}截止，如需更改请联系${notice.authorName}`)
  const at = nowIso(ctx)
  const answer = { response: input.option, respondedAt: at }
  const entry = { response: input.option, at }
  const read: NoticeReadDoc = mine
    ? { ...mine, ...answer, responses: [...(mine.responses ?? []), entry] }
    : { ...newReceipt(ctx, notice, viewer), ...answer, responses: [entry] }
  const [detail] = await Promise.all([
    noticeDetail(ctx, notice, viewer, read, true),
    recordAnswer(ctx, read._id, mine === null ? read : null, answer, entry),
  ])
  return detail
}

/** Writes the answer: with a new receipt when there was none, else onto the receipt (also when one raced in). */
async function recordAnswer(
  ctx: Ctx,
  _id: string,
  fresh: NoticeReadDoc | null,
  answer: { response: string; respondedAt: string },
  entry: { response: string; at: string },
): Promise<void> {
  if (fresh && (await insertReceipt(ctx, fresh))) return
  await ctx.store.updateOne(NC.reads, { _id }, { $set: answer, $push: { responses: [entry] } })
}
