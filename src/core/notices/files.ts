import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { uploadCheckedFile } from '../shared/upload-file'
import { hiddenUploadMessage, refuseRiskyUpload, uploadVisibleTo } from '../shared/uploads'
import { NC } from './collections'
import { MAX_ATTACHMENTS, MAX_IMAGES, type NoticeDoc, type NoticeFileDoc, type NoticeFileRef } from './model'
import { canManageNotice } from './present'
import { isRecipient } from './audience'
import { loadVisibleNotice } from './read'
import type { NoticeFileLink, UploadedFile } from './views'

/**
 * A publisher uploads one picture or document before publishing; the notice then names it by id. The
 * bytes go to the Files port first, a picture to the content check next, and the record last, so a refused
 * or failed upload records nothing. While WeChat checks a picture, only its uploader sees it.
 */
export async function uploadNoticeFile(
  ctx: Ctx,
  input: { name: string; contentBase64: string },
): Promise<UploadedFile> {
  return uploadCheckedFile(ctx, NC.files, input)
}

/**
 * The files a notice is published with: each id must be an upload of this union, of the right kind, not
 * refused by the content check; an unknown id (or another union's) is refused rather than dropped, so the
 * notice never goes out short. A picture still being checked may be published: readers see it once it passes.
 */
export async function resolveNoticeFiles(
  ctx: Ctx,
  unionId: string,
  imageIds: string[],
  attachmentIds: string[],
): Promise<{ images: NoticeFileRef[]; attachments: NoticeFileRef[] }> {
  const images = Array.from(new Set(imageIds))
  const attachments = Array.from(new Set(attachmentIds))
  if (images.length > MAX_IMAGES)
    throw new AppError('BAD_INPUT', `图片最多${MAX_IMAGES}张`, { imageIds: `最多${MAX_IMAGES}张` })
  if (attachments.length > MAX_ATTACHMENTS)
    throw new AppError('BAD_INPUT', `附件最多${MAX_ATTACHMENTS}个`, { attachmentIds: `最多${MAX_ATTACHMENTS}个` })
  const ids = [...images, ...attachments]
  if (ids.length === 0) return { images: [], attachments: [] }
  const found = await ctx.store.find<NoticeFileDoc>(NC.files, { unionId, _id: { $in: ids } }, { limit: ids.length })
  const byId = new Map(found.map((f) => [f._id, f]))
  const pick = (list: string[], kind: NoticeFileDoc['kind'], field: string, label: string): NoticeFileRef[] =>
    list.map((id) => {
      const f = byId.get(id)
      if (!f || f.kind !== kind)
        throw new AppError('BAD_INPUT', `${label}不存在或已失效，请重新上传`, { [field]: `${label}不存在` })
      refuseRiskyUpload(f, field, `${label}「${f.name}」`)
      return { id: f._id, name: f.name, type: f.type, size: f.size, storageKey: f.storageKey }
    })
  return {
    images: pick(images, 'image', 'imageIds', '图片'),
    attachments: pick(attachments, 'attachment', 'attachmentIds', '附件'),
  }
}

/**
 * A fresh address for one file of a notice the caller may read (a recipient, its author or a manager); a
 * picture only once its content check passed, or by its uploader while it is checked.
 */
export async function noticeFileLink(ctx: Ctx, input: { noticeId: string; fileId: string }): Promise<NoticeFileLink> {
  const notice = await loadVisibleNotice(ctx, input.noticeId)
  if (!(notice.fileIds ?? []).includes(input.fileId)) throw new AppError('NOT_FOUND', '这条通知里没有这个文件')
  const file = await ctx.store.findOne<NoticeFileDoc>(NC.files, { _id: input.fileId, unionId: notice.unionId })
  if (!file) throw new AppError('NOT_FOUND', '文件已不存在')
  if (!uploadVisibleTo(file, me(ctx)._id)) throw new AppError('NOT_FOUND', hiddenUploadMessage(file))
  const [url] = await ctx.files.urls([file.storageKey])
  return { url, name: file.name, type: file.type, kind: file.kind }
}

/**
 * Whether the caller may read an uploaded file's bytes (the local cloud's GET /files/<id>): its uploader
 * (to preview before publishing), or anyone who may read a published notice carrying it — a picture only
 * once its content check passed, and nobody once it was refused. Anything else, including another union's
 * file, reads as not found.
 */
export async function loadReadableFile(ctx: Ctx, fileId: string): Promise<NoticeFileDoc> {
  const viewer = me(ctx)
  const file = await ctx.store.findOne<NoticeFileDoc>(NC.files, { _id: fileId, unionId: viewer.unionId })
  if (!file) throw new AppError('NOT_FOUND', '找不到这个文件')
  if (!uploadVisibleTo(file, viewer._id)) throw new AppError('NOT_FOUND', hiddenUploadMessage(file))
  if (file.uploaderId === viewer._id) return file
  const carriers = await ctx.store.find<NoticeDoc>(
    NC.notices,
    { unionId: viewer.unionId, fileIds: fileId },
    { sort: { publishedAt: -1 }, limit: 50 },
  )
  const readable = carriers.some(
    (n) => canManageNotice(viewer, n) || (n.status === 'published' && isRecipient(n, viewer)),
  )
  if (!readable) throw new AppError('NOT_FOUND', '找不到这个文件')
  return file
}
