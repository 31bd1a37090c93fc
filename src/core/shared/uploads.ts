import type { Ctx } from './context'
import { me, nowIso } from './context'

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
}

/**
 * Stores checked bytes through the Files port, then records them in `collection` with the capability's own
 * fields: bytes first and record second, so a failed upload records nothing. Resolves the record and a
 * temporary URL for the uploader's preview.
 */
export async function storeUpload<Extra extends { type: string }>(
  ctx: Ctx,
  collection: string,
  input: { name: string; contentBase64: string; size: number },
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
  const record = {
    _id: id,
    unionId: uploader.unionId,
    uploaderId: uploader._id,
    name: input.name,
    size: input.size,
    storageKey,
    uploadedAt: nowIso(ctx),
    ...extra,
  }
  await ctx.store.insert(collection, record)
  const [url] = await ctx.files.urls([storageKey])
  return { record, url }
}
