import Taro from '@tarojs/taro'
import { exportTypeOf } from './export-types'

/** WeChat: write into the user data folder, then open it in the document viewer (which offers 转发/保存). */
export async function saveExportedFile(fileName: string, contentBase64: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: contentBase64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(new Error(e.errMsg)),
    })
  })
  await Taro.openDocument({ filePath, fileType: exportTypeOf(fileName), showMenu: true })
}
