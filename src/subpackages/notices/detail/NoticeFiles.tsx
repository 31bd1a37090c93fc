import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NoticeDetail } from '@/core/notices/views'
import Alert from '@/components/Alert'
import { ApiError, call } from '@/services/api'
import { openDocument, previewImages } from '@/services/pick-image'

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`

/** Pictures in the text (tap to enlarge), documents as rows to tap; each tap asks for a fresh address. */
export default function NoticeFiles({ notice }: { notice: NoticeDetail }) {
  const [error, setError] = useState('')
  const [opening, setOpening] = useState('')

  async function open(fileId: string, run: (url: string) => Promise<void>) {
    setError('')
    setOpening(fileId)
    try {
      const link = await call('notices.fileUrl', { noticeId: notice.id, fileId })
      await run(link.url)
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : '打开失败，请稍后再试')
    } finally {
      setOpening('')
    }
  }

  if (notice.images.length === 0 && notice.attachments.length === 0) return null
  const urls = notice.images.map((i) => i.url)
  return (
    <View className='notice-files'>
      {notice.images.map((img) => (
        <Image
          key={img.id}
          className='notice-files__image'
          src={img.url}
          mode='widthFix'
          showMenuByLongpress
          onClick={() => previewImages(urls, img.url).catch(() => undefined)}
        />
      ))}
      {notice.attachments.map((f) => (
        <View
          key={f.id}
          className='notice-files__attachment'
          onClick={() => open(f.id, (url) => openDocument(url, f.type))}
        >
          <Text className='notice-files__attachment-name'>📎 {f.name}</Text>
          <Text className='notice-files__attachment-meta'>
            {opening === f.id ? '正在打开…' : `${f.type.toUpperCase()} · ${sizeLabel(f.size)} · 点击打开`}
          </Text>
        </View>
      ))}
      {error && <Alert tone='error' text={error} />}
    </View>
  )
}
