import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { GroupView } from '@/core/members/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { openPage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/** 工会小组: the groups members belong to, with head counts; add one or rename one. */
export default function Groups() {
  const groups = useQuery(() => call('groups.list', {}), [])
  usePullRefresh(groups.reload)
  const [editingId, setEditingId] = useState<string>()

  return (
    <Page title='工会小组'>
      <AddGroup onAdded={() => void groups.reload()} />
      <QueryView query={groups} emptyText='还没有工会小组，请先添加'>
        {(list) => (
          <Section title={`共 ${list.length} 个小组`}>
            {list.map((group) =>
              group.id === editingId ? (
                <RenameGroup
                  key={group.id}
                  group={group}
                  onDone={(renamed) => {
                    setEditingId(undefined)
                    if (renamed) void groups.reload()
                  }}
                />
              ) : (
                <View key={group.id} className='groups__row'>
                  <View className='groups__main'>
                    <Text className='groups__name'>{group.name}</Text>
                    <Text className='groups__count'>{group.memberCount} 人</Text>
                  </View>
                  <Text className='groups__rename' onClick={() => setEditingId(group.id)}>
                    改名
                  </Text>
                </View>
              ),
            )}
          </Section>
        )}
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(ROUTES.roster)}>
        回到会员名册
      </BigButton>
    </Page>
  )
}

function AddGroup({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('')
  const add = useAction(() => call('groups.create', { name }))
  const submit = async () => {
    const outcome = await add.run()
    if (!outcome.ok) return
    setName('')
    toastSuccess('已添加')
    onAdded()
  }
  return (
    <Section title='添加小组'>
      <Field label='小组名称' error={add.fieldErrors.name}>
        <TextInput value={name} onChange={setName} placeholder='例如 体育组' maxlength={20} />
      </Field>
      {add.error && !add.fieldErrors.name && <Alert tone='error' text={add.error.message} />}
      <BigButton loading={add.running} onClick={() => void submit()}>
        添加小组
      </BigButton>
    </Section>
  )
}

function RenameGroup({ group, onDone }: { group: GroupView; onDone: (renamed: boolean) => void }) {
  const [name, setName] = useState(group.name)
  const rename = useAction(() => call('groups.rename', { groupId: group.id, name }))
  const submit = async () => {
    const outcome = await rename.run()
    if (!outcome.ok) return
    toastSuccess('已改名')
    onDone(true)
  }
  return (
    <View className='groups__editing'>
      <Field label={`「${group.name}」改名为`} error={rename.fieldErrors.name}>
        <TextInput value={name} onChange={setName} maxlength={20} />
      </Field>
      {rename.error && !rename.fieldErrors.name && <Alert tone='error' text={rename.error.message} />}
      <View className='groups__buttons'>
        <BigButton inline loading={rename.running} onClick={() => void submit()}>
          保存
        </BigButton>
        <BigButton inline tone='secondary' onClick={() => onDone(false)}>
          取消
        </BigButton>
      </View>
    </View>
  )
}
