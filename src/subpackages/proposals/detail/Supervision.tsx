import { Text } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalDetail } from '@/core/proposals/views'
import {
  EXTENSION_MAX_DAYS,
  SUPERVISION_NOTE_MAX,
  SUPERVISION_NOTE_MIN,
  type ExtensionView,
} from '@/core/proposals/supervision-view'
import { addDays, fullTime } from '@/core/shared/shanghai-time'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import DateTimeField from '@/components/DateTimeField'
import Field from '@/components/Field'
import Section from '@/components/Section'
import LongText from '@/components/proposals/LongText'
import { daysAfter } from '@/components/date-choices'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { serverNow } from '@/services/server-clock'
import { withoutEnding } from '@/core/shared/typed-text'

interface Props {
  p: ProposalDetail
  onDone: (p: ProposalDetail) => void
}

/** Common lengths of a 延期, counted from the current reply date. */
const LATER = [
  { label: '延后一周', days: 7 },
  { label: '延后两周', days: 14 },
  { label: '延后一个月', days: 30 },
]

/**
 * 督办 on a proposal with a department: the committee and the chair 催办 with a note and decide a waiting
 * 延期 request; the lead department's heads ask for one (new date and reason) and see how it stands. What
 * each may do comes from the server (`p.supervision`); the history below lists every step.
 */
export default function Supervision({ p, onDone }: Props) {
  const s = p.supervision
  if (!s) return null
  const ext = s.extension
  const shows = s.urge || s.requestExtension || s.decideExtension
  // Others see the latest request in the history; its asker sees how it stands here too.
  if (!shows) return ext && !ext.decided && p.status === 'assigned' ? <ExtensionState ext={ext} /> : null
  return (
    <Section title='督办'>
      {ext && p.status === 'assigned' && <ExtensionState ext={ext} />}
      {s.decideExtension && ext && <DecidePanel p={p} ext={ext} onDone={onDone} />}
      {s.requestExtension && <RequestPanel p={p} onDone={onDone} />}
      {s.urge && <UrgePanel p={p} onDone={onDone} />}
    </Section>
  )
}

function ExtensionState({ ext }: { ext: ExtensionView }) {
  const d = ext.decided
  if (!d)
    return (
      <Alert
        tone='info'
        text={`${ext.byName}申请把答复期限由${ext.fromReplyBy}延至${ext.newReplyBy}，理由：${withoutEnding(ext.reason)}。等待提案工作委员会或工会主席审批。`}
      />
    )
  return d.approve ? (
    <Alert
      tone='info'
      text={`${d.byName}已同意延期，答复期限延至${ext.newReplyBy}。${d.note ? `意见：${withoutEnding(d.note)}。` : ''}`}
    />
  ) : (
    <Alert
      tone='warning'
      text={`${d.byName}不同意延期至${ext.newReplyBy}（${fullTime(d.at)}）：${withoutEnding(d.note)}。请按原期限${ext.fromReplyBy}答复。`}
    />
  )
}

/** One write that hands the updated proposal back, with a toast on success. */
function useWrite<A extends unknown[]>(perform: (...args: A) => Promise<ProposalDetail>, onDone: Props['onDone']) {
  const action = useAction(perform)
  const run = async (done: string, ...args: A) => {
    const outcome = await action.run(...args)
    if (outcome.ok) {
      toastSuccess(done)
      onDone(outcome.value)
    }
  }
  const fields = action.fieldErrors
  // A refusal about a field is shown under the field only.
  const message = action.error?.message
  const error = message && !Object.values(fields).includes(message) ? message : undefined
  return { run, running: action.running, fields, error }
}

function UrgePanel({ p, onDone }: Props) {
  const [note, setNote] = useState('')
  const urge = useWrite(() => call('proposals.urge', { proposalId: p.id, note: note.trim() }), onDone)
  return (
    <>
      <Text className='p-text'>
        {p.overdue ? '这份提案已过答复期限，' : ''}可以催办{p.assignment?.lead ?? '主办部门'}
        ，部门负责人会收到您的催办意见，办理记录中也会留下记录。
      </Text>
      <Field label='催办意见' error={urge.fields.note}>
        <LongText
          value={note}
          onChange={setNote}
          maxlength={SUPERVISION_NOTE_MAX}
          min={SUPERVISION_NOTE_MIN}
          placeholder='例如：已过答复期限，请于本周内答复'
        />
      </Field>
      {urge.error && <Alert tone='error' text={urge.error} />}
      <BigButton
        disabled={Array.from(note.trim()).length < SUPERVISION_NOTE_MIN}
        loading={urge.running}
        onClick={() => void urge.run('已催办')}
      >
        催办
      </BigButton>
    </>
  )
}

function RequestPanel({ p, onDone }: Props) {
  const replyBy = p.assignment?.replyBy ?? ''
  const now = serverNow()
  const [newReplyBy, setNewReplyBy] = useState('')
  const [reason, setReason] = useState('')
  const ask = useWrite(
    () => call('proposals.requestExtension', { proposalId: p.id, newReplyBy, reason: reason.trim() }),
    onDone,
  )
  return (
    <>
      <Text className='p-text'>
        现在的答复期限是{replyBy}。如果确实需要更多时间，可以申请延期（最多延后{EXTENSION_MAX_DAYS}
        天），由提案工作委员会或工会主席审批。
      </Text>
      <Field label='新的答复期限' error={ask.fields.newReplyBy}>
        <DateTimeField
          mode='date'
          label='新的答复期限'
          value={newReplyBy}
          onChange={setNewReplyBy}
          days={daysAfter(replyBy, LATER, now)}
          start={addDays(replyBy, 1)}
          end={addDays(replyBy, EXTENSION_MAX_DAYS)}
          now={now}
        />
      </Field>
      <Field label='延期理由' error={ask.fields.reason}>
        <LongText
          value={reason}
          onChange={setReason}
          maxlength={SUPERVISION_NOTE_MAX}
          min={SUPERVISION_NOTE_MIN}
          placeholder='例如：需要先听取各年级组的意见'
        />
      </Field>
      {ask.error && <Alert tone='error' text={ask.error} />}
      <BigButton
        disabled={!newReplyBy || Array.from(reason.trim()).length < SUPERVISION_NOTE_MIN}
        loading={ask.running}
        onClick={() => void ask.run('已申请延期')}
      >
        申请延期
      </BigButton>
    </>
  )
}

function DecidePanel({ p, ext, onDone }: Props & { ext: ExtensionView }) {
  const [note, setNote] = useState('')
  const decide = useWrite(
    (approve: boolean) => call('proposals.decideExtension', { proposalId: p.id, approve, note: note.trim() }),
    onDone,
  )
  return (
    <>
      <Field label='审批意见（不同意时必填）' error={decide.fields.note}>
        <LongText value={note} onChange={setNote} maxlength={SUPERVISION_NOTE_MAX} />
      </Field>
      {decide.error && <Alert tone='error' text={decide.error} />}
      <BigButton loading={decide.running} onClick={() => void decide.run('已同意延期', true)}>
        同意延期至{ext.newReplyBy}
      </BigButton>
      <BigButton
        tone='danger'
        disabled={Array.from(note.trim()).length < SUPERVISION_NOTE_MIN}
        loading={decide.running}
        onClick={() => void decide.run('已不同意延期', false)}
      >
        不同意延期
      </BigButton>
    </>
  )
}
