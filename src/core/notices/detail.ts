import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import type { Store } from '../shared/ports'
import { checkingFlag, uploadVisibleTo } from '../shared/uploads'
import { shanghaiDate } from '../shared/shanghai-time'
import { NC } from './collections'
import type { NoticeDoc, NoticeFileDoc, NoticeFileRef, NoticeReadDoc } from './model'
import { canManageNotice, toDetail } from './present'
import type { NoticeDetail, NoticeFileView } from './views'

/**
 * A notice as its reader sees it, pictures and documents included (addresses fetched here, in one batch),
 * and for those who manage it how many have read it, counted at the same time.
 *
 * `viewerHasRead`: set by a caller writing the viewer's own receipt in parallel with this (opening a
 * notice), so the count need not wait for that write: the others' receipts are counted and the viewer's
 * added. Absent, every receipt is counted as stored.
 */
export async function noticeDetail(
  ctx: Pick<Ctx, 'store' | 'files' | 'clock'>,
  notice: NoticeDoc,
  viewer: MemberDoc,
  read: NoticeReadDoc | null,
  viewerHasRead?: boolean,
): Promise<NoticeDetail> {
  const [files, readCount] = await Promise.all([
    noticeFileViews(ctx, notice, viewer),
    canManageNotice(viewer, notice) ? countReaders(ctx.store, notice, viewer._id, viewerHasRead) : undefined,
  ])
  return toDetail(notice, viewer, read, shanghaiDate(ctx.clock.now()), files, readCount)
}

/**
 * How many have read a notice: its receipts, counted. A receipt's _id is `${noticeId}_${memberId}`, so the
 * count is exact however often (or on how many phones at once) a notice was opened, and a call killed
 * half-way leaves either a receipt or none: there is no second number to drift from it.
 */
export async function countReaders(
  store: Store,
  notice: Pick<NoticeDoc, '_id' | 'unionId'>,
  viewerId: string,
  viewerHasRead?: boolean,
): Promise<number> {
  const filter = { unionId: notice.unionId, noticeId: notice._id }
  if (viewerHasRead === undefined) return store.count(NC.reads, filter)
  return (await store.count(NC.reads, { ...filter, memberId: { $ne: viewerId } })) + (viewerHasRead ? 1 : 0)
}

/**
 * The pictures and documents of a notice with addresses to open them, in one batch from the Files port. A
 * picture shows once its content check passed; while it is checked only its uploader sees it (`checking`),
 * and once refused nobody does.
 */
export async function noticeFileViews(
  ctx: Pick<Ctx, 'store' | 'files'>,
  notice: NoticeDoc,
  viewer: MemberDoc,
): Promise<{ images: NoticeFileView[]; attachments: NoticeFileView[] }> {
  const refs = [...(notice.images ?? []), ...(notice.attachments ?? [])]
  if (refs.length === 0) return { images: [], attachments: [] }
  const records = ctx.store.find<NoticeFileDoc>(
    NC.files,
    { unionId: notice.unionId, _id: { $in: refs.map((r) => r.id) } },
    { limit: refs.length },
  )
  // With the keys copied onto the notice, the addresses are asked for while the records (which say who may
  // see each picture) are read; an address of a hidden one is simply never handed out.
  const keys = refs.map((r) => r.storageKey)
  const known = keys.every((k): k is string => k !== undefined)
  const [docs, early] = await Promise.all([records, known ? ctx.files.urls(keys) : undefined])
  const docOf = new Map(docs.filter((d) => uploadVisibleTo(d, viewer._id)).map((d) => [d._id, d]))
  const present = refs.filter((r) => docOf.has(r.id))
  const urlOf = early
    ? new Map(refs.map((r, i) => [r.id, early[i]]))
    : await ctx.files
        .urls(present.map((r) => (docOf.get(r.id) as NoticeFileDoc).storageKey))
        .then((urls) => new Map(present.map((r, i) => [r.id, urls[i]])))
  const view = (r: NoticeFileRef): NoticeFileView[] => {
    const url = urlOf.get(r.id)
    const doc = docOf.get(r.id)
    return url && doc ? [{ id: r.id, name: r.name, type: r.type, size: r.size, url, ...checkingFlag(doc) }] : []
  }
  return { images: (notice.images ?? []).flatMap(view), attachments: (notice.attachments ?? []).flatMap(view) }
}
