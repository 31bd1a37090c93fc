import { Textarea, Text } from '@tarojs/components'
import { useState } from 'react'
import type { GreetingSettingsView } from '@/core/greetings/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

/** 生日祝福设置 (chair): the words every member receives on their birthday, and whether retired colleagues get them. */
export default function GreetingSettings() {
  const query = useQuery(() => call('greetings.settings', {}), [])
  return (
    <Page title='生日祝福设置' intro='每天早上8点，过生日的老师会收到这段祝福。'>
      <QueryView query={query}>{(s) => <SettingsForm settings={s} onSaved={query.setData} />}</QueryView>
    </Page>
  )
}

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: GreetingSettingsView
  onSaved: (s: GreetingSettingsView) => void
}) {
  const [template, setTemplate] = useState(settings.template)
  const [includeRetired, setIncludeRetired] = useState(settings.includeRetired)
  const save = useAction(() => call('greetings.saveSettings', { template, includeRetired }))
  return (
    <>
      <Section>
        <Field label='祝福语' error={save.fieldErrors.template} hint='{name} 会换成老师的姓名'>
          <Textarea
            className='greeting-settings__text'
            value={template}
            maxlength={200}
            onInput={(e) => setTemplate(e.detail.value)}
          />
        </Field>
        <Text className='care-meta'>预览：{template.split('{name}').join('张老')}</Text>
        <SwitchRow
          label='给退休老师发送'
          detail='关闭后，退休老师生日当天不发送祝福'
          checked={includeRetired}
          onChange={setIncludeRetired}
        />
      </Section>
      {save.error && <Alert tone='error' text={save.error.message} />}
      <BigButton
        loading={save.running}
        onClick={async () => {
          const r = await save.run()
          if (r.ok) {
            onSaved(r.value)
            toastSuccess('已保存')
          }
        }}
      >
        保存
      </BigButton>
    </>
  )
}
