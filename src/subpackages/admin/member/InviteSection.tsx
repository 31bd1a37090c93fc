import { Button, View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RosterEntry } from '@/core/members/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Section from '@/components/Section'
import { confirm } from '@/components/confirm'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { inviteMessage, inviteSteps } from './invite'

/**
 * Before binding: the invite code, large enough to read out over the phone, how a teacher uses it in
 * plain steps (not a page path, which a chair cannot use), and a copy button for code and steps.
 * After binding: when it happened, and 解除绑定 (which also issues a new code, so the old one cannot be
 * reused).
 */
export default function InviteSection({
  member,
  onSaved,
}: {
  member: RosterEntry
  onSaved: (saved: RosterEntry) => void
}) {
  const reset = useAction(() => call('members.resetBinding', { memberId: member.id }))
  const code = member.inviteCode

  const unbind = async () => {
    const sure = await confirm(`解除绑定：${member.name}`, '解除后，TA 需要用新的邀请码重新绑定。', '解除绑定')
    if (!sure) return
    const outcome = await reset.run()
    if (outcome.ok) {
      onSaved(outcome.value)
      toastSuccess('已解除绑定')
    }
  }

  if (member.bound) {
    return (
      <Section title='微信绑定'>
        <Alert tone='success' text={`已绑定微信${member.boundAt ? `（${member.boundAt.slice(0, 10)}）` : ''}`} />
        {reset.error && <Alert tone='error' text={reset.error.message} />}
        {member.canChange && (
          <BigButton tone='danger' loading={reset.running} onClick={() => void unbind()}>
            解除绑定
          </BigButton>
        )}
      </Section>
    )
  }

  // The server leaves out the code of an entry the viewer may not change (a chair's or an admin's).
  if (!code) {
    return (
      <Section title='邀请码'>
        <Alert tone='info' text='还没有绑定微信。工会主席和管理员的邀请码只有工会主席能看到，请由工会主席发给 TA。' />
      </Section>
    )
  }

  return (
    <Section title='邀请码'>
      {/* A View, not a bare Text: H5 renders Text inline, and the code box should span the card. */}
      <View className='member__invite-code'>
        <Text userSelect>{code}</Text>
      </View>
      <Text className='member__invite-note'>把邀请码发给 TA，TA 这样绑定：</Text>
      <View className='member__invite-steps'>
        {inviteSteps(code).map((step, i) => (
          <View key={step} className='member__invite-step'>
            <Text>{`${i + 1}. ${step}`}</Text>
          </View>
        ))}
      </View>
      {process.env.TARO_ENV === 'weapp' && (
        // openType='share' hands the page's share card (bind page + this code) to WeChat's forward sheet.
        <Button className='big-button big-button--secondary' openType='share'>
          发给 TA（微信转发）
        </Button>
      )}
      <BigButton
        tone='secondary'
        onClick={() => void Taro.setClipboardData({ data: inviteMessage(member.name, code) })}
      >
        复制邀请码和绑定步骤
      </BigButton>
    </Section>
  )
}
