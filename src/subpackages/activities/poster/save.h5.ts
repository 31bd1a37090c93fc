import { ApiError } from '@/services/api'
import { drawPoster, layoutPoster } from './layout'
import type { PosterPicture, SaveOutcome } from './save'

export type { PosterPicture, SaveOutcome } from './save'

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new ApiError('INTERNAL', '二维码图片没有加载出来，请刷新页面后再试'))
    image.src = src
  })
}

/** Browser: draw on a canvas of its own, then download it as <title>_海报.png. */
export async function savePoster(picture: PosterPicture): Promise<SaveOutcome> {
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new ApiError('INTERNAL', '这个浏览器不能生成图片，请换用电脑上的 Chrome 或 Edge')
  const qr = await loadImage(`data:${picture.qr.contentType};base64,${picture.qr.base64}`)
  const layout = layoutPoster(ctx, picture.content)
  canvas.width = layout.width
  canvas.height = layout.height
  drawPoster(ctx, layout, qr)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
  if (!blob) throw new ApiError('INTERNAL', '图片生成失败，请稍后再试')
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = picture.fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return 'saved'
}
