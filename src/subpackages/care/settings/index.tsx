import { Textarea, Text } from '@tarojs/components'
import { useState } from 'react'
import { EXAMPLE_NAME, renderGreeting } from '@/core/greetings/template'
import type { GreetingSettingsView } from '@/core/greetings/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Field from '@/components/Field'
import LinkRow from '@/components/LinkRow'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import { openPage, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { useCan } from '@/hooks/useCan'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import './index.scss'

/**
 * 生日祝福设置: the words every member receives on their birthday, and whether retired colleagues get them.
 * The chair changes them; whoever else the server lets read them (the union office) sees them as they are.
 */
export default function GreetingSettings() {
  const can = useCan()
  // Until the session says who this is, show neither the form nor the read-only text (no flash of either).
  const session = useSession()
  const known = Boolean(session.whoami || session.error)
  const query = useQuery(() => call('greetings.settings', {}), [])
  return (
    <Page title='生日祝福设置' intro='每天早上8点，过生日的老师会收到这段祝福，贺卡由工会主席署名。'>
      <QueryView query={query}>
        {(s) =>
          !known ? (
            <Loading />
          ) : can('greetings.saveSettings') ? (
            <SettingsForm settings={s} onSaved={query.setData} />
          ) : (
            <SettingsView settings={s} />
          )
        }
      </QueryView>
      {can('greetings.upcoming') && (
        <Section>
          <LinkRow title='生日关怀' detail='近期生日、生日会名单' onClick={() => openPage(ROUTES.birthdays)} />
        </Section>
      )}
    </Page>
  )
}

/** What a colleague will read, with an example name in place of {name}. */
function Preview({ template }: { template: string }) {
  return <Text className='care-meta'>预览：{renderGreeting(template, EXAMPLE_NAME)}</Text>
}

function SettingsView({ settings }: { settings: GreetingSettingsView }) {
  return (
    <Section>
      <Text className='care-paragraph'>{settings.template}</Text>
      <Preview template={settings.template} />
      <Text className='care-meta'>{settings.includeRetired ? '退休老师也会收到祝福' : '退休老师不发送祝福'}</Text>
      <Alert tone='info' text='祝福语由工会主席修改。' />
    </Section>
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
        <Preview template={template} />
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
