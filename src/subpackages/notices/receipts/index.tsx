import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { NoticeReceipts, ReceiptPerson } from '@/core/notices/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { toastSuccess } from '@/components/toast'
import { shortTime } from '@/core/shared/shanghai-time'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import './index.scss'

/** 已读回执: how many have read, who has not (one tap reminds them), and who replied what. */
export default function Receipts() {
  const id = useRouter().params.id ?? ''
  const query = useQuery<NoticeReceipts>(() => {
    if (!id) throw new ApiError('NOT_FOUND', '找不到这条通知')
    return call('notices.receipts', { noticeId: id })
  }, [id])
  usePullRefresh(query.reload)
  const nudge = useAction(() => call('notices.nudge', { noticeId: id }))

  return (
    <Page title='已读回执'>
      <QueryView query={query}>
        {(r) => (
          <>
            <Section title={r.title}>
              <Text className='care-big-number receipts__count'>
                {r.read.length}/{r.total}
              </Text>
              <Text className='care-meta receipts__center'>已读 · 发给{r.audienceLabel}</Text>
            </Section>

            {r.confirmOptions.length > 0 && (
              <Section title='回复情况'>
                {r.tally.map((t) => (
                  <View key={t.option} className='receipts__tally'>
                    <Text className='care-row__title'>
                      {t.option}：{t.count}人
                    </Text>
                    {t.names.length > 0 && <Text className='care-names'>{t.names.join('、')}</Text>}
                  </View>
                ))}
                {r.noResponse.length > 0 && (
                  <Text className='care-meta'>已读未回复：{r.noResponse.map((p) => p.name).join('、')}</Text>
                )}
              </Section>
            )}

            <Section title={`未读 ${r.unread.length} 人`}>
              {r.unread.length === 0 ? (
                <Alert tone='success' text='所有人都已读' />
              ) : (
                <>
                  <People people={r.unread} />
                  {nudge.error && <Alert tone='error' text={nudge.error.message} />}
                  {r.toNudge > 0 ? (
                    <BigButton
                      loading={nudge.running}
                      onClick={async () => {
                        const out = await nudge.run()
                        if (out.ok) {
                          toastSuccess(`已提醒${out.value.sent}人`)
                          void query.reload()
                        }
                      }}
                    >
                      提醒未读的 {r.toNudge} 人
                    </BigButton>
                  ) : (
                    r.nudgedToday > 0 && <Alert tone='info' text='今天已提醒过未读的老师，明天可以再提醒' />
                  )}
                  {r.unreachable > 0 && (
                    <Alert
                      tone='warning'
                      text={`${r.toNudge + r.nudgedToday > 0 ? '另有' : ''}${r.unreachable}人未绑定微信，无法提醒，请您当面告知`}
                    />
                  )}
                </>
              )}
            </Section>

            <Section title={`已读 ${r.read.length} 人`}>
              {r.read.length === 0 ? <Text className='care-meta'>还没有人读</Text> : <People people={r.read} />}
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  )
}

function People({ people }: { people: ReceiptPerson[] }) {
  return (
    <>
      {people.map((p) => (
        <View key={p.memberId} className='care-row'>
          <View className='care-row__main'>
            <Text className='care-row__title'>{p.name}</Text>
            <Text className='care-row__detail'>
              {p.groupName}
              {p.readAt ? ` · ${shortTime(p.readAt)} 已读` : ''}
            </Text>
          </View>
          <View className='care-row__side'>
            {!p.bound && <Tag text='未绑定微信' />}
            {p.response && <Tag text={p.response} tone='success' />}
          </View>
        </View>
      ))}
    </>
  )
}
