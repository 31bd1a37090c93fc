import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { RecipientChoice } from '@/core/notices/views'
import Empty from '@/components/Empty'
import QueryView from '@/components/QueryView'
import TextInput from '@/components/TextInput'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'

/** 指定会员: search by name, tick people, grouped by 小组; a 小组's heading ticks or clears the whole 小组. */
export default function MemberPicker({ chosen, onChange }: { chosen: string[]; onChange: (ids: string[]) => void }) {
  const people = useQuery(() => call('notices.recipientChoices', {}), [])
  return <QueryView query={people}>{(list) => <Picker list={list} chosen={chosen} onChange={onChange} />}</QueryView>
}

function Picker({
  list,
  chosen,
  onChange,
}: {
  list: RecipientChoice[]
  chosen: string[]
  onChange: (ids: string[]) => void
}) {
  const [keyword, setKeyword] = useState('')
  const picked = new Set(chosen)
  const groups = useMemo(() => {
    const shown = keyword.trim() ? list.filter((p) => p.name.includes(keyword.trim())) : list
    const byGroup = new Map<string, { name: string; people: RecipientChoice[] }>()
    for (const p of shown) {
      const g = byGroup.get(p.groupId) ?? { name: p.groupName, people: [] }
      g.people.push(p)
      byGroup.set(p.groupId, g)
    }
    return Array.from(byGroup.entries())
  }, [list, keyword])
  const toggle = (id: string) => onChange(picked.has(id) ? chosen.filter((c) => c !== id) : [...chosen, id])
  const toggleGroup = (people: RecipientChoice[]) => {
    const all = people.every((p) => picked.has(p.id))
    const ids = new Set(people.map((p) => p.id))
    onChange(
      all ? chosen.filter((c) => !ids.has(c)) : [...chosen, ...people.map((p) => p.id).filter((id) => !picked.has(id))],
    )
  }

  return (
    <View className='member-picker'>
      <TextInput value={keyword} onChange={setKeyword} placeholder='输入姓名查找' maxlength={10} />
      <Text className='member-picker__count'>已选 {chosen.length} 人</Text>
      {groups.length === 0 && <Empty text='没有找到这个名字' />}
      {groups.map(([groupId, g]) => {
        const all = g.people.every((p) => picked.has(p.id))
        return (
          <View key={groupId} className='member-picker__group'>
            <View className='member-picker__heading' onClick={() => toggleGroup(g.people)}>
              <Text>{all ? '☑' : '☐'}</Text>
              <Text className='member-picker__name'>
                {g.name}（{g.people.length}人）{all ? '全部取消' : '全选'}
              </Text>
            </View>
            {g.people.map((p) => (
              <View
                key={p.id}
                className={picked.has(p.id) ? 'member-picker__row member-picker__row--on' : 'member-picker__row'}
                onClick={() => toggle(p.id)}
              >
                <Text>{picked.has(p.id) ? '☑' : '☐'}</Text>
                <Text className='member-picker__name'>
                  {p.name}
                  {p.retired ? '（退休）' : ''}
                </Text>
              </View>
            ))}
          </View>
        )
      })}
    </View>
  )
}
