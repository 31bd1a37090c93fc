import { Textarea, View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { NoticeDetail } from '@/core/notices/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import LinkRow from '@/components/LinkRow'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { confirm } from '@/components/confirm'
import { openPage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { monthDayLabel, shortTime } from '@/core/shared/shanghai-time'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import CorrectForm from './CorrectForm'
import NoticeFiles from './NoticeFiles'
import './index.scss'

/** One notice: opening it records that I read it; reply if asked; the author manages it from here. */
export default function NoticePage() {
  const id = useRouter().params.id ?? ''
  const query = useQuery<NoticeDetail>(() => {
    if (!id) throw new ApiError('NOT_FOUND', '找不到这条通知')
    return call('notices.open', { noticeId: id })
  }, [id])
  usePullRefresh(query.reload)

  return (
    <Page>
      <QueryView query={query}>{(n) => <Body notice={n} onChange={query.setData} />}</QueryView>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.notices)}>
        全部通知
      </BigButton>
    </Page>
  )
}

function Body({ notice: n, onChange }: { notice: NoticeDetail; onChange: (n: NoticeDetail) => void }) {
  const respond = useAction((option: string) => call('notices.respond', { noticeId: n.id, option }))
  const pin = useAction(() => call('notices.setPinned', { noticeId: n.id, pinned: !n.pinned }))
  const [withdrawing, setWithdrawing] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  const [reason, setReason] = useState('')
  const withdraw = useAction(() => call('notices.withdraw', { noticeId: n.id, reason }))

  return (
    <>
      <Text className='notice__title'>{n.title}</Text>
      <View className='notice__tags'>
        {n.pinned && <Tag text='置顶' tone='primary' />}
        <Tag text={n.categoryLabel} />
        {n.withdrawn && <Tag text='已撤回' />}
      </View>
      <Text className='care-meta'>
        {n.authorName} 发布于 {shortTime(n.publishedAt)} · 发给{n.audienceLabel}
      </Text>
      {n.correctedAt && <Text className='care-meta'>已于 {shortTime(n.correctedAt)} 更正</Text>}
      {n.withdrawn && <Alert tone='warning' text={`这条通知已撤回：${n.withdrawn.reason}`} />}
      <Section>
        {n.paragraphs.map((p, i) => (
          <Text key={i} className='care-paragraph'>
            {p}
          </Text>
        ))}
        <NoticeFiles notice={n} />
      </Section>

      {n.addressedToMe && n.confirmOptions.length > 0 && !n.withdrawn && (
        <Section title='请回复'>
          {n.confirmBy && <Text className='care-meta'>请在{monthDayLabel(n.confirmBy)}前回复</Text>}
          {n.myResponse && <Alert tone='success' text={`您已回复：${n.myResponse}`} />}
          {n.confirmClosed ? (
            <Alert tone='info' text='回复已截止' />
          ) : (
            <View className='notice__options'>
              {n.confirmOptions.map((option) => (
                <BigButton
                  key={option}
                  inline
                  tone={n.myResponse === option ? 'primary' : 'secondary'}
                  loading={respond.running}
                  onClick={async () => {
                    const r = await respond.run(option)
                    if (r.ok) {
                      onChange(r.value)
                      toastSuccess('已回复')
                    }
                  }}
                >
                  {option}
                </BigButton>
              ))}
            </View>
          )}
          {respond.error && <Alert tone='error' text={respond.error.message} />}
        </Section>
      )}

      {n.canManage && (
        <Section title='通知管理'>
          {n.stats && (
            <LinkRow
              title={`已读 ${n.stats.read}/${n.stats.total}`}
              detail='查看谁已读、谁未读，一键提醒'
              onClick={() => openPage(`${ROUTES.noticeReceipts}?id=${n.id}`)}
            />
          )}
          {!n.withdrawn && correcting && (
            <CorrectForm
              notice={n}
              onDone={(corrected) => {
                setCorrecting(false)
                // The answer is the author's view; keep my own reply as the page showed it.
                if (corrected) onChange({ ...corrected, myResponse: n.myResponse })
              }}
            />
          )}
          {!n.withdrawn && !correcting && (
            <>
              <BigButton tone='secondary' onClick={() => setCorrecting(true)}>
                更正内容
              </BigButton>
              <BigButton
                tone='secondary'
                loading={pin.running}
                onClick={async () => {
                  const r = await pin.run()
                  if (r.ok) onChange({ ...n, pinned: r.value.pinned })
                }}
              >
                {n.pinned ? '取消置顶' : '置顶'}
              </BigButton>
              {withdrawing ? (
                <Field label='撤回原因（会员会看到）' error={withdraw.fieldErrors.reason}>
                  <Textarea
                    className='notice__reason'
                    value={reason}
                    maxlength={100}
                    placeholder='例如：时间有变，另行通知'
                    onInput={(e) => setReason(e.detail.value)}
                  />
                  <BigButton
                    tone='danger'
                    loading={withdraw.running}
                    onClick={async () => {
                      if (
                        !(await confirm('撤回通知', '撤回后会员将看不到这条通知，已读记录会保留。确定撤回吗？', '撤回'))
                      )
                        return
                      const r = await withdraw.run()
                      if (r.ok) {
                        setWithdrawing(false)
                        onChange({ ...n, withdrawn: r.value.withdrawn, pinned: false })
                      }
                    }}
                  >
                    确认撤回
                  </BigButton>
                  <BigButton tone='secondary' onClick={() => setWithdrawing(false)}>
                    不撤回了
                  </BigButton>
                </Field>
              ) : (
                <BigButton tone='danger' onClick={() => setWithdrawing(true)}>
                  撤回通知
                </BigButton>
              )}
            </>
          )}
          {(pin.error ?? withdraw.error) && <Alert tone='error' text={(pin.error ?? withdraw.error)?.message ?? ''} />}
        </Section>
      )}
    </>
  )
}
