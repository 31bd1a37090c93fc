import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { MAX_ATTACHMENTS, MAX_IMAGES } from '@/core/notices/model'
import type { UploadedFile } from '@/core/notices/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import { ApiError, call } from '@/services/api'
import { pickDocument, pickImages, type PickedFile } from '@/services/pick-image'

/** 图片和附件: each chosen file is uploaded at once (and checked there), so publishing only names ids. */
export default function FilesEditor({
  images,
  attachments,
  onImages,
  onAttachments,
}: {
  images: UploadedFile[]
  attachments: UploadedFile[]
  onImages: (files: UploadedFile[]) => void
  onAttachments: (files: UploadedFile[]) => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function upload(picked: PickedFile[]): Promise<UploadedFile[]> {
    const done: UploadedFile[] = []
    for (const p of picked)
      done.push(await call('notices.uploadFile', { name: p.fileName, contentBase64: p.contentBase64 }))
    return done
  }
  async function add(kind: 'image' | 'attachment') {
    setError('')
    setBusy(true)
    try {
      if (kind === 'image') {
        const picked = await pickImages(MAX_IMAGES - images.length)
        onImages([...images, ...(await upload(picked))])
      } else {
        const picked = await pickDocument()
        if (picked) onAttachments([...attachments, ...(await upload([picked]))])
      }
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : '上传失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      {images.length > 0 && (
        <View className='notice-files__thumbs'>
          {images.map((f) => (
            <View key={f.id} className='notice-files__thumb'>
              <Image className='notice-files__thumb-img' src={f.url} mode='aspectFill' />
              <Text className='notice-files__remove' onClick={() => onImages(images.filter((i) => i.id !== f.id))}>
                移除
              </Text>
            </View>
          ))}
        </View>
      )}
      {attachments.map((f) => (
        <View key={f.id} className='notice-files__row'>
          <Text className='notice-files__name'>📎 {f.name}</Text>
          <Text
            className='notice-files__remove'
            onClick={() => onAttachments(attachments.filter((a) => a.id !== f.id))}
          >
            移除
          </Text>
        </View>
      ))}
      {images.some((f) => f.checking) && <Alert text='图片正在进行安全检查，通过后读者才能看到' />}
      {error && <Alert tone='error' text={error} />}
      {images.length < MAX_IMAGES && (
        <BigButton tone='secondary' loading={busy} onClick={() => add('image')}>
          添加图片（jpg/png，最多{MAX_IMAGES}张）
        </BigButton>
      )}
      {attachments.length < MAX_ATTACHMENTS && (
        <BigButton tone='secondary' loading={busy} onClick={() => add('attachment')}>
          添加附件（pdf/Word/Excel，最多{MAX_ATTACHMENTS}个）
        </BigButton>
      )}
    </View>
  )
}
