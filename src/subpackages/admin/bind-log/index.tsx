import { View, Text } from '@tarojs/components'
import BigButton from '@/components/BigButton'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage, ROUTES } from '@/components/routes'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import { fullTime } from '@/core/shared/shanghai-time'
import './index.scss'

const METHOD_LABELS = { code: '邀请码', identity: '工号和手机' } as const

/** 绑定记录: refused binding attempts, newest first as the server sends them, so the chair can spot misuse. */
export default function BindLog() {
  const attempts = useQuery(() => call('members.bindingAttempts', {}), [])
  usePullRefresh(attempts.reload)

  return (
    <Page title='绑定记录' intro='这里列出没有成功的绑定尝试。'>
      <QueryView query={attempts} emptyText='没有被拒绝的绑定'>
        {(list) => (
          <Section title={`共 ${list.length} 条`}>
            {list.map((attempt, index) => (
              <View key={`${attempt.at}-${index}`} className='bind-log__row'>
                <View className='bind-log__head'>
                  <Text className='bind-log__time'>{fullTime(attempt.at)}</Text>
                  <Tag text={METHOD_LABELS[attempt.method]} />
                </View>
                <Text className='bind-log__reason'>{attempt.reason}</Text>
                {attempt.memberName && <Text className='bind-log__member'>涉及会员：{attempt.memberName}</Text>}
              </View>
            ))}
          </Section>
        )}
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.roster)}>
        回到会员名册
      </BigButton>
    </Page>
  )
}
