import { View, Text } from '@tarojs/components'
import type { HomeNotices } from '@/core/notices/views'
import LinkRow from '@/components/LinkRow'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage, ROUTES } from '@/components/routes'
import Badge, { UnreadDot } from '@/components/care/Badge'
import '../care/home.scss'

/** 首页 通知: pinned and latest notices with unread marks, the way to all notices, and my unread messages. */
export default function NoticesSection({ notices }: { notices: HomeNotices }) {
  const { unread, unreadMessages } = notices
  const shown = notices.items.filter((n) => !n.withdrawn)
  return (
    <Section title='通知' extra={<Badge count={unread} />}>
      {shown.length === 0 && <Text className='home-care__empty'>暂时没有通知</Text>}
      {shown.map((n) => (
        <View key={n.id} className='home-care__row' onClick={() => openPage(`${ROUTES.notice}?id=${n.id}`)}>
          <UnreadDot unread={!n.read} />
          <Text className={n.read ? 'home-care__title' : 'home-care__title home-care__title--unread'}>{n.title}</Text>
          {n.pinned && <Tag text='置顶' tone='primary' />}
          {n.needsMyResponse && <Tag text='待回复' tone='warning' />}
        </View>
      ))}
      <LinkRow
        title='全部通知'
        extra={unread ? <Text className='home-care__count'>{unread}条未读</Text> : undefined}
        onClick={() => openPage(ROUTES.notices)}
      />
      <LinkRow title='我的消息' extra={<Badge count={unreadMessages} />} onClick={() => openPage(ROUTES.messages)} />
    </Section>
  )
}
