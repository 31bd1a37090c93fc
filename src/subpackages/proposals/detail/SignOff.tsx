import { Text } from '@tarojs/components'
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

interface Props {
  p: ProposalDetail
  onDone: (p: ProposalDetail) => void
}

/**
 * 答复审核 (when the session requires it): the committee releases the waiting reply to the proposer or sends
 * it back with a note; the 主办 department sees that its reply waits, or why it came back. Shows nothing to
 * anyone else (the server sends `signOff` only to them).
 */
export default function SignOffPanel({ p, onDone }: Props) {
  const [note, setNote] = useState('')
  const step = useAction((approve: boolean) =>
    call('proposals.signOffReply', { proposalId: p.id, approve, note: note.trim() }),
  )
  const s = p.signOff
  if (!s) return null
  const run = async (approve: boolean) => {
    const outcome = await step.run(approve)
    if (outcome.ok) {
      toastSuccess(approve ? '已发给提案人' : '已退回部门')
      setNote('')
      onDone(outcome.value)
    }
  }
  if (!p.can.signOff)
    return (
      <>
        {s.waitingSince && <Alert tone='info' text='答复已提交，正在等待提案工作委员会审核，审核通过后发给提案人。' />}
        {!s.waitingSince && s.returned && p.status === 'assigned' && (
          <Alert
            tone='warning'
            text={`上次答复未通过审核（${s.returned.byName}，${fullTime(s.returned.at)}）：${s.returned.note}`}
          />
        )}
      </>
    )
  return (
    <Section title='答复审核'>
      <Text className='p-text'>
        本届规定：部门的答复须经提案工作委员会审核后再发给提案人。请看上面的答复，同意就发给提案人；不同意请写明意见退回部门。
      </Text>
      <Field label='审核意见（退回时必填）' error={step.fieldErrors.note}>
        <LongText value={note} onChange={setNote} maxlength={300} />
      </Field>
      {step.error && step.error.message !== step.fieldErrors.note && <Alert tone='error' text={step.error.message} />}
      <BigButton loading={step.running} onClick={() => void run(true)}>
        同意，发给提案人
      </BigButton>
      <BigButton tone='danger' disabled={!note.trim()} loading={step.running} onClick={() => void run(false)}>
        退回部门重新答复
      </BigButton>
    </Section>
  )
}
