import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { BirthdayRow, UpcomingRange } from '@/core/greetings/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import LinkRow from '@/components/LinkRow'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage, ROUTES } from '@/components/routes'
import Choices from '@/components/care/Choices'
import { monthDayLabel, shanghaiQuarter } from '@/core/shared/shanghai-time'
import { serverNow } from '@/services/server-clock'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import './index.scss'

type Tab = UpcomingRange | 'roster'

/** 生日关怀: upcoming birthdays to prepare 生日蛋糕 / 生日卡, the 季度生日会 roster, and gifts given. */
export default function Birthdays() {
  const [tab, setTab] = useState<Tab>('week')
  const can = useCan()
  return (
    <Page title='生日关怀' intro='提前准备生日蛋糕或生日卡；送出后点「登记已送」。'>
      <Choices<Tab>
        choices={[
          { value: 'week', label: '7天内' },
          { value: 'month', label: '30天内' },
          { value: 'quarter', label: '三个月' },
          { value: 'roster', label: '生日会' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {tab === 'roster' ? <QuarterRosterView /> : <Upcoming range={tab} />}
      {can('greetings.settings') && (
        <Section>
          <LinkRow
            title='生日祝福设置'
            detail={can('greetings.saveSettings') ? '修改祝福语、是否给退休老师发送' : '查看祝福语（由工会主席修改）'}
            onClick={() => openPage(ROUTES.greetingSettings)}
          />
        </Section>
      )}
    </Page>
  )
}

function Upcoming({ range }: { range: UpcomingRange }) {
  const query = useQuery(() => call('greetings.upcoming', { range }), [range])
  usePullRefresh(query.reload)
  return (
    <QueryView query={query}>
      {(data) =>
        data.rows.length === 0 ? (
          <Alert tone='info' text={`未来${data.days}天没有会员过生日`} />
        ) : (
          <Section title={`共 ${data.rows.length} 人`}>
            {data.rows.map((row) => (
              <Person key={row.memberId} row={row} onChange={() => void query.reload()} />
            ))}
          </Section>
        )
      }
    </QueryView>
  )
}

function QuarterRosterView() {
  const [{ year, quarter }, setWhen] = useState(() => shanghaiQuarter(serverNow()))
  const query = useQuery(() => call('greetings.quarter', { year, quarter }), [year, quarter])
  usePullRefresh(query.reload)
  const move = (delta: number) => {
    const index = year * 4 + (quarter - 1) + delta
    setWhen({ year: Math.floor(index / 4), quarter: (index % 4) + 1 })
  }
  return (
    <>
      <View className='birthdays__quarter'>
        <BigButton tone='secondary' inline onClick={() => move(-1)}>
          上一季
        </BigButton>
        <Text className='birthdays__quarter-label'>
          {year}年第{quarter}季度
        </Text>
        <BigButton tone='secondary' inline onClick={() => move(1)}>
          下一季
        </BigButton>
      </View>
      <QueryView query={query}>
        {(r) => (
          <>
            <Alert tone='info' text={`季度生日会：共 ${r.total} 人，已送礼物 ${r.giftsGiven} 人`} />
            {r.months.map((m) => (
              <Section key={m.month} title={`${m.month}月（${m.rows.length}人）`}>
                {m.rows.length === 0 ? (
                  <Text className='care-meta'>本月没有会员过生日</Text>
                ) : (
                  m.rows.map((row) => <Person key={row.memberId} row={row} onChange={() => void query.reload()} />)
                )}
              </Section>
            ))}
          </>
        )}
      </QueryView>
    </>
  )
}

function Person({ row, onChange }: { row: BirthdayRow; onChange: () => void }) {
  const year = Number(row.date.slice(0, 4))
  const given = row.gift?.given ?? false
  const mark = useAction(() =>
    call('greetings.markGift', {
      memberId: row.memberId,
      year,
      given: !given,
      kind: row.gift?.kind ?? '生日蛋糕',
      note: '',
    }),
  )
  const when =
    row.daysAway === 0 ? '今天' : row.daysAway === 1 ? '明天' : row.daysAway > 0 ? `${row.daysAway}天后` : '已过'
  return (
    <View className='care-row'>
      <View className='care-row__main'>
        <Text className='care-row__title'>
          {row.name}
          {row.age !== undefined && <Text className='birthdays__age'>（{row.age}岁）</Text>}
        </Text>
        <Text className='care-row__detail'>
          {monthDayLabel(row.date)} · {when} · {row.groupName}
        </Text>
        <View>
          {row.status === 'retired' && <Tag text='退休' />}
          {row.hideBirthday && <Tag text='不公开生日' />}
          {row.noGreetings && <Tag text='不接收祝福' tone='warning' />}
          {given && <Tag text={`已送${row.gift?.kind ?? ''}`} tone='success' />}
        </View>
        {mark.error && <Alert tone='error' text={mark.error.message} />}
      </View>
      <View className='care-row__side'>
        <BigButton
          inline
          tone={given ? 'secondary' : 'primary'}
          loading={mark.running}
          onClick={async () => {
            const r = await mark.run()
            if (r.ok) onChange()
          }}
        >
          {given ? '撤销' : '登记已送'}
        </BigButton>
      </View>
    </View>
  )
}
