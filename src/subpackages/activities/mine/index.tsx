import { Text } from '@tarojs/components'
import ActivityRow from '@/components/activities/ActivityRow'
import { activityUrl } from '@/components/activities/routes'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import { openPage } from '@/components/routes'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/** 我的活动: what I signed up for, where I wait in line, and what I took part in (with my results). */
export default function MyActivitiesPage() {
  const query = useQuery(() => call('activities.mine', {}), [])
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)
  return (
    <Page title='我的活动'>
      <QueryView query={query}>
        {(mine) => (
          <>
            <Section title='已报名'>
              {mine.upcoming.length === 0 && <Text className='activity__desc'>暂时没有报名的活动</Text>}
              {mine.upcoming.map((a) => (
                <ActivityRow key={a.id} activity={a} />
              ))}
            </Section>
            {mine.waitlisted.length > 0 && (
              <Section title='候补中'>
                {mine.waitlisted.map((a) => (
                  <ActivityRow key={a.id} activity={a} extra={`候补第${a.position}位`} />
                ))}
              </Section>
            )}
            <Section title='参加过的'>
              {mine.past.length === 0 && <Text className='activity__desc'>还没有参加过的活动</Text>}
              {mine.past.map((a) => (
                <ActivityRow
                  key={a.id}
                  activity={a}
                  extra={a.results.length > 0 ? `成绩：${a.results.join('，')}` : undefined}
                />
              ))}
            </Section>
          </>
        )}
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(activityUrl('list'))}>
        看看全部活动
      </BigButton>
    </Page>
  )
}
