import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import ActivityRow from '@/components/activities/ActivityRow'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import { openPage, ROUTES } from '@/components/routes'
import { usePages } from '@/hooks/usePages'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import './index.scss'

/**
 * 全部活动: current ones soonest first, or past ones, a page at a time (more load at the bottom, or with
 * 「加载更多」); the chair starts a new one from here.
 */
export default function ActivityList() {
  const [scope, setScope] = useState<'current' | 'past'>('current')
  const pages = usePages((cursor) => call('activities.list', { scope, cursor }), [scope])
  usePullRefresh(pages.first.reload)
  useReloadOnReturn(pages.first.reload)
  const can = useCan()
  return (
    <Page title='全部活动'>
      {can('activities.create') && <BigButton onClick={() => openPage(ROUTES.activityEdit)}>发起活动</BigButton>}
      <View className='buttons-row'>
        <BigButton inline tone={scope === 'current' ? 'primary' : 'secondary'} onClick={() => setScope('current')}>
          近期活动
        </BigButton>
        <BigButton inline tone={scope === 'past' ? 'primary' : 'secondary'} onClick={() => setScope('past')}>
          往期活动
        </BigButton>
      </View>
      <QueryView query={pages.first}>
        {() =>
          pages.items.length === 0 ? (
            <Empty text={scope === 'current' ? '近期没有活动' : '还没有往期活动'} />
          ) : (
            <Section>
              {pages.items.map((a) => (
                <ActivityRow key={a.id} activity={a} />
              ))}
              {pages.more && (
                <BigButton tone='secondary' loading={pages.loadingMore} onClick={() => void pages.loadMore()}>
                  加载更多
                </BigButton>
              )}
            </Section>
          )
        }
      </QueryView>
      <Text className='activity__desc'>下拉可以刷新</Text>
    </Page>
  )
}
