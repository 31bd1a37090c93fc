import { Image, View } from '@tarojs/components'
import { useState } from 'react'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import { ApiError, call } from '@/services/api'
import { pickImages } from '@/services/pick-image'

export interface CoverChoice {
  id: string
  url: string
  /** WeChat is still checking the picture: only the uploader sees it until it passes. */
  checking?: boolean
}

/** 封面: a picture is uploaded (and checked) as soon as it is chosen, so saving only names its id. */
export default function CoverEditor({
  cover,
  onChange,
}: {
  cover: CoverChoice | null
  onChange: (cover: CoverChoice | null) => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function choose() {
    setError('')
    setBusy(true)
    try {
      const [picked] = await pickImages(1)
      if (picked)
        onChange(await call('activities.uploadCover', { name: picked.fileName, contentBase64: picked.contentBase64 }))
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : '上传失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      {cover && <Image className='activity-cover__preview' src={cover.url} mode='aspectFill' />}
      {cover?.checking && <Alert text='图片正在进行安全检查，通过后其他人才能看到' />}
      {error && <Alert tone='error' text={error} />}
      <BigButton tone='secondary' loading={busy} onClick={choose}>
        {cover ? '更换封面' : '添加封面'}
      </BigButton>
      {cover && (
        <BigButton tone='secondary' disabled={busy} onClick={() => onChange(null)}>
          去掉封面
        </BigButton>
      )}
    </View>
  )
}
