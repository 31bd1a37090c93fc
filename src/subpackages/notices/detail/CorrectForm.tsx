import { Textarea } from '@tarojs/components'
import { useState } from 'react'
import type { NoticeDetail } from '@/core/notices/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import SwitchRow from '@/components/SwitchRow'
import TextInput from '@/components/TextInput'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'

interface CorrectFormProps {
  notice: NoticeDetail
  onDone: (corrected: NoticeDetail | null) => void
}

/** Fix a typo or a changed room after publishing; the words before are kept, replies are not touched. */
export default function CorrectForm({ notice, onDone }: CorrectFormProps) {
  const [title, setTitle] = useState(notice.title)
  const [body, setBody] = useState(notice.paragraphs.join('\n'))
  const [notifyReaders, setNotifyReaders] = useState(true)
  const save = useAction(() => call('notices.correct', { noticeId: notice.id, title, body, notifyReaders }))

  return (
    <>
      <Field label='标题' error={save.fieldErrors.title}>
        <TextInput value={title} maxlength={40} onChange={setTitle} />
      </Field>
      <Field label='正文' error={save.fieldErrors.body}>
        <Textarea
          className='notice__correct-body'
          value={body}
          maxlength={5000}
          onInput={(e) => setBody(e.detail.value)}
        />
      </Field>
      <SwitchRow
        label='提醒已读的人'
        detail='已经读过的会员会收到一条“通知已更正”的消息'
        checked={notifyReaders}
        onChange={setNotifyReaders}
      />
      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton
        loading={save.running}
        onClick={async () => {
          const r = await save.run()
          if (!r.ok) return
          toastSuccess(r.value.notified > 0 ? `已更正，已提醒${r.value.notified}人` : '已更正')
          onDone(r.value)
        }}
      >
        保存更正
      </BigButton>
      <BigButton tone='secondary' onClick={() => onDone(null)}>
        不改了
      </BigButton>
    </>
  )
}
