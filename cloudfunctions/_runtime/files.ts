import type { Files } from '@/core/shared/ports'
import type { CloudStorage } from './sdk'

/** An hour: long enough to read a notice and open its documents; a fresh link is one call away. */
const URL_SECONDS = 3600
/** getTempFileURL takes at most 50 files per call. */
const BATCH = 50

/**
 * Cloud storage for uploads (notice images and attachments, activity covers) at `uploads/<unionId>/<id>.<ext>`;
 * the extension lets storage serve the right content type. Storage rules should let only the administrator
 * read that folder: members reach a file only through a temporary link the api function hands to someone
 * allowed to see it.
 */
export function createCloudFiles(cloud: CloudStorage): Files {
  return {
    async put({ unionId, id, extension, base64 }) {
      const res = await cloud.uploadFile({
        cloudPath: `uploads/${unionId}/${id}.${extension}`,
        fileContent: Buffer.from(base64, 'base64'),
      })
      if (!res.fileID) throw new Error(`uploadFile failed: ${res.errMsg ?? ''}`)
      return res.fileID
    },
    async urls(keys) {
      const out: string[] = []
      for (let i = 0; i < keys.length; i += BATCH) {
        const batch = keys.slice(i, i + BATCH)
        const res = await cloud.getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: URL_SECONDS })) })
        const urlOf = new Map(res.fileList.map((f) => [f.fileID, f.status === 0 ? f.tempFileURL : '']))
        for (const key of batch) {
          const url = urlOf.get(key)
          if (!url) throw new Error(`getTempFileURL failed for ${key}`)
          out.push(url)
        }
      }
      return out
    },
  }
}
