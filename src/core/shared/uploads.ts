import type { Ctx } from './context'
import { me, nowIso } from './context'
import { AppError } from './errors'

/** What every upload record keeps, whichever capability it belongs to. */
export interface UploadRecord {
  _id: string
  unionId: string
  uploaderId: string
  name: string
  size: number
  /** The Files port's key (a cloud fileID on CloudBase, `<unionId>/<id>.<ext>` on disk locally). */
  storageKey: string
  uploadedAt: string
  /**
   * A picture's content check: `pending` while WeChat looks at it (only its uploader sees it), then `passed`,
   * or `risky` (hidden from everyone). Absent on documents, which no API checks, and on pictures uploaded
   * before checks existed.
   */
  check?: 'pending' | 'passed' | 'risky'
  /** The checker's ticket for a pending check (WeChat's trace id); never leaves the server. */
  checkTicket?: string
  /** Why a picture was refused, in Chinese. */
  checkReason?: string
  /** When the verdict arrived. */
  checkedAt?: string
}

/**
 * Stores checked bytes through the Files port, has a picture's content checked, then records them in
 * `collection` with the capability's own fields: bytes first and record last, so a failed or refused upload
 * records nothing (its bytes stay in storage, where no record leads). Resolves the record and a temporary
 * URL for the uploader's preview, which is also where WeChat's checker fetches the picture.
 */
export async function storeUpload<Extra extends { type: string }>(
  ctx: Ctx,
  collection: string,
  input: { name: string; contentBase64: string; size: number; picture: boolean },
  extra: Extra,
): Promise<{ record: UploadRecord & Extra; url: string }> {
  const uploader = me(ctx)
  const id = ctx.ids.newId()
  const storageKey = await ctx.files.put({
    unionId: uploader.unionId,
    id,
    extension: extra.type,
    base64: input.contentBase64,
  })
  const [url] = await ctx.files.urls([storageKey])
  const check = input.picture ? await checkPicture(ctx, url, input.contentBase64) : {}
  const record = {
    _id: id,
    unionId: uploader.unionId,
    uploaderId: uploader._id,
    name: input.name,
    size: input.size,
    storageKey,
    uploadedAt: nowIso(ctx),
    ...check,
    ...extra,
  }
  await ctx.store.insert(collection, record)
  return { record, url }
}

async function checkPicture(
  ctx: Ctx,
  url: string,
  base64: string,
): Promise<Pick<UploadRecord, 'check' | 'checkTicket'>> {
  const answer = await ctx.contentCheck.checkImage({ url, base64 }, ctx.openid ?? '')
  if (answer.verdict === 'refuse')
    throw new AppError('CONTENT_REJECTED', answer.reason, { contentBase64: answer.reason })
  return answer.verdict === 'pending' ? { check: 'pending', checkTicket: answer.ticket } : { check: 'passed' }
}

/** Whether a viewer may see an upload: anyone once passed (or never checked), its uploader while checking. */
export function uploadVisibleTo(record: Pick<UploadRecord, 'check' | 'uploaderId'>, viewerId: string): boolean {
  if (record.check === 'risky') return false
  return record.check !== 'pending' || record.uploaderId === viewerId
}

/** Why an upload someone may not see is missing, in Chinese. */
export function hiddenUploadMessage(record: Pick<UploadRecord, 'check'>): string {
  return record.check === 'risky' ? '这张图片未通过安全检查，已经隐藏' : '这张图片正在进行安全检查，通过后才能查看'
}

/** A picture already refused cannot be put on an activity or a notice; one still being checked can. */
export function refuseRiskyUpload(record: Pick<UploadRecord, 'check'>, field: string, label: string): void {
  if (record.check === 'risky') {
    const message = `${label}未通过安全检查，请换一张`
    throw new AppError('CONTENT_REJECTED', message, { [field]: message })
  }
}

/** The view's flag for a picture only its uploader sees yet. */
export function checkingFlag(record: Pick<UploadRecord, 'check'>): { checking?: true } {
  return record.check === 'pending' ? { checking: true } : {}
}
