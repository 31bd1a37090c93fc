import Taro from '@tarojs/taro'
import type { PickedFile } from './pick-file'

export type { PickedFile } from './pick-file'

/**
 * Mini-program: a phone has no file browser, so the chair picks the spreadsheet from a WeChat chat
 * (e.g. sent to themself from the PC) with chooseMessageFile, then we read it as base64.
 */
export async function pickSpreadsheet(): Promise<PickedFile | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
  } catch (error) {
    if (isCancel(error)) return null
    throw error
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  const content = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (result) => resolve(String(result.data)),
      fail: () => reject(new Error('读取文件失败，请重新选择')),
    })
  })
  return { fileName: file.name, contentBase64: content }
}

function isCancel(error: unknown): boolean {
  const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : ''
  return message.includes('cancel')
}
