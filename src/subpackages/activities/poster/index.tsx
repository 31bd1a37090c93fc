import { Canvas, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import { fontScaleStyle } from '@/styles/font-scale'
import { POSTER_CANVAS_ID, posterContent, posterFileName } from './layout'
import PosterSheet from './PosterSheet'
import { savePoster, type PosterPicture } from './save'
import './index.scss'

const IN_BROWSER = process.env.TARO_ENV === 'h5'

/**
 * 活动海报: what a chair posts in the staff WeChat group (保存图片, a 1080 px PNG) and pins on the board (打印,
 * one A4 page from the browser). Title, time, place, who may join, the deadline, the items and the code to scan.
 */
export default function Poster() {
  const id = useRouter().params.id ?? ''
  const detail = useQuery(() => call('activities.get', { activityId: id }), [id])
  const qr = useQuery(() => call('activities.qrCode', { activityId: id }), [id])
  const unionName = useSession().whoami?.profile?.unionName ?? ''
  const [saved, setSaved] = useState(false)
  const save = useAction((picture: PosterPicture) => savePoster(picture))
  const error = detail.error ?? qr.error
  if (error)
    return (
      <Page>
        <Alert tone='error' text={error.message} />
      </Page>
    )
  if (!detail.data || !qr.data)
    return (
      <Page>
        <Loading />
      </Page>
    )
  const a = detail.data
  const content = posterContent(a, unionName)
  const picture: PosterPicture = { content, qr: qr.data, fileName: posterFileName(a.title) }
  const onSave = async () => {
    setSaved(false)
    const outcome = await save.run(picture)
    setSaved(outcome.ok && outcome.value === 'saved')
  }
  return (
    <View className='page poster-page' style={fontScaleStyle()}>
      <View className='poster-page__tools'>
        <Text className='page__intro'>保存图片可以发到教职工微信群；打印出来可以张贴在公告栏。</Text>
        {a.phase === 'cancelled' && <Alert tone='warning' text='这个活动已取消，请不要再发这张海报。' />}
        <BigButton loading={save.running} onClick={() => void onSave()}>
          保存图片
        </BigButton>
        {IN_BROWSER ? (
          <BigButton tone='secondary' onClick={() => window.print()}>
            打印A4海报
          </BigButton>
        ) : (
          <Text className='poster-page__help'>打印：保存图片后，在电脑微信中打开并打印</Text>
        )}
        {save.error && <Alert tone='error' text={save.error.message} />}
        {saved && (
          <Alert
            tone='success'
            text={IN_BROWSER ? `海报图片已下载：${picture.fileName}` : '海报已保存到手机相册，可以发到微信群了'}
          />
        )}
      </View>
      <PosterSheet content={content} qrSrc={`data:${qr.data.contentType};base64,${qr.data.base64}`} />
      {!IN_BROWSER && <Canvas type='2d' id={POSTER_CANVAS_ID} className='poster-page__canvas' />}
    </View>
  )
}
