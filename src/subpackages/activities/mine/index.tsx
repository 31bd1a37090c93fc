import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { MyActivities } from '@/core/activities/views'
import ActivityRow from '@/components/activities/ActivityRow'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import { openPage, ROUTES } from '@/components/routes'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/**
 * 我的活动: what I signed up for, where I wait in line, and what I took part in (with my results). The
 * server answers a page of my sign-ups at a time, latest first; 「更早的活动」 adds the next page's.
 */
export default function MyActivitiesPage() {
  const query = useQuery(() => call('activities.mine', {}), [])
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)
  // Pages after the first, kept only for the first page they continue (a reload starts over).
  const [older, setOlder] = useState<{ from?: MyActivities; pages: MyActivities[] }>({ pages: [] })
  const later = older.from === query.data ? older.pages : []
  const last = later[later.length - 1] ?? query.data
  const loadMore = useAction(async () => {
    const from = query.data
    if (!from || !last?.next) return
    const page = await call('activities.mine', { cursor: last.next })
    setOlder((prev) => ({ from, pages: [...(prev.from === from ? prev.pages : []), page] }))
  })
  return (
    <Page title='我的活动'>
      <QueryView query={query}>
        {(first) => {
          const mine = merged([first, ...later])
          return (
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
                {last?.more && (
                  <BigButton tone='secondary' loading={loadMore.running} onClick={() => void loadMore.run()}>
                    更早的活动
                  </BigButton>
                )}
              </Section>
            </>
          )
        }}
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.activities)}>
        看看全部活动
      </BigButton>
    </Page>
  )
}

/** The pages' sections as one list each, in the order the server sorts them. */
function merged(pages: MyActivities[]): Pick<MyActivities, 'upcoming' | 'waitlisted' | 'past'> {
  const byStart = <T extends { startAt: string }>(list: T[], dir: 1 | -1) =>
    list.sort((x, y) => dir * x.startAt.localeCompare(y.startAt))
  return {
    upcoming: byStart(
      pages.flatMap((p) => p.upcoming),
      1,
    ),
    waitlisted: byStart(
      pages.flatMap((p) => p.waitlisted),
      1,
    ),
    past: byStart(
      pages.flatMap((p) => p.past),
      -1,
    ),
  }
}
