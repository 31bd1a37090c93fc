/**
 * Saves an exported file (an .xlsx sheet, a .docx paper): a download in the browser, a file opened with the
 * system viewer in WeChat. Taro picks save-file.h5.ts or save-file.weapp.ts at build time; this file gives
 * TypeScript the signature.
 */
export function saveExportedFile(_fileName: string, _contentBase64: string): Promise<void> {
  return Promise.reject(new Error('no file saving for this platform'))
}
