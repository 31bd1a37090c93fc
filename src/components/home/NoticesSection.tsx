import { View, Text } from '@tarojs/components'
import type { NoticeList } from '@/core/notices/views'
import LinkRow from '@/components/LinkRow'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage } from '@/components/routes'
import Badge, { UnreadDot } from '@/components/care/Badge'
import { CARE_ROUTES } from '@/components/care/routes'
import { useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import '../care/home.scss'

const SHOWN = 3

interface HomeNotices {
  notices: NoticeList
  unreadMessages: number
}

/** 首页 通知: pinned and latest notices with unread marks, the way to all notices, and my unread messages. */
export default function NoticesSection() {
  const bound = useSession().whoami?.bound ?? false
  const query = useQuery<HomeNotices | null>(async () => {
    if (!bound) return null
    // A few more than shown: a manager's first page may hold withdrawn ones, which 首页 leaves out.
    const [notices, messages] = await Promise.all([
      call('notices.list', { limit: SHOWN + 5 }),
      call('messages.unreadCount', {}),
    ])
    return { notices, unreadMessages: messages.unread }
  }, [bound])
  useReloadOnReturn(query.reload)
  if (!query.data) return null
  const { notices, unreadMessages } = query.data
  const unread = notices.unread ?? 0
  const shown = notices.items.filter((n) => !n.withdrawn).slice(0, SHOWN)
  return (
    <Section title='通知' extra={<Badge count={unread} />}>
      {shown.length === 0 && <Text className='home-care__empty'>暂时没有通知</Text>}
      {shown.map((n) => (
        <View key={n.id} className='home-care__row' onClick={() => openPage(`${CARE_ROUTES.notice}?id=${n.id}`)}>
          <UnreadDot unread={!n.read} />
          <Text className={n.read ? 'home-care__title' : 'home-care__title home-care__title--unread'}>{n.title}</Text>
          {n.pinned && <Tag text='置顶' tone='primary' />}
          {n.needsMyResponse && <Tag text='待回复' tone='warning' />}
        </View>
      ))}
      <LinkRow
        title='全部通知'
        extra={unread ? <Text className='home-care__count'>{unread}条未读</Text> : undefined}
        onClick={() => openPage(CARE_ROUTES.notices)}
      />
      <LinkRow
        title='我的消息'
        extra={<Badge count={unreadMessages} />}
        onClick={() => openPage(CARE_ROUTES.messages)}
      />
    </Section>
  )
}
