import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import DateTimeField from '@/components/DateTimeField'
import { LATER, daysAfter } from '@/components/date-choices'
import Field from '@/components/Field'
import HandlingRules, { handlingRulesInput, type HandlingRulesValue } from '@/components/proposals/HandlingRules'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import TextInput from '@/components/TextInput'
import { toastSuccess } from '@/components/toast'
import { openPage, ROUTES } from '@/components/routes'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import { serverNow } from '@/services/server-clock'
import './index.scss'

const PHASES = { upcoming: '未开始', open: '征集中', closed: '已截止' } as const

/** 工会主席: the 教代会 sessions (each can be edited) and a form to open the next one's collection window. */
export default function Sessions() {
  const list = useQuery(() => call('proposals.sessions', {}), [])
  usePullRefresh(list.reload)
  useReloadOnReturn(list.reload)
  const today = shanghaiDate(serverNow())
  const [name, setName] = useState('')
  const [codePrefix, setCodePrefix] = useState(today.slice(0, 4))
  const [opensOn, setOpensOn] = useState(today)
  const [closesOn, setClosesOn] = useState(addDays(today, 30))
  const [seconds, setSeconds] = useState('2')
  const [categories, setCategories] = useState('教学、后勤、福利、管理、其他')
  const [departments, setDepartments] = useState('教务处、总务处、办公室')
  const [rules, setRules] = useState<HandlingRulesValue>({ signOff: false, autoCloseDays: '' })
  const create = useAction(() =>
    call('proposals.createSession', {
      name,
      codePrefix,
      opensOn,
      closesOn,
      secondsRequired: Number(seconds),
      categories,
      departments,
      ...handlingRulesInput(rules),
    }),
  )
  const errors = create.fieldErrors
  const submit = async () => {
    const outcome = await create.run()
    if (outcome.ok) {
      toastSuccess('已创建')
      setName('')
      void list.reload()
    }
  }
  return (
    <Page title='教代会届次'>
      <QueryView query={list} emptyText='还没有设置教代会届次'>
        {(sessions) => (
          <Section title='已有届次'>
            {sessions.map((s) => (
              <View key={s.id} className='p-block'>
                <Text className='p-label'>{s.name}</Text>
                <Tag text={PHASES[s.phase]} tone={s.phase === 'open' ? 'primary' : 'neutral'} />
                <Text className='p-meta'>
                  征集 {s.opensOn} 至 {s.closesOn} · 附议{s.secondsRequired}人 · 已提交{s.submittedCount}件 · 编号{' '}
                  {s.codePrefix}-01 起
                </Text>
                <BigButton tone='secondary' inline onClick={() => openPage(`${ROUTES.proposalSession}?id=${s.id}`)}>
                  修改{s.phase === 'open' ? '或提前截止' : ''}
                </BigButton>
              </View>
            ))}
          </Section>
        )}
      </QueryView>
      <Section title='新建届次'>
        <Field label='届次名称' error={errors.name}>
          <TextInput value={name} onChange={setName} placeholder='例如 五届六次教代会' maxlength={30} />
        </Field>
        <Field label='提案编号前缀' hint='编号形如 2026-01' error={errors.codePrefix}>
          <TextInput value={codePrefix} onChange={setCodePrefix} maxlength={8} />
        </Field>
        <Field label='征集开始日期' error={errors.opensOn}>
          <DateTimeField mode='date' label='征集开始日期' value={opensOn} onChange={setOpensOn} />
        </Field>
        <Field label='征集截止日期' error={errors.closesOn}>
          <DateTimeField
            mode='date'
            label='征集截止日期'
            days={daysAfter(opensOn, LATER, serverNow())}
            value={closesOn}
            onChange={setClosesOn}
          />
        </Field>
        <Field label='至少几位代表附议' error={errors.secondsRequired}>
          <TextInput value={seconds} onChange={setSeconds} type='number' maxlength={2} />
        </Field>
        <Field label='提案类别' hint='用顿号隔开' error={errors.categories}>
          <TextInput value={categories} onChange={setCategories} maxlength={100} />
        </Field>
        <Field label='承办部门' hint='用顿号隔开；部门负责人在会员名册中设置' error={errors.departments}>
          <TextInput value={departments} onChange={setDepartments} maxlength={200} />
        </Field>
        <HandlingRules value={rules} onChange={setRules} errors={errors} />
        {create.error && <Alert tone='error' text={create.error.message} />}
        <BigButton disabled={!name.trim()} loading={create.running} onClick={() => void submit()}>
          创建届次
        </BigButton>
      </Section>
    </Page>
  )
}
