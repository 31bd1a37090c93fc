import { View } from '@tarojs/components'
import ActivityRow from '@/components/activities/ActivityRow'
import { activityUrl } from '@/components/activities/routes'
import '@/components/activities/activities.scss'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import LinkRow from '@/components/LinkRow'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import { openPage } from '@/components/routes'
import { useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'

const SHOWN = 3

/** 首页「近期活动」: the next few activities with seats left or 已报名, then all activities and 我的活动. */
export default function ActivitiesSection() {
  const query = useQuery(() => call('activities.list', { limit: SHOWN }), [])
  useReloadOnReturn(query.reload)
  const canCreate = useCan()('activities.create')
  return (
    <Section title='近期活动'>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty text='近期没有活动' />
          ) : (
            <View>
              {page.items.map((a) => (
                <ActivityRow key={a.id} activity={a} />
              ))}
            </View>
          )
        }
      </QueryView>
      <LinkRow title='全部活动' onClick={() => openPage(activityUrl('list'))} />
      <LinkRow title='我的活动' detail='已报名、候补、往期成绩' onClick={() => openPage(activityUrl('mine'))} />
      {canCreate && <BigButton onClick={() => openPage(activityUrl('edit'))}>发起活动</BigButton>}
    </Section>
  )
}
