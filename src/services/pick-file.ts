/**
 * Choose a roster spreadsheet (.xlsx or .csv) and read it as base64. Taro picks pick-file.weapp.ts or
 * pick-file.h5.ts at build time; this file gives TypeScript the shared signature and fails loudly on a
 * platform we do not build.
 */
export interface PickedFile {
  fileName: string
  contentBase64: string
}

/** Resolves null when the user closes the chooser without picking a file. */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  return Promise.reject(new Error('no file picker for this platform'))
}
