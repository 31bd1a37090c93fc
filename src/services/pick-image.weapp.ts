import Taro from '@tarojs/taro'
import type { PickedFile } from './pick-image'

export type { PickedFile } from './pick-image'

function isCancel(error: unknown): boolean {
  const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : ''
  return message.includes('cancel')
}

function readBase64(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'base64',
      success: (result) => resolve(String(result.data)),
      fail: () => reject(new Error('读取文件失败，请重新选择')),
    })
  })
}

const nameOf = (path: string, fallback: string) => path.split('/').pop() || fallback

/** Album or camera; compressed, so a phone photo stays under the 2 MB limit. */
export async function pickImages(max: number): Promise<PickedFile[]> {
  let chosen: Taro.chooseImage.SuccessCallbackResult
  try {
    chosen = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch (error) {
    if (isCancel(error)) return []
    throw error
  }
  return Promise.all(
    chosen.tempFilePaths.map(async (path, i) => ({
      fileName: nameOf(path, `图片${i + 1}.jpg`),
      contentBase64: await readBase64(path),
    })),
  )
}

/** A phone has no file browser: the document is picked from a WeChat chat. */
export async function pickDocument(): Promise<PickedFile | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'docx', 'xlsx'] })
  } catch (error) {
    if (isCancel(error)) return null
    throw error
  }
  const file = chosen.tempFiles[0]
  return file ? { fileName: file.name, contentBase64: await readBase64(file.path) } : null
}

/** Downloads from the temporary address, then opens it in WeChat's document viewer. */
export async function openDocument(url: string, type: string): Promise<void> {
  const res = await Taro.downloadFile({ url })
  if (res.statusCode !== 200) throw new Error('文件下载失败，请稍后再试')
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: type as 'pdf', showMenu: true })
}

export async function previewImages(urls: string[], current: string): Promise<void> {
  await Taro.previewImage({ urls, current })
}
