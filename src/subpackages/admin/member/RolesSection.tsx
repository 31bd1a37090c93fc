import { Checkbox, CheckboxGroup, Label, View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { RosterEntry } from '@/core/members/views'
import { ROLE_LABELS, ROLES, type Role } from '@/core/shared/roles'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'

/** The checkbox group reports plain strings; keep only real roles, in the table's order. */
function asRoles(values: string[]): Role[] {
  return ROLES.filter((role) => values.includes(role))
}

/** What this member may do beyond being a member; a 部门负责人 needs the department they answer for. */
export default function RolesSection({
  member,
  onSaved,
}: {
  member: RosterEntry
  onSaved: (saved: RosterEntry) => void
}) {
  const [roles, setRoles] = useState<Role[]>(member.roles)
  const [department, setDepartment] = useState(member.department ?? '')
  const save = useAction(() => call('members.setRoles', { memberId: member.id, roles, department }))

  const submit = async () => {
    const outcome = await save.run()
    if (outcome.ok) {
      onSaved(outcome.value)
      toastSuccess('角色已保存')
    }
  }

  return (
    <Section title='角色'>
      <CheckboxGroup onChange={(event) => setRoles(asRoles(event.detail.value))}>
        {ROLES.map((role) => (
          <Label key={role} className='member__role'>
            <Checkbox value={role} checked={roles.includes(role)} color='#b03a2e' />
            <Text className='member__role-label'>{ROLE_LABELS[role]}</Text>
          </Label>
        ))}
      </CheckboxGroup>
      {roles.includes('deptHead') && (
        <View className='member__dept'>
          <Field label='负责的部门' error={save.fieldErrors.department}>
            <TextInput value={department} onChange={setDepartment} placeholder='例如 教务处' maxlength={20} />
          </Field>
        </View>
      )}
      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton tone='secondary' loading={save.running} onClick={() => void submit()}>
        保存角色
      </BigButton>
    </Section>
  )
}
