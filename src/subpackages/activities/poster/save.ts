import type { PosterContent } from './layout'

/**
 * Saves the poster as a picture: a download in the browser (save.h5.ts), the phone's photo album in WeChat
 * (save.weapp.ts). Taro picks the platform's file at build time; this one gives TypeScript the signature.
 */
export interface PosterPicture {
  content: PosterContent
  /** The code to scan, as activities.qrCode returns it. */
  qr: { contentType: string; base64: string }
  fileName: string
}

/** `saved`: in the album or downloaded; `stopped`: the user closed a dialog, nothing to report. */
export type SaveOutcome = 'saved' | 'stopped'

export function savePoster(picture: PosterPicture): Promise<SaveOutcome> {
  return Promise.reject(new Error(`no poster saving for this platform (${picture.fileName})`))
}
