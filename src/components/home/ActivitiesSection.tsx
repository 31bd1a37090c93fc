import { View } from '@tarojs/components'
import type { ActivityPage } from '@/core/activities/views'
import ActivityRow from '@/components/activities/ActivityRow'
import '@/components/activities/activities.scss'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import LinkRow from '@/components/LinkRow'
import Section from '@/components/Section'
import { openPage, ROUTES } from '@/components/routes'
import { useCan } from '@/hooks/useCan'

/** 首页「近期活动」: the next few activities with seats left or 已报名, then all activities and 我的活动. */
export default function ActivitiesSection({ activities }: { activities: ActivityPage }) {
  const canCreate = useCan()('activities.create')
  return (
    <Section title='近期活动'>
      {activities.items.length === 0 ? (
        <Empty text='近期没有活动' />
      ) : (
        <View>
          {activities.items.map((a) => (
            <ActivityRow key={a.id} activity={a} />
          ))}
        </View>
      )}
      <LinkRow title='全部活动' onClick={() => openPage(ROUTES.activities)} />
      <LinkRow title='我的活动' detail='已报名、候补、往期成绩' onClick={() => openPage(ROUTES.myActivities)} />
      {canCreate && <BigButton onClick={() => openPage(ROUTES.activityEdit)}>发起活动</BigButton>}
    </Section>
  )
}
