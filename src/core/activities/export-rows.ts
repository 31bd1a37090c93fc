import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { captainTeams, isManager, loadActivity } from './load'
import { activitySignups, peopleOf } from './read'
import { formatWhen } from './time'
import { SIGNUP_LABELS } from './labels'

/**
 * The sign-up and attendance sheet as rows of text; the server turns it into .xlsx (the domain never
 * touches the file format). Phone numbers only for the chair and the union office.
 */
export async function exportRows(
  ctx: Ctx,
  input: { activityId: string },
): Promise<{ title: string; rows: string[][] }> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const withPhone = isManager(caller)
  const [signups, teams] = await Promise.all([activitySignups(ctx, a), captainTeams(ctx, a)])
  // Only the people on this sheet (and who signed them up), not the whole union.
  const { members, groups } = await peopleOf(
    ctx,
    a.unionId,
    signups.flatMap((s) => [s.memberId, s.signedUpBy]),
  )
  const teamNames = new Map(teams.map((t) => [t._id, t.name]))
  const header = [
    '序号',
    '姓名',
    '工会小组',
    '性别',
    '状态',
    '候补位次',
    '项目',
    '队伍',
    '家属人数',
    '报名时间',
    '签到时间',
    '代报名人',
    '取消原因',
  ]
  if (withPhone) header.splice(4, 0, '手机号')
  const rows: string[][] = [header]
  let waitNo = 0
  signups.forEach((s, i) => {
    const m = members.get(s.memberId)
    if (s.status === 'waitlisted') waitNo++
    const row = [
      String(i + 1),
      m?.name ?? s.memberId,
      groups.get(m?.groupId ?? '')?.name ?? '',
      m?.gender === 'F' ? '女' : '男',
      SIGNUP_LABELS[s.status],
      s.status === 'waitlisted' ? String(waitNo) : '',
      s.itemIds.map((id) => a.items.find((it) => it.id === id)?.name ?? '').join('、'),
      s.teamId ? (teamNames.get(s.teamId) ?? groups.get(s.teamId)?.name ?? '') : '',
      String(s.guests),
      formatWhen(s.signedUpAt),
      s.checkedInAt ? formatWhen(s.checkedInAt) : '',
      s.signedUpBy !== s.memberId ? (members.get(s.signedUpBy)?.name ?? '') : '',
      s.cancelReason ?? '',
    ]
    if (withPhone) row.splice(4, 0, m?.phone ?? '')
    rows.push(row)
  })
  return { title: a.title, rows }
}
