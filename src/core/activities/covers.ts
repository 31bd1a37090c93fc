import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkingFlag, hiddenUploadMessage, refuseRiskyUpload, storeUpload, uploadVisibleTo } from '../shared/uploads'
import { checkUpload, fileTypeOfName } from '../notices/file-rules'
import { AC } from './collections'
import type { ActivityDoc, CoverDoc } from './model'
import type { UploadedCover } from './views'

/** A cover is a picture: the notice rules check its bytes and size (2 MB), this keeps documents out. */
const COVER_TYPES = ['jpg', 'png'] as const
const NOT_A_PICTURE = '封面只能是 jpg 或 png 图片'

/**
 * The chair uploads a cover before saving the activity, which then names it by id. Bytes first, content
 * check second, record last: a refused or failed upload records nothing. While WeChat checks the picture,
 * only the uploader sees it (`checking`).
 */
export async function uploadCover(ctx: Ctx, input: { name: string; contentBase64: string }): Promise<UploadedCover> {
  const named = fileTypeOfName(input.name)
  if (!named || !(COVER_TYPES as readonly string[]).includes(named))
    throw new AppError('BAD_INPUT', NOT_A_PICTURE, { name: NOT_A_PICTURE })
  const { type, size } = checkUpload(input.name, input.contentBase64)
  if (type !== 'jpg' && type !== 'png') throw new AppError('BAD_INPUT', NOT_A_PICTURE, { name: NOT_A_PICTURE })
  const { record, url } = await storeUpload(ctx, AC.covers, { ...input, size, picture: true }, { type })
  return { id: record._id, url, ...checkingFlag(record) }
}

/**
 * What an activity's cover becomes on save: undefined leaves it as it is, '' takes it off, an id must be a
 * cover uploaded in this union (another union's reads as unknown) and not refused by the content check —
 * refused, never silently dropped. A cover still being checked may be named; others see it once it passes.
 */
export async function resolveCover(
  ctx: Ctx,
  unionId: string,
  coverFileId: string | undefined,
): Promise<Pick<ActivityDoc, 'coverFileId' | 'coverKey'> | undefined> {
  if (coverFileId === undefined) return undefined
  if (coverFileId === '') return { coverFileId: '', coverKey: '' }
  const cover = await ctx.store.findOne<CoverDoc>(AC.covers, { _id: coverFileId, unionId })
  if (!cover) throw new AppError('BAD_INPUT', '封面图片不存在或已失效，请重新上传', { coverFileId: '封面图片不存在' })
  refuseRiskyUpload(cover, 'coverFileId', '封面图片')
  return { coverFileId: cover._id, coverKey: cover.storageKey }
}

/**
 * Addresses of the covers of many activities in ONE call to the Files port (a list is one request, not
 * one per row), asked alongside the covers' content checks (one read per 100 covers): a cover shows to
 * everyone once it passed, to its uploader while it is checked, to nobody once refused. Covers are
 * decoration: if storage cannot answer, the list still shows, without pictures.
 */
export async function coverUrls(ctx: Ctx, activities: ActivityDoc[]): Promise<Map<string, string>> {
  const withCover = activities.filter((a) => a.coverKey && a.coverFileId)
  if (withCover.length === 0) return new Map()
  const viewer = me(ctx)
  const [checks, urls] = await Promise.all([
    coverChecks(ctx, viewer.unionId, [...new Set(withCover.map((a) => a.coverFileId as string))]),
    ctx.files.urls(withCover.map((a) => a.coverKey as string)).catch(() => [] as string[]),
  ])
  const out = new Map<string, string>()
  withCover.forEach((a, i) => {
    const cover = checks.get(a.coverFileId as string)
    if (urls[i] && cover && uploadVisibleTo(cover, viewer._id)) out.set(a._id, urls[i])
  })
  return out
}

async function coverChecks(ctx: Ctx, unionId: string, ids: string[]): Promise<Map<string, CoverDoc>> {
  const pages: Promise<CoverDoc[]>[] = []
  for (let i = 0; i < ids.length; i += 100) {
    const page = ids.slice(i, i + 100)
    pages.push(ctx.store.find<CoverDoc>(AC.covers, { unionId, _id: { $in: page } }, { limit: page.length }))
  }
  return new Map((await Promise.all(pages)).flat().map((c) => [c._id, c]))
}

/**
 * Whether a member may read a cover's bytes (the local cloud's GET /files/<id>): yes for every member of the
 * union that uploaded it, since every member sees the union's activity list and covers are not secret there —
 * once the content check passed (its uploader may while it is checked). Another union's cover, or an unknown
 * id, reads as not found.
 */
export async function loadReadableCover(ctx: Ctx, fileId: string): Promise<CoverDoc> {
  const viewer = me(ctx)
  const cover = await ctx.store.findOne<CoverDoc>(AC.covers, { _id: fileId, unionId: viewer.unionId })
  if (!cover) throw new AppError('NOT_FOUND', '找不到这个文件')
  if (!uploadVisibleTo(cover, viewer._id)) throw new AppError('NOT_FOUND', hiddenUploadMessage(cover))
  return cover
}
