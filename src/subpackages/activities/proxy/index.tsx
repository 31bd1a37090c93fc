import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { SIGNUP_LABELS } from '@/core/activities/labels'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/** A 小组长 signs up (or cancels for) colleagues without a smartphone, e.g. retired teachers. */
export default function Proxy() {
  const id = useRouter().params.id ?? ''
  const query = useQuery(() => call('activities.groupCandidates', { activityId: id }), [id])
  usePullRefresh(query.reload)
  const [note, setNote] = useState('')
  const act = useAction((memberId: string, join: boolean) =>
    join
      ? call('activities.signUpFor', { activityId: id, memberId })
      : call('activities.cancel', { activityId: id, memberId, reason: '' }),
  )
  const run = async (memberId: string, join: boolean) => {
    const outcome = await act.run(memberId, join)
    if (!outcome.ok) return
    setNote(outcome.value.message)
    await query.reload()
  }
  return (
    <Page title='代小组成员报名' intro='为没有智能手机的同事报名或取消。分项目的比赛请同事本人或工会主席报名。'>
      {note && <Alert tone='success' text={note} />}
      {act.error && <Alert tone='error' text={act.error.message} />}
      <QueryView query={query} emptyText='您的小组里没有其他成员'>
        {(list) => (
          <Section>
            {list.map((m) => {
              const active = m.status === 'confirmed' || m.status === 'waitlisted' || m.status === 'applied'
              return (
                <View key={m.memberId} className='roster-line'>
                  <Text className='roster-line__name'>{m.name}</Text>
                  {m.status && <Tag text={SIGNUP_LABELS[m.status]} tone={active ? 'success' : 'neutral'} />}
                  <BigButton tone={active ? 'secondary' : 'primary'} onClick={() => void run(m.memberId, !active)}>
                    {active ? `为${m.name}取消报名` : `为${m.name}报名`}
                  </BigButton>
                </View>
              )
            })}
          </Section>
        )}
      </QueryView>
    </Page>
  )
}
