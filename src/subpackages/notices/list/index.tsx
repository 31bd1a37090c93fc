import { View, Text } from '@tarojs/components'
import type { NoticeListItem } from '@/core/notices/views'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage, ROUTES } from '@/components/routes'
import Badge, { UnreadDot } from '@/components/care/Badge'
import { shortTime } from '@/core/shared/shanghai-time'
import { usePages } from '@/hooks/usePages'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import { askSubscribe } from '@/services/subscribe'
import './index.scss'

/**
 * 通知: notices sent to me, pinned first, then newest, a page at a time (more load at the bottom); unread
 * ones marked, and counted on the heading; authors also see how many have read.
 */
export default function Notices() {
  const pages = usePages((cursor) => call('notices.list', { cursor }), [])
  usePullRefresh(pages.first.reload)
  useReloadOnReturn(pages.first.reload)
  const canPublish = useCan()('notices.publish')

  return (
    <Page title='通知'>
      {canPublish && <BigButton onClick={() => openPage(ROUTES.noticeEdit)}>发布通知</BigButton>}
      <QueryView query={pages.first}>
        {({ unread }) => (
          <Section title='全部通知' extra={<Badge count={unread ?? 0} />}>
            {pages.items.length === 0 && <Text className='care-meta'>暂时没有通知</Text>}
            {pages.items.map((n) => (
              <NoticeRow key={n.id} n={n} />
            ))}
            {pages.more && (
              <BigButton tone='secondary' loading={pages.loadingMore} onClick={() => void pages.loadMore()}>
                加载更多通知
              </BigButton>
            )}
          </Section>
        )}
      </QueryView>
    </Page>
  )
}

function NoticeRow({ n }: { n: NoticeListItem }) {
  return (
    <View
      className='care-row notices__row'
      onClick={() => {
        askSubscribe(['notice']).catch(() => undefined)
        openPage(`${ROUTES.notice}?id=${n.id}`)
      }}
    >
      <UnreadDot unread={!n.read && !n.withdrawn} />
      <View className='care-row__main'>
        <Text className={n.read ? 'care-row__title care-row__title--read' : 'care-row__title'}>{n.title}</Text>
        <View>
          {n.pinned && !n.withdrawn && <Tag text='置顶' tone='primary' />}
          {n.category === 'congress' && <Tag text={n.categoryLabel} tone='neutral' />}
          {n.withdrawn && <Tag text='已撤回' tone='neutral' />}
          {n.needsMyResponse && <Tag text='待回复' tone='warning' />}
          {n.myResponse && <Tag text={`已回复：${n.myResponse}`} tone='success' />}
        </View>
        <Text className='care-row__detail'>
          {n.authorName} · {shortTime(n.publishedAt)}
          {n.addressedToMe ? '' : ` · 发给${n.audienceLabel}`}
        </Text>
      </View>
      {n.stats && (
        <View className='care-row__side'>
          <Text className='notices__stats'>
            {n.stats.read}/{n.stats.total}
          </Text>
          <Text className='care-row__detail'>已读</Text>
        </View>
      )}
    </View>
  )
}
