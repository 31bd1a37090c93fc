import { Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import Alert from '@/components/Alert'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/**
 * The chair's screen at the venue: the 6-digit code changes every 10 seconds, so a code sent to a friend
 * who stayed home is stale before it is useful. Teachers type it on the activity page (or scan in WeChat).
 */
export default function CheckinScreen() {
  const id = useRouter().params.id ?? ''
  const query = useQuery(() => call('activities.checkinCode', { activityId: id }), [id])
  const wait = query.data?.refreshInMs
  useEffect(() => {
    if (wait === undefined) return
    const timer = setTimeout(() => void query.reload(), Math.max(500, wait + 100))
    return () => clearTimeout(timer)
    // reload is stable; the next code is due when this one expires.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wait, query.data?.code])
  return (
    <Page title='现场签到' intro='请老师们打开活动页面，输入下面的签到码。签到码每10秒更换一次。'>
      {query.error && <Alert tone='error' text={query.error.message} />}
      {query.data ? (
        <Section>
          <Text className='checkin-code'>{query.data.code}</Text>
          <Text className='activity__fact'>
            已签到 {query.data.checkedInCount} / {query.data.confirmedCount} 人
          </Text>
        </Section>
      ) : (
        !query.error && <Loading />
      )}
    </Page>
  )
}
