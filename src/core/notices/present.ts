import type { MemberDoc } from '../members/model'
import { isRecipient } from './audience'
import { CATEGORY_LABELS, type NoticeDoc, type NoticeReadDoc } from './model'
import type { NoticeDetail, NoticeFileView, NoticeListItem } from './views'

/** The chair and the union office manage every notice; a 提案委员会 member the 教代会 ones; an author their own. */
export function canManageNotice(
  m: Pick<MemberDoc, '_id' | 'roles'>,
  notice: Pick<NoticeDoc, 'category' | 'authorId'>,
): boolean {
  if (m.roles.includes('chair') || m.roles.includes('admin')) return true
  if (notice.authorId === m._id) return true
  return notice.category === 'congress' && m.roles.includes('committee')
}

/** Whether replies are closed on a Shanghai date (the deadline day itself is still open). */
export function confirmClosed(notice: Pick<NoticeDoc, 'confirmBy'>, today: string): boolean {
  return notice.confirmBy !== undefined && today > notice.confirmBy
}

export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
}

export function excerpt(body: string, length = 40): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length)}…` : flat
}

/** `readCount`: the notice's receipts counted (detail.ts), for a viewer who manages it. */
export function toListItem(
  notice: NoticeDoc,
  viewer: MemberDoc,
  read: NoticeReadDoc | undefined,
  readCount?: number,
): NoticeListItem {
  const addressedToMe = isRecipient(notice, viewer)
  const item: NoticeListItem = {
    id: notice._id,
    category: notice.category,
    categoryLabel: CATEGORY_LABELS[notice.category],
    title: notice.title,
    excerpt: excerpt(notice.body),
    pinned: notice.pinned,
    publishedAt: notice.publishedAt,
    authorName: notice.authorName,
    audienceLabel: notice.audienceLabel,
    addressedToMe,
    read: !addressedToMe || Boolean(read),
    needsMyResponse:
      addressedToMe && notice.status === 'published' && notice.confirmOptions.length > 0 && !read?.response,
    withdrawn: notice.status === 'withdrawn',
  }
  if (read?.response) item.myResponse = read.response
  if (readCount !== undefined && canManageNotice(viewer, notice))
    item.stats = { read: readCount, total: notice.recipientCount }
  return item
}

export function toDetail(
  notice: NoticeDoc,
  viewer: MemberDoc,
  read: NoticeReadDoc | null,
  today: string,
  files: { images: NoticeFileView[]; attachments: NoticeFileView[] },
  readCount?: number,
): NoticeDetail {
  const detail: NoticeDetail = {
    id: notice._id,
    category: notice.category,
    categoryLabel: CATEGORY_LABELS[notice.category],
    title: notice.title,
    paragraphs: splitParagraphs(notice.body),
    pinned: notice.pinned,
    publishedAt: notice.publishedAt,
    authorName: notice.authorName,
    audienceKind: notice.audience.kind,
    audienceLabel: notice.audienceLabel,
    addressedToMe: isRecipient(notice, viewer),
    confirmOptions: notice.confirmOptions,
    confirmClosed: confirmClosed(notice, today),
    canManage: canManageNotice(viewer, notice),
    images: files.images,
    attachments: files.attachments,
  }
  if (notice.confirmBy) detail.confirmBy = notice.confirmBy
  if (read?.response) detail.myResponse = read.response
  if (notice.withdrawn) detail.withdrawn = { reason: notice.withdrawn.reason, at: notice.withdrawn.at }
  if (notice.correctedAt) detail.correctedAt = notice.correctedAt
  if (detail.canManage && readCount !== undefined) detail.stats = { read: readCount, total: notice.recipientCount }
  return detail
}
