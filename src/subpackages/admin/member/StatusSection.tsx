import { View, Text } from '@tarojs/components'
import type { RosterEntry } from '@/core/members/views'
import { STATUS_LABELS, type MemberStatus } from '@/core/shared/roles'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Section from '@/components/Section'
import { confirm } from '@/components/confirm'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'

const MOVES: Record<MemberStatus, { to: MemberStatus; label: string; warning: string }> = {
  active: { to: 'active', label: '恢复在职', warning: '恢复为在职会员。' },
  retired: { to: 'retired', label: '设为退休', warning: '设为退休后，TA 仍是会员，可以参加退休教师的活动。' },
  left: { to: 'left', label: '设为调离', warning: '设为调离后，TA 将不能再使用教工之家。' },
}

/** Which status changes make sense from here: an active member can retire or leave; others can come back. */
function movesFrom(status: MemberStatus): MemberStatus[] {
  if (status === 'active') return ['retired', 'left']
  if (status === 'retired') return ['active', 'left']
  return ['active']
}

/** 在职 / 退休 / 已调离, each change asked once more in a confirm box. */
export default function StatusSection({
  member,
  onSaved,
}: {
  member: RosterEntry
  onSaved: (saved: RosterEntry) => void
}) {
  const change = useAction((status: MemberStatus) => call('members.setStatus', { memberId: member.id, status }))

  const move = async (status: MemberStatus) => {
    const { label, warning } = MOVES[status]
    if (!(await confirm(`${label}：${member.name}`, warning))) return
    const outcome = await change.run(status)
    if (outcome.ok) {
      onSaved(outcome.value)
      toastSuccess('已保存')
    }
  }

  return (
    <Section title='会员状态'>
      <View>
        <Text>目前：</Text>
        <Text className='member__status'>{STATUS_LABELS[member.status]}</Text>
      </View>
      {change.error && <Alert tone='error' text={change.error.message} />}
      {movesFrom(member.status).map((status) => (
        <BigButton
          key={status}
          tone={status === 'left' ? 'danger' : 'secondary'}
          loading={change.running}
          onClick={() => void move(status)}
        >
          {MOVES[status].label}
        </BigButton>
      ))}
    </Section>
  )
}
