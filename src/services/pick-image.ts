/**
 * Choose pictures or documents for a notice and read them as base64. Taro picks pick-image.weapp.ts or
 * pick-image.h5.ts at build time; this file gives TypeScript the shared signatures and fails loudly on a
 * platform we do not build. Opening a notice's file lives here too: it is the same platform seam.
 */
export interface PickedFile {
  fileName: string
  contentBase64: string
}

/** Up to `max` pictures (jpg/png); resolves [] when the chooser is closed. */
export function pickImages(max: number): Promise<PickedFile[]> {
  return Promise.reject(new Error(`no image picker for this platform (${max})`))
}

/** One pdf/docx/xlsx; resolves null when the chooser is closed. */
export function pickDocument(): Promise<PickedFile | null> {
  return Promise.reject(new Error('no document picker for this platform'))
}

/** Shows a notice's document (pdf/docx/xlsx) from an address the server handed out. */
export function openDocument(url: string, type: string): Promise<void> {
  return Promise.reject(new Error(`cannot open ${type} ${url} on this platform`))
}

/** Shows the notice's pictures full screen, starting at `current`. */
export function previewImages(urls: string[], current: string): Promise<void> {
  return Promise.reject(new Error(`cannot preview ${current} of ${urls.length} on this platform`))
}
