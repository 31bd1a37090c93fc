import { Textarea, View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { GroupView } from '@/core/members/views'
import type { UploadedFile } from '@/core/notices/views'
import { AUDIENCE_LABELS, newRequestKey, type AudienceKind, type NoticeCategory } from '@/core/notices/model'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import DateTimeField from '@/components/DateTimeField'
import { fromToday } from '@/components/date-choices'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import TextInput from '@/components/TextInput'
import { confirm } from '@/components/confirm'
import { replacePage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import Choices from '@/components/care/Choices'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import { serverNow } from '@/services/server-clock'
import FilesEditor from './FilesEditor'
import MemberPicker from './MemberPicker'
import './index.scss'

const KINDS: AudienceKind[] = ['all', 'groups', 'delegates', 'active', 'retired', 'members']
const REPLY_DAYS = (now: Date) =>
  fromToday(
    [
      { label: '三天后', days: 3 },
      { label: '一周后', days: 7 },
    ],
    now,
  )

/** 发布通知: title, text, who it is for, pinned, and an optional 参加/不参加 reply. */
export default function EditNotice() {
  const groups = useQuery(() => call('groups.list', {}), [])
  return (
    <Page title='发布通知' intro='发布后，所选范围内的老师会在「我的消息」里收到提醒。'>
      <QueryView query={groups}>{(list) => <NoticeForm groups={list} />}</QueryView>
    </Page>
  )
}

function NoticeForm({ groups }: { groups: GroupView[] }) {
  const generalAllowed = useCan()('notices.publishGeneral')
  const [category, setCategory] = useState<NoticeCategory>(generalAllowed ? 'general' : 'congress')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [audience, setAudience] = useState<AudienceKind>(generalAllowed ? 'all' : 'delegates')
  const [groupIds, setGroupIds] = useState<string[]>([])
  const [memberIds, setMemberIds] = useState<string[]>([])
  const [images, setImages] = useState<UploadedFile[]>([])
  const [attachments, setAttachments] = useState<UploadedFile[]>([])
  const [pinned, setPinned] = useState(false)
  const [needsReply, setNeedsReply] = useState(false)
  const [options, setOptions] = useState('参加 不参加')
  const [confirmBy, setConfirmBy] = useState('')
  // One key for this notice, kept with the draft: a second tap after a timeout or a network error is the
  // same publish, so the server returns the notice it made instead of sending everyone a second one.
  const [requestKey] = useState(newRequestKey)

  const publish = useAction(() =>
    call('notices.publish', {
      requestKey,
      category,
      title,
      body,
      audience,
      groupIds: audience === 'groups' ? groupIds : [],
      memberIds: audience === 'members' ? memberIds : [],
      imageIds: images.map((f) => f.id),
      attachmentIds: attachments.map((f) => f.id),
      pinned,
      confirmOptions: needsReply ? options.split(/[\s,，、/]+/).filter(Boolean) : [],
      ...(needsReply && confirmBy ? { confirmBy } : {}),
    }),
  )
  const errors = publish.fieldErrors
  const toggleGroup = (id: string) =>
    setGroupIds((prev) => (prev.includes(id) ? prev.filter((g) => g !== id) : [...prev, id]))

  return (
    <>
      {generalAllowed && (
        <Choices
          choices={[
            { value: 'general', label: '工会通知' },
            { value: 'congress', label: '教代会通知' },
          ]}
          value={category}
          onChange={setCategory}
        />
      )}
      <Section>
        <Field label='标题' error={errors.title}>
          <TextInput value={title} onChange={setTitle} placeholder='例如：关于教职工体检的通知' maxlength={40} />
        </Field>
        <Field label='正文' error={errors.body} hint='换行即分段'>
          <Textarea
            className='notice-edit__body'
            value={body}
            maxlength={5000}
            placeholder='请输入通知内容'
            onInput={(e) => setBody(e.detail.value)}
          />
        </Field>
      </Section>
      <Section title='发给谁'>
        <Field label='范围' error={errors.audience}>
          <Choices
            wrap
            choices={KINDS.filter((k) => generalAllowed || k === 'delegates' || k === 'all' || k === 'members').map(
              (k) => ({
                value: k,
                label: AUDIENCE_LABELS[k],
              }),
            )}
            value={audience}
            onChange={setAudience}
          />
        </Field>
        {audience === 'groups' && (
          <Field label='选择工会小组（可多选）' error={errors.groupIds}>
            {groups.map((g) => (
              <View
                key={g.id}
                className={groupIds.includes(g.id) ? 'notice-edit__group notice-edit__group--on' : 'notice-edit__group'}
                onClick={() => toggleGroup(g.id)}
              >
                <Text>{groupIds.includes(g.id) ? '☑' : '☐'}</Text>
                <Text className='notice-edit__group-name'>
                  {g.name}（{g.memberCount}人）
                </Text>
              </View>
            ))}
          </Field>
        )}
        {audience === 'members' && (
          <Field label='选择会员（可多选）' error={errors.memberIds}>
            <MemberPicker chosen={memberIds} onChange={setMemberIds} />
          </Field>
        )}
      </Section>
      <Section title='图片和附件'>
        <Field label='可不添加' error={errors.imageIds ?? errors.attachmentIds}>
          <FilesEditor images={images} attachments={attachments} onImages={setImages} onAttachments={setAttachments} />
        </Field>
      </Section>
      <Section title='选项'>
        <SwitchRow label='置顶' detail='置顶的通知排在最前面' checked={pinned} onChange={setPinned} />
        <SwitchRow label='需要回复' detail='例如体检：参加 / 不参加' checked={needsReply} onChange={setNeedsReply} />
        {needsReply && (
          <>
            <Field label='回复选项' error={errors.confirmOptions} hint='用空格隔开，例如：周二上午 周三下午 不参加'>
              <TextInput value={options} onChange={setOptions} placeholder='参加 不参加' />
            </Field>
            <Field label='回复截止日期' optional error={errors.confirmBy}>
              <DateTimeField
                mode='date'
                label='回复截止日期'
                days={REPLY_DAYS(serverNow())}
                value={confirmBy}
                onChange={setConfirmBy}
                emptyText='不设截止日期'
              />
            </Field>
          </>
        )}
      </Section>
      {publish.error && <Alert tone='error' text={publish.error.message} />}
      <BigButton
        loading={publish.running}
        onClick={async () => {
          if (!(await confirm('发布通知', `确定发布「${title || '未填标题'}」吗？发布后会立即通知相关老师。`, '发布')))
            return
          const r = await publish.run()
          if (r.ok) {
            toastSuccess('已发布')
            replacePage(`${ROUTES.notice}?id=${r.value.id}`)
          }
        }}
      >
        发布
      </BigButton>
    </>
  )
}
