import Taro from '@tarojs/taro'
import { ApiError } from '@/services/api'
import { drawPoster, layoutPoster, POSTER_CANVAS_ID, type PosterContext } from './layout'
import type { PosterPicture, SaveOutcome } from './save'

export type { PosterPicture, SaveOutcome } from './save'

const ALBUM_REFUSED = '保存图片需要您允许使用相册：请点右上角「…」→「设置」，打开「添加到相册」，再点一次「保存图片」。'

function errMsgOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'errMsg' in error ? String(error.errMsg) : ''
}

function canvasNode(): Promise<Taro.Canvas> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${POSTER_CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: Taro.Canvas }[] | undefined) => {
        const node = res?.[0]?.node
        if (node) resolve(node)
        else reject(new ApiError('INTERNAL', '图片生成失败，请返回后重新打开海报'))
      })
  })
}

/** Files in the user data folder under fixed names: each save overwrites the last, nothing piles up. */
function writeBase64(name: string, base64: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: () => reject(new ApiError('INTERNAL', '手机存储空间不足，图片没有生成')),
    })
  })
}

function loadImage(canvas: Taro.Canvas, src: string): Promise<Taro.Image> {
  return new Promise((resolve, reject) => {
    const image = canvas.createImage()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new ApiError('INTERNAL', '二维码图片没有加载出来，请返回后重新打开海报'))
    image.src = src
  })
}

/**
 * Offers the settings page. openSetting must run inside the tap on 去设置 (WeChat refuses it otherwise), so it is
 * called from the modal's own callback, not after an await.
 */
function offerSettings(): void {
  void Taro.showModal({
    title: '需要您允许使用相册',
    content: '请在设置中打开「添加到相册」，回来后再点一次「保存图片」。',
    confirmText: '去设置',
    cancelText: '取消',
    confirmColor: '#b03a2e',
    success: (answer) => {
      if (answer.confirm) void Taro.openSetting()
    },
  })
}

/**
 * WeChat: draw on the page's hidden <Canvas type='2d'> at 1080 px wide, then put it in the photo album. The PNG
 * comes from canvas.toDataURL, which is exactly the canvas's own pixels (canvasToTempFilePath scales by the
 * element's on-screen size and the screen's pixel ratio).
 */
export async function savePoster(picture: PosterPicture): Promise<SaveOutcome> {
  const [canvas, qrPath] = await Promise.all([canvasNode(), writeBase64('poster-qr.png', picture.qr.base64)])
  // WeChat's 2D context implements the HTML one; Taro types it as an empty interface.
  const ctx = canvas.getContext('2d') as unknown as PosterContext<Taro.Image>
  const layout = layoutPoster(ctx, picture.content)
  canvas.width = layout.width
  canvas.height = layout.height
  drawPoster(ctx, layout, await loadImage(canvas, qrPath))
  const dataUrl = canvas.toDataURL('image/png', 1)
  const filePath = await writeBase64('poster.png', dataUrl.slice(dataUrl.indexOf(',') + 1))
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
  } catch (error) {
    const message = errMsgOf(error)
    // "fail privacy permission is not authorized" also says "auth": the privacy refusal is asked first.
    if (/privacy/i.test(message))
      throw new ApiError('FORBIDDEN', '请先同意小程序的隐私保护指引，再点一次「保存图片」。')
    if (/auth/i.test(message)) {
      offerSettings()
      throw new ApiError('FORBIDDEN', ALBUM_REFUSED)
    }
    if (/cancel/i.test(message)) return 'stopped'
    throw new ApiError('INTERNAL', '图片没有保存成功，请稍后再试')
  }
  return 'saved'
}
