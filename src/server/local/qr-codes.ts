import QRCode from 'qrcode'
import type { QrCodes } from '@/core/shared/ports'
import { pageLink, ROUTES } from '@/core/shared/routes'

/** The local cloud's QR codes: a PNG of the H5 link, which a phone camera opens in the browser. */
export interface LocalQrCodes extends QrCodes {
  /** The local cloud learns its address only after listen(). */
  setPublicUrl(url: string): void
}

export function createLocalQrCodes(initialUrl = 'http://127.0.0.1:8080'): LocalQrCodes {
  let publicUrl = initialUrl
  return {
    setPublicUrl(url) {
      publicUrl = url.replace(/\/+$/, '')
    },
    async activityCode({ activityId }) {
      const link = `${publicUrl}/#${pageLink(ROUTES.activity, { id: activityId })}`
      const buffer = await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 })
      return { contentType: 'image/png', base64: buffer.toString('base64') }
    },
  }
}
