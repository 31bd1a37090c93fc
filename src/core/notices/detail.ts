import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import { checkingFlag, uploadVisibleTo } from '../shared/uploads'
import { shanghaiDate } from '../reminders/shanghai-time'
import { NC } from './collections'
import type { NoticeDoc, NoticeFileDoc, NoticeFileRef, NoticeReadDoc } from './model'
import { toDetail } from './present'
import type { NoticeDetail, NoticeFileView } from './views'

/** A notice as its reader sees it, pictures and documents included (addresses fetched here, in one batch). */
export async function noticeDetail(
  ctx: Pick<Ctx, 'store' | 'files' | 'clock'>,
  notice: NoticeDoc,
  viewer: MemberDoc,
  read: NoticeReadDoc | null,
): Promise<NoticeDetail> {
  return toDetail(notice, viewer, read, shanghaiDate(ctx.clock.now()), await noticeFileViews(ctx, notice, viewer))
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
  const docs = await ctx.store.find<NoticeFileDoc>(
    NC.files,
    { unionId: notice.unionId, _id: { $in: refs.map((r) => r.id) } },
    { limit: refs.length },
  )
  const docOf = new Map(docs.filter((d) => uploadVisibleTo(d, viewer._id)).map((d) => [d._id, d]))
  const present = refs.filter((r) => docOf.has(r.id))
  const urls = await ctx.files.urls(present.map((r) => (docOf.get(r.id) as NoticeFileDoc).storageKey))
  const urlOf = new Map(present.map((r, i) => [r.id, urls[i]]))
  const view = (r: NoticeFileRef): NoticeFileView[] => {
    const url = urlOf.get(r.id)
    const doc = docOf.get(r.id)
    return url && doc ? [{ id: r.id, name: r.name, type: r.type, size: r.size, url, ...checkingFlag(doc) }] : []
  }
  return { images: (notice.images ?? []).flatMap(view), attachments: (notice.attachments ?? []).flatMap(view) }
}
