import type { QrCodes } from '@/core/shared/ports'
import type { CloudSdk } from './sdk'

/**
 * Mini-program codes through wxacode.getUnlimited: unlimited in number, but the scene is at most 32
 * characters, so it carries only `a=<activityId>` and the activity page reads it back from `scene`.
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47])

export function createWechatQrCodes(cloud: CloudSdk): QrCodes {
  return {
    async activityCode({ page, scene }) {
      if (scene.length > 32) throw new Error(`wxacode scene too long: ${scene}`)
      const res = await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false })
      if (!res.buffer || (res.errCode !== undefined && res.errCode !== 0)) {
        throw new Error(`wxacode.getUnlimited failed: ${res.errCode ?? ''} ${res.errMsg ?? ''}`)
      }
      // WeChat answers a JPEG unless a transparent (is_hyaline) code is asked for: the bytes say which.
      const bytes = Buffer.from(res.buffer)
      const contentType = bytes.subarray(0, 4).equals(PNG_SIGNATURE) ? 'image/png' : 'image/jpeg'
      return { contentType, base64: bytes.toString('base64') }
    },
  }
}
