import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { GroupView, RosterEntry } from '@/core/members/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Section from '@/components/Section'
import SelectField from '@/components/SelectField'
import TextInput from '@/components/TextInput'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import BirthdayPicker from './BirthdayPicker'
import { draftFrom, EMPTY_DRAFT, toMemberInput, type MemberDraft, type MemberInput } from './draft'

interface MemberFormProps {
  /** Absent for a new member. */
  member?: RosterEntry
  groups: GroupView[]
  onSaved: (saved: RosterEntry) => void
}

/** The roster entry's details; saves with members.create or members.update and shows errors per field. */
export default function MemberForm({ member, groups, onSaved }: MemberFormProps) {
  const [draft, setDraft] = useState<MemberDraft>(member ? draftFrom(member) : EMPTY_DRAFT)
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({})
  const save = useAction((input: MemberInput) =>
    member ? call('members.update', { memberId: member.id, ...input }) : call('members.create', input),
  )
  const errors = { ...save.fieldErrors, ...localErrors }
  const set =
    <K extends keyof MemberDraft>(key: K) =>
    (value: MemberDraft[K]) =>
      setDraft((old) => ({ ...old, [key]: value }))

  const submit = async () => {
    const prepared = toMemberInput(draft, member)
    if ('fieldErrors' in prepared) {
      setLocalErrors(prepared.fieldErrors)
      return
    }
    setLocalErrors({})
    const outcome = await save.run(prepared.input)
    if (outcome.ok) onSaved(outcome.value)
  }

  return (
    <Section title={member ? '会员资料' : '新会员'}>
      <Field label='姓名' error={errors.name}>
        <TextInput value={draft.name} onChange={set('name')} placeholder='请输入姓名' maxlength={20} />
      </Field>
      <Field label='工号' error={errors.staffNo}>
        <TextInput value={draft.staffNo} onChange={set('staffNo')} placeholder='请输入工号' maxlength={20} />
      </Field>
      <Field label='性别' error={errors.gender}>
        <View className='member__choices'>
          {(['M', 'F'] as const).map((gender) => (
            <Text
              key={gender}
              className={draft.gender === gender ? 'member__choice member__choice--active' : 'member__choice'}
              onClick={() => set('gender')(gender)}
            >
              {gender === 'M' ? '男' : '女'}
            </Text>
          ))}
        </View>
      </Field>
      <Field label='手机号' error={errors.phone}>
        <TextInput value={draft.phone} onChange={set('phone')} type='number' maxlength={11} placeholder='11位手机号' />
      </Field>
      <Field label='生日' hint='只记月和日' error={errors.birthday}>
        <BirthdayPicker value={draft.birthday} onChange={set('birthday')} />
      </Field>
      <Field
        label='出生年份'
        optional
        // An admin is never shown the year, so an empty box there means "leave it", not "delete it".
        hint={member && member.birthYear === undefined ? '只有工会主席能看到；不填则不改动' : '只有工会主席能看到'}
        error={errors.birthYear}
      >
        <TextInput
          value={draft.birthYear}
          onChange={set('birthYear')}
          type='number'
          maxlength={4}
          placeholder='例如 1975'
        />
      </Field>
      <Field label='工会小组' error={errors.groupId}>
        <SelectField
          options={groups.map((group) => ({ value: group.id, label: group.name }))}
          value={draft.groupId}
          onChange={set('groupId')}
          placeholder='请选择工会小组'
        />
      </Field>
      <Field label='部门' optional error={errors.department}>
        <TextInput value={draft.department} onChange={set('department')} placeholder='例如 教务处' maxlength={20} />
      </Field>
      {save.error && <Alert tone='error' text={save.error.message} />}
      {Object.keys(localErrors).length > 0 && <Alert tone='error' text='请检查上面标红的内容' />}
      {(!member || member.canChange) && (
        <BigButton loading={save.running} onClick={() => void submit()}>
          {member ? '保存修改' : '添加会员'}
        </BigButton>
      )}
    </Section>
  )
}
