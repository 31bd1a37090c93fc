import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalDetail } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Section from '@/components/Section'
import LongText from '@/components/proposals/LongText'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { fullTime } from '@/core/shared/shanghai-time'

/** The server's bounds of a 协办意见 (proposals.cooperate). */
const OPINION_MIN = 10
const OPINION_MAX = 1000

/**
 * 协办意见: what the 协办 departments said, for the 主办 department while it writes its reply (this panel sits
 * above the reply form), the committee and the proposer; and, for a head of a 协办 department, the form to give
 * (or change) the department's opinion. Absent for whoever may not read them (the server leaves them out).
 */
export default function Cooperation({ p, onDone }: { p: ProposalDetail; onDone: (p: ProposalDetail) => void }) {
  const view = p.cooperation
  if (!view) return null
  const mine = view.mine
  const waiting = view.departments.filter((d) => !view.opinions.some((o) => o.department === d))
  return (
    <Section title='协办意见'>
      {view.opinions.map((o) => (
        <View key={o.department} className='p-block'>
          <Text className='p-label'>{o.department}的协办意见</Text>
          <Text className='p-text'>{o.text}</Text>
          <Text className='p-meta'>
            {o.byName} · {fullTime(o.at)}
          </Text>
        </View>
      ))}
      {waiting.length > 0 && <Text className='p-meta'>尚未提交协办意见：{waiting.join('、')}</Text>}
      {mine?.recused && (
        <Alert tone='info' text='这是您提出或附议的提案，需要回避，请由本部门其他负责人提交协办意见。' />
      )}
      {mine?.may && (
        <OpinionForm
          p={p}
          department={mine.department}
          given={view.opinions.some((o) => o.department === mine.department)}
          onDone={onDone}
        />
      )}
    </Section>
  )
}

function OpinionForm(props: {
  p: ProposalDetail
  department: string
  given: boolean
  onDone: (p: ProposalDetail) => void
}) {
  const { p, department, given, onDone } = props
  const [opinion, setOpinion] = useState('')
  const action = useAction(() => call('proposals.cooperate', { proposalId: p.id, opinion }))
  const submit = async () => {
    const outcome = await action.run()
    if (outcome.ok) {
      toastSuccess(given ? '已修改' : '已提交')
      onDone(outcome.value)
    }
  }
  const fieldError = action.fieldErrors.opinion
  const error = action.error?.message
  return (
    <View className='p-block'>
      <Text className='p-text'>
        {given
          ? `${department}已提交协办意见。如需修改，请写下新的意见，提交后将替换原意见，${p.assignment?.lead ?? '主办部门'}会收到通知。`
          : `请写下${department}的协办意见，提交后${p.assignment?.lead ?? '主办部门'}会收到通知，并在答复时参考。`}
      </Text>
      <Field label={given ? '新的协办意见' : '协办意见'} error={fieldError}>
        <LongText
          value={opinion}
          onChange={setOpinion}
          maxlength={OPINION_MAX}
          min={OPINION_MIN}
          placeholder='写明本部门能做什么、怎样配合'
        />
      </Field>
      {error && error !== fieldError && <Alert tone='error' text={error} />}
      <BigButton
        disabled={Array.from(opinion.trim()).length < OPINION_MIN}
        loading={action.running}
        onClick={() => void submit()}
      >
        {given ? '修改协办意见' : '提交协办意见'}
      </BigButton>
    </View>
  )
}
