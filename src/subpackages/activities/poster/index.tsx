import { View, Text, Image } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { AUDIENCE_LABELS } from '@/core/activities/labels'
import { formatSpan, formatWhen } from '@/core/activities/time'
import Alert from '@/components/Alert'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/** 海报: title, time, place and the code to scan — printed from the browser, or saved as a screenshot. */
export default function Poster() {
  const id = useRouter().params.id ?? ''
  const detail = useQuery(() => call('activities.get', { activityId: id }), [id])
  const qr = useQuery(() => call('activities.qrCode', { activityId: id }), [id])
  const error = detail.error ?? qr.error
  if (error) return <Page>{<Alert tone='error' text={error.message} />}</Page>
  if (!detail.data || !qr.data) return <Page>{<Loading />}</Page>
  const a = detail.data
  return (
    <View className='poster'>
      <Text className='poster__title'>{a.title}</Text>
      <Text className='poster__line'>时间：{formatSpan(a.startAt, a.endAt)}</Text>
      <Text className='poster__line'>地点：{a.place}</Text>
      <Text className='poster__line'>
        对象：{AUDIENCE_LABELS[a.audience.kind]}
        {a.quota > 0 ? `，限${a.quota}人` : ''}
      </Text>
      <View className='qr-box'>
        <Image className='qr-image' src={`data:${qr.data.contentType};base64,${qr.data.base64}`} mode='scaleToFill' />
      </View>
      <Text className='poster__hint'>微信扫一扫，报名截止：{formatWhen(a.signupCloseAt)}</Text>
    </View>
  )
}
