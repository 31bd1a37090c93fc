import { Image, View, Text } from '@tarojs/components'
import type { ActivitySummary } from '@/core/activities/views'
import { PHASE_LABELS, mySignupLabel } from '@/core/activities/labels'
import { formatWhen } from '@/core/shared/shanghai-time'
import LinkRow from '@/components/LinkRow'
import Tag from '@/components/Tag'
import { openPage, pageLink, ROUTES } from '@/components/routes'

/** One activity in a list: title, when and where, and the one fact that matters (已报名/已签到, 剩几个名额). */
export default function ActivityRow({ activity, extra }: { activity: ActivitySummary; extra?: string }) {
  const mine = activity.myStatus && activity.myStatus !== 'cancelled' ? activity.myStatus : undefined
  const seats =
    activity.phase !== 'open'
      ? PHASE_LABELS[activity.phase]
      : activity.seatsLeft === null
        ? '不限名额'
        : activity.seatsLeft > 0
          ? `剩${activity.seatsLeft}个名额`
          : '已满，可候补'
  return (
    <LinkRow
      title={activity.title}
      detail={
        <View className='activity-row__detail'>
          {activity.coverUrl && (
            <Image className='activity-row__thumb' src={activity.coverUrl} mode='aspectFill' lazyLoad />
          )}
          <View>
            <Text className='activity-row__line'>{formatWhen(activity.startAt)}</Text>
            <Text className='activity-row__line'>{activity.place}</Text>
            {extra && <Text className='activity-row__line'>{extra}</Text>}
          </View>
        </View>
      }
      extra={
        activity.phase === 'cancelled' ? (
          <Tag text={PHASE_LABELS.cancelled} tone='warning' />
        ) : mine ? (
          <Tag
            text={mySignupLabel(mine, Boolean(activity.myCheckedIn), activity.phase)}
            tone={mine === 'confirmed' ? 'success' : 'warning'}
          />
        ) : (
          <Tag text={seats} tone={activity.phase === 'open' ? 'primary' : 'neutral'} />
        )
      }
      onClick={() => openPage(pageLink(ROUTES.activity, { id: activity.id }))}
    />
  )
}
