import type { Ctx } from './context'
import { checkUpload, type UploadedFileView } from './files'
import { checkingFlag, storeUpload } from './uploads'

/**
 * Checks one upload (name, real type, size), stores its bytes, has a picture content-checked and records it
 * in `collection` (see storeUpload: a refused or failed upload records nothing). Kept apart from files.ts,
 * which pages import for the rules and types: this is server work.
 */
export async function uploadCheckedFile(
  ctx: Ctx,
  collection: string,
  input: { name: string; contentBase64: string },
): Promise<UploadedFileView> {
  const { type, kind, size } = checkUpload(input.name, input.contentBase64)
  const picture = kind === 'image'
  const { record, url } = await storeUpload(ctx, collection, { ...input, size, picture }, { type, kind })
  return { id: record._id, name: record.name, type, kind, size, url, ...checkingFlag(record) }
}
