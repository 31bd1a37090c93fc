import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import type { ActivityDetail, CaptainTeamView } from '@/core/activities/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import { confirm } from '@/components/confirm'
import Field from '@/components/Field'
import Section from '@/components/Section'
import TextInput from '@/components/TextInput'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { askSubscribe } from '@/services/subscribe'

/**
 * Captain-formed teams on the activity page: the caller's own team (a captain may take members off),
 * then every team with its players and 「加入」 where there is room, and 「组建队伍」 to captain a new one.
 */
export default function CaptainTeams({
  a,
  myId,
  show,
}: {
  a: ActivityDetail
  myId: string
  /** Shows the page a change answered with (each of these returns it). */
  show: (a: ActivityDetail) => void
}) {
  const [name, setName] = useState('')
  const [note, setNote] = useState('')
  const mineActive = a.mine?.status === 'confirmed' ? a.mine : undefined
  const create = useAction(() => call('activities.createTeam', { activityId: a.id, name }))
  const join = useAction((teamId: string) => call('activities.joinTeam', { activityId: a.id, teamId }))
  const remove = useAction((memberId: string) => call('activities.removeFromTeam', { activityId: a.id, memberId }))
  const error = create.error ?? join.error ?? remove.error
  const open = a.phase === 'open' && !a.blockedReason
  const canForm = open && !mineActive && (a.seatsLeft === null || a.seatsLeft > 0)

  const doCreate = async () => {
    askSubscribe(['activity']).catch(() => undefined)
    const outcome = await create.run()
    if (!outcome.ok) return
    toastSuccess('队伍已组建')
    setNote(`您是「${name}」的队长，请邀请同事加入`)
    show(outcome.value)
  }
  const doJoin = async (team: CaptainTeamView) => {
    askSubscribe(['activity']).catch(() => undefined)
    const outcome = await join.run(team.id)
    if (!outcome.ok) return
    toastSuccess('已加入')
    setNote(outcome.value.message)
    show(outcome.value.activity)
  }
  const doRemove = async (memberId: string, who: string) => {
    if (!(await confirm('移出队员', `确定把${who}移出队伍吗？会通知${who}。`))) return
    const outcome = await remove.run(memberId)
    if (!outcome.ok) return
    setNote(outcome.value.message)
    show(outcome.value.activity)
  }

  return (
    <Section title={`参赛队伍（每队${a.team.sizeMin}—${a.team.sizeMax}人）`}>
      {a.team.minWomen > 0 && <Text className='activity__fact'>每队至少{a.team.minWomen}名女教师</Text>}
      {a.quota > 0 && (
        <Text className='activity__fact'>
          最多{a.quota}支队伍，还可组建{a.seatsLeft ?? 0}支
        </Text>
      )}
      {note && <Alert tone='success' text={note} />}
      {error && <Alert tone='error' text={error.message} />}
      {a.teams.length === 0 && <Text className='activity__desc'>还没有队伍，来组建第一支吧</Text>}
      {a.teams.map((t) => {
        const mineTeam = mineActive?.teamId === t.id
        const captain = t.captainId === myId
        return (
          <View key={t.id} className='team-card'>
            <Text className='team-card__name'>
              {t.name}
              {mineTeam ? '（我的队伍）' : ''}
            </Text>
            <Text className='activity__fact'>
              队长：{t.captainName}，{t.size}/{a.team.sizeMax}人（女{t.women}人）
            </Text>
            {t.problems.length > 0 && <Text className='activity__desc'>{t.problems.join('，')}</Text>}
            {t.members.map((m) => (
              <View key={m.memberId} className='team-card__member'>
                <Text className='activity__fact'>
                  {m.name}
                  {m.memberId === t.captainId ? '（队长）' : ''}
                </Text>
                {captain && m.memberId !== myId && a.phase !== 'ongoing' && a.phase !== 'ended' && (
                  <BigButton
                    inline
                    tone='secondary'
                    loading={remove.running}
                    onClick={() => void doRemove(m.memberId, m.name)}
                  >
                    移出
                  </BigButton>
                )}
              </View>
            ))}
            {!t.joinRefusal && (
              <BigButton loading={join.running} onClick={() => void doJoin(t)}>
                加入
              </BigButton>
            )}
            {t.joinRefusal && !mineActive && open && <Text className='activity__desc'>{t.joinRefusal}</Text>}
          </View>
        )
      })}
      {canForm && (
        <View>
          <Field label='组建队伍（您当队长）'>
            <TextInput value={name} onChange={setName} placeholder='队伍名称，例如：数学先锋' maxlength={20} />
          </Field>
          <BigButton loading={create.running} disabled={name.trim().length === 0} onClick={() => void doCreate()}>
            组建队伍
          </BigButton>
        </View>
      )}
    </Section>
  )
}
