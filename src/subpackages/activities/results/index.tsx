import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ResultsView } from '@/core/activities/views'
import Alert from '@/components/Alert'
import Choice from '@/components/activities/Choice'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SelectField from '@/components/SelectField'
import TextInput from '@/components/TextInput'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import './index.scss'

/** 成绩排名: rankings per item (or team) and 小组 totals; the chair records placings here. */
export default function Results() {
  const id = useRouter().params.id ?? ''
  const query = useQuery(() => call('activities.results', { activityId: id }), [id])
  usePullRefresh(query.reload)
  const manager = useCan()('activities.recordResult')
  return (
    <Page title='成绩排名'>
      <QueryView query={query}>
        {(view) => (
          <>
            {manager && <RecordForm id={id} view={view} onSaved={query.setData} />}
            {view.groupTotals.length > 0 && (
              <Section title='小组积分'>
                {view.groupTotals.map((g, i) => (
                  <View key={g.groupId} className='ranking-line'>
                    <Text className='ranking-line__place'>第{i + 1}</Text>
                    <Text className='ranking-line__name'>{g.name}</Text>
                    <Text>{g.points}分</Text>
                  </View>
                ))}
              </Section>
            )}
            {view.sections.map((s) => (
              <Section key={s.itemId || 'all'} title={s.title}>
                {s.lines.length === 0 && <Text className='activity__desc'>还没有成绩</Text>}
                {s.lines.map((l) => (
                  <View key={`${l.place}-${l.name}`} className='ranking-line'>
                    <Text className='ranking-line__place'>第{l.place}名</Text>
                    <Text className='ranking-line__name'>
                      {l.name}
                      {l.groupName && l.groupName !== l.name ? `（${l.groupName}）` : ''}
                    </Text>
                    <Text>{l.score}</Text>
                  </View>
                ))}
              </Section>
            ))}
          </>
        )}
      </QueryView>
    </Page>
  )
}

function RecordForm({ id, view, onSaved }: { id: string; view: ResultsView; onSaved: (v: ResultsView) => void }) {
  const [itemId, setItemId] = useState(view.entrants[0]?.itemId ?? '')
  const [entrantId, setEntrantId] = useState('')
  const [place, setPlace] = useState('1')
  const [score, setScore] = useState('')
  const options = view.entrants.find((e) => e.itemId === itemId)?.options ?? []
  const save = useAction(() =>
    call('activities.recordResult', { activityId: id, itemId, entrantId, place: Number(place || 0), score }),
  )
  const submit = async () => {
    const outcome = await save.run()
    if (!outcome.ok) return
    toastSuccess('已录入')
    onSaved(outcome.value)
    setEntrantId('')
    setScore('')
    setPlace(String(Number(place || 0) + 1))
  }
  return (
    <Section title='录入成绩'>
      {view.entrants.length > 1 && (
        <Field label='项目'>
          <SelectField
            options={view.sections.map((s) => ({ value: s.itemId, label: s.title }))}
            value={itemId}
            onChange={setItemId}
          />
        </Field>
      )}
      <Field label='参赛者（点选）' error={save.fieldErrors.entrantId}>
        <View>
          {options.length === 0 && <Text className='activity__desc'>还没有确认参赛的人</Text>}
          {options.map((o) => (
            <Choice key={o.id} label={o.name} on={entrantId === o.id} onClick={() => setEntrantId(o.id)} />
          ))}
        </View>
      </Field>
      <Field label='名次' error={save.fieldErrors.place}>
        <TextInput value={place} onChange={setPlace} type='number' maxlength={3} />
      </Field>
      <Field label='成绩' optional>
        <TextInput value={score} onChange={setScore} placeholder='例如：150个、2分30秒' maxlength={20} />
      </Field>
      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton loading={save.running} disabled={!entrantId} onClick={() => void submit()}>
        保存成绩
      </BigButton>
    </Section>
  )
}
