import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { MyProfile } from '@/core/members/views'
import { ROLE_LABELS } from '@/core/shared/roles'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import ErrorState from '@/components/ErrorState'
import LinkRow from '@/components/LinkRow'
import Loading from '@/components/Loading'
import Page from '@/components/Page'
import Section from '@/components/Section'
import SwitchRow from '@/components/SwitchRow'
import Tag from '@/components/Tag'
import { monthDayLabel } from '@/core/shared/shanghai-time'
import { openPage, ROUTES } from '@/components/routes'
import { setProfile } from '@/hooks/session-store'
import { useAction } from '@/hooks/useAction'
import { useCan } from '@/hooks/useCan'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import './index.scss'

type Privacy = MyProfile['privacy']

/** 我的: my roster entry as the union keeps it, my privacy choices, and the way into the admin pages. */
export default function Me() {
  const session = useSession()
  usePullRefresh(session.refresh)
  const { whoami, error } = session

  if (error && !whoami) {
    return (
      <Page>
        <ErrorState message={error.message} onRetry={() => void session.refresh()} />
      </Page>
    )
  }
  if (!whoami) {
    return (
      <Page>
        <Loading />
      </Page>
    )
  }
  if (!whoami.bound || !whoami.profile) {
    return (
      <Page title='我的'>
        <Alert tone='info' text={whoami.signedIn ? '您还没有绑定会员信息。' : '还没有登录。'} />
        {whoami.signedIn && <BigButton onClick={() => openPage(ROUTES.bind)}>绑定会员信息</BigButton>}
        <DemoSwitchLink />
      </Page>
    )
  }
  return <Profile profile={whoami.profile} />
}

function Profile({ profile }: { profile: MyProfile }) {
  const can = useCan()
  return (
    <Page>
      <Section title={profile.name}>
        <InfoRow label='工号' value={profile.staffNo} />
        <InfoRow label='工会小组' value={profile.groupName} />
        <View className='me__row'>
          <Text className='me__label'>角色</Text>
          <View className='me__value'>
            {profile.roles.map((role) => (
              <Tag key={role} text={ROLE_LABELS[role]} tone={role === 'member' ? 'neutral' : 'primary'} />
            ))}
          </View>
        </View>
        {profile.department && <InfoRow label='部门' value={profile.department} />}
        <InfoRow label='手机' value={profile.phoneMasked} />
        <InfoRow label='生日' value={monthDayLabel(profile.birthday)} />
        <InfoRow label='工会' value={profile.unionName} />
      </Section>

      <PrivacySettings privacy={profile.privacy} />

      {(can('members.list') || can('greetings.upcoming')) && (
        <Section title='工会管理'>
          {can('members.list') && <LinkRow title='会员名册管理' onClick={() => openPage(ROUTES.roster)} />}
          {can('groups.create') && <LinkRow title='工会小组' onClick={() => openPage(ROUTES.groups)} />}
          {can('members.bindingAttempts') && <LinkRow title='绑定记录' onClick={() => openPage(ROUTES.bindLog)} />}
          {can('greetings.upcoming') && (
            <LinkRow title='生日关怀' detail='近期生日、生日会名单' onClick={() => openPage(ROUTES.birthdays)} />
          )}
        </Section>
      )}
      <DemoSwitchLink />
    </Page>
  )
}

function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='me__row'>
      <Text className='me__label'>{label}</Text>
      <Text className='me__value'>{value}</Text>
    </View>
  )
}

/**
 * The two switches save as soon as they are flipped. While saving, the switch shows the new position; if
 * the server refuses, it flips back and the message says why.
 */
function PrivacySettings({ privacy }: { privacy: Privacy }) {
  const [pending, setPending] = useState<Privacy>()
  const save = useAction((next: Privacy) => call('members.setPrivacy', next))
  const shown = pending ?? privacy

  const change = async (next: Privacy) => {
    setPending(next)
    const outcome = await save.run(next)
    if (outcome.ok) setProfile(outcome.value)
    setPending(undefined)
  }

  return (
    <Section title='隐私设置'>
      <SwitchRow
        label='对他人隐藏生日'
        detail='打开后，其他老师看不到您的生日'
        checked={shown.hideBirthday}
        disabled={save.running}
        onChange={(checked) => void change({ ...shown, hideBirthday: checked })}
      />
      <SwitchRow
        label='不接收生日祝福'
        detail='打开后，生日当天不给您发祝福'
        checked={shown.noGreetings}
        disabled={save.running}
        onChange={(checked) => void change({ ...shown, noGreetings: checked })}
      />
      {save.error && <Alert tone='error' text={save.error.message} />}
    </Section>
  )
}

/** Only the local demo can switch identity; on a phone WeChat decides who you are. */
function DemoSwitchLink() {
  if (process.env.TARO_ENV !== 'h5') return null
  return (
    <Text className='me__demo-link' onClick={() => openPage(ROUTES.devLogin)}>
      切换身份（演示）
    </Text>
  )
}
