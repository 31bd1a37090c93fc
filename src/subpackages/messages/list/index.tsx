import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MessagePage, MessageView } from '@/core/messages/views'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { toastSuccess } from '@/components/toast'
import Badge, { UnreadDot } from '@/components/care/Badge'
import BirthdayGreeting from '@/components/care/BirthdayGreeting'
import { shortTime } from '@/core/shared/shanghai-time'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import { askSubscribe, canSubscribe } from '@/services/subscribe'
import './index.scss'

interface Inbox {
  page: MessagePage
  card: Awaited<ReturnType<typeof loadCard>>
}

const loadCard = () => call('greetings.today', {})

/** 我的消息: everything the union sent me (activities, notices, birthday wishes), newest first. */
export default function Messages() {
  const [more, setMore] = useState<MessageView[]>([])
  const [nextOffset, setNextOffset] = useState<number | undefined>()
  const query = useQuery<Inbox>(async () => {
    const [page, card] = await Promise.all([call('messages.list', {}), loadCard()])
    setMore([])
    setNextOffset(page.nextOffset)
    return { page, card }
  }, [])
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)

  const loadMore = useAction(async (offset: number) => {
    const page = await call('messages.list', { offset })
    setMore((prev) => [...prev, ...page.items])
    setNextOffset(page.nextOffset)
  })
  const markAll = useAction(() => call('messages.markAllRead', {}))

  const open = async (m: MessageView) => {
    if (!m.read) {
      const { unread } = await call('messages.markRead', { messageId: m.id })
      if (query.data) {
        const mark = (x: MessageView) => (x.id === m.id ? { ...x, read: true } : x)
        query.setData({ ...query.data, page: { ...query.data.page, unread, items: query.data.page.items.map(mark) } })
        setMore((prev) => prev.map(mark))
      }
    }
    if (m.link) void Taro.navigateTo({ url: m.link })
  }

  return (
    <Page title='我的消息'>
      <QueryView query={query}>
        {({ page, card }) => {
          const items = [...page.items, ...more]
          return (
            <>
              {card && <BirthdayGreeting card={card} />}
              <Section title='消息' extra={<Badge count={page.unread} />}>
                {items.length === 0 ? (
                  <Text className='care-meta'>还没有消息。活动提醒、通知和生日祝福都会出现在这里。</Text>
                ) : (
                  items.map((m) => (
                    <View key={m.id} className='care-row messages__row' onClick={() => void open(m)}>
                      <UnreadDot unread={!m.read} />
                      <View className='care-row__main'>
                        <Text className={m.read ? 'care-row__title care-row__title--read' : 'care-row__title'}>
                          {m.title}
                        </Text>
                        <Text className='care-row__detail'>{m.body}</Text>
                        <Text className='care-row__detail'>{shortTime(m.createdAt)}</Text>
                      </View>
                      <View className='care-row__side'>
                        <Tag text={m.kindLabel} tone={m.kind === 'birthday' ? 'warning' : 'neutral'} />
                      </View>
                    </View>
                  ))
                )}
              </Section>
              {nextOffset !== undefined && (
                <BigButton tone='secondary' loading={loadMore.running} onClick={() => void loadMore.run(nextOffset)}>
                  查看更早的消息
                </BigButton>
              )}
              {page.unread > 0 && (
                <BigButton
                  tone='secondary'
                  loading={markAll.running}
                  onClick={async () => {
                    const r = await markAll.run()
                    if (r.ok) void query.reload()
                  }}
                >
                  全部标为已读
                </BigButton>
              )}
              {canSubscribe && (
                <BigButton
                  tone='secondary'
                  onClick={async () => {
                    const accepted = await askSubscribe(['notice', 'activity', 'birthday'])
                    if (accepted.length) toastSuccess('已开启提醒')
                  }}
                >
                  在微信里接收提醒
                </BigButton>
              )}
            </>
          )
        }}
      </QueryView>
    </Page>
  )
}
