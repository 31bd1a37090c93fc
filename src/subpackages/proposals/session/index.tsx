import { Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { SessionView } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import DateTimeField from '@/components/DateTimeField'
import { LATER, daysAfter } from '@/components/date-choices'
import Field from '@/components/Field'
import HandlingRules, { handlingRulesInput, type HandlingRulesValue } from '@/components/proposals/HandlingRules'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { confirm } from '@/components/confirm'
import { toastSuccess } from '@/components/toast'
import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import { serverNow } from '@/services/server-clock'
import './index.scss'

/** The edit form of one session; the server refuses unsafe changes with the reason under the field. */
function EditForm({ s }: { s: SessionView }) {
  const [name, setName] = useState(s.name)
  const [opensOn, setOpensOn] = useState(s.opensOn)
  const [closesOn, setClosesOn] = useState(s.closesOn)
  const [seconds, setSeconds] = useState(String(s.secondsRequired))
  const [categories, setCategories] = useState(s.categories.join('、'))
  const [departments, setDepartments] = useState(s.departments.join('、'))
  const [rules, setRules] = useState<HandlingRulesValue>({
    signOff: s.replySignOff === 'committee',
    autoCloseDays: s.autoCloseDays ? String(s.autoCloseDays) : '',
  })
  const save = useAction((closeOn?: string) =>
    call('proposals.updateSession', {
      sessionId: s.id,
      name,
      opensOn,
      closesOn: closeOn ?? closesOn,
      secondsRequired: Number(seconds),
      categories,
      departments,
      ...handlingRulesInput(rules),
    }),
  )
  const errors = save.fieldErrors
  const started = s.phase !== 'upcoming'
  const secondsFixed = s.submittedCount > 0
  const run = async (closeOn?: string) => {
    const outcome = await save.run(closeOn)
    if (outcome.ok) {
      toastSuccess(closeOn ? '征集已截止' : '已保存')
      Taro.navigateBack().catch(() => undefined)
    }
  }
  const closeToday = async () => {
    // Ending the window yesterday closes it now: nobody can submit any more today.
    const yesterday = addDays(shanghaiDate(serverNow()), -1)
    const closeOn = yesterday < opensOn ? opensOn : yesterday
    if (await confirm('提前截止征集', `截止后代表不能再提交提案。确定提前截止「${s.name}」吗？`, '提前截止'))
      await run(closeOn)
  }
  return (
    <>
      <Section title={s.name}>
        <Text className='p-meta'>
          编号 {s.codePrefix}-01 起 · 已提交{s.submittedCount}件
        </Text>
        <Field label='届次名称' error={errors.name}>
          <TextInput value={name} onChange={setName} maxlength={30} />
        </Field>
        <Field
          label='征集开始日期'
          hint={started ? '征集已经开始，开始日期不能再改' : undefined}
          error={errors.opensOn}
        >
          <DateTimeField mode='date' label='征集开始日期' value={opensOn} onChange={setOpensOn} disabled={started} />
        </Field>
        <Field label='征集截止日期' hint='可以延长，也可以提前' error={errors.closesOn}>
          <DateTimeField
            mode='date'
            label='征集截止日期'
            days={daysAfter(opensOn, LATER, serverNow())}
            value={closesOn}
            onChange={setClosesOn}
          />
        </Field>
        <Field
          label='至少几位代表附议'
          hint={secondsFixed ? '已有提案提交，附议人数不能再改' : undefined}
          error={errors.secondsRequired}
        >
          <TextInput value={seconds} onChange={setSeconds} type='number' maxlength={2} disabled={secondsFixed} />
        </Field>
        <Field label='提案类别' hint='用顿号隔开；已有提案使用的类别不能删除' error={errors.categories}>
          <TextInput value={categories} onChange={setCategories} maxlength={100} />
        </Field>
        <Field label='承办部门' hint='用顿号隔开；已有提案涉及的部门不能删除' error={errors.departments}>
          <TextInput value={departments} onChange={setDepartments} maxlength={200} />
        </Field>
        <HandlingRules value={rules} onChange={setRules} errors={errors} />
        {save.error && <Alert tone='error' text={save.error.message} />}
        <BigButton disabled={!name.trim()} loading={save.running} onClick={() => void run()}>
          保存修改
        </BigButton>
      </Section>
      {s.phase === 'open' && (
        <Section title='提前截止'>
          <Text className='p-text'>如果提案已经收齐，可以提前截止征集；之后仍可把截止日期改回来。</Text>
          <BigButton tone='danger' loading={save.running} onClick={() => void closeToday()}>
            提前截止征集
          </BigButton>
        </Section>
      )}
    </>
  )
}

/** 工会主席: change a session's window, 附议人数, categories and departments after creating it. */
export default function SessionEdit() {
  const id = useRouter().params.id
  const query = useQuery(async () => {
    const found = (await call('proposals.sessions', {})).find((s) => s.id === id)
    if (!found) throw new ApiError('NOT_FOUND', '找不到这一届教代会')
    return found
  }, [id])
  return (
    <Page title='修改届次'>
      <QueryView query={query}>{(s) => <EditForm key={s.id} s={s} />}</QueryView>
    </Page>
  )
}
