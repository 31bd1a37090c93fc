import type { Ctx } from '../shared/context'
import type { SheetCell } from '../shared/sheet-cell'
import { me } from '../shared/context'
import { captainTeams, isManager, loadActivity } from './load'
import { WHOLE_EVENT, type ActivityDoc, type ResultEntry, type SignupDoc } from './model'
import { activitySignups, peopleOf } from './read'
import { SIGNUP_LABELS } from './labels'

/**
 * The sign-up and attendance sheet as rows of typed cells; the server turns it into .xlsx. Phone numbers only
 * for the chair and the union office. Results are read from the activity itself: no extra round trip.
 */
export async function exportRows(
  ctx: Ctx,
  input: { activityId: string },
): Promise<{ title: string; rows: SheetCell[][] }> {
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
  const header: SheetCell[] = [
    '序号',
    '姓名',
    '工会小组',
    '性别',
    '状态',
    '候补位次',
    '项目',
    '队伍',
    '成绩/名次',
    '家属人数',
    '报名时间',
    '签到时间',
    '代报名人',
    '取消原因',
  ]
  if (withPhone) header.splice(4, 0, '手机号')
  const rows: SheetCell[][] = [header]
  let waitNo = 0
  signups.forEach((s, i) => {
    const m = members.get(s.memberId)
    if (s.status === 'waitlisted') waitNo++
    const row: SheetCell[] = [
      i + 1,
      m?.name ?? s.memberId,
      text(groups.get(m?.groupId ?? '')?.name),
      m?.gender === 'F' ? '女' : '男',
      SIGNUP_LABELS[s.status],
      s.status === 'waitlisted' ? waitNo : null,
      text(s.itemIds.map((id) => a.items.find((it) => it.id === id)?.name ?? '').join('、')),
      s.teamId ? text(teamNames.get(s.teamId) ?? groups.get(s.teamId)?.name) : null,
      text(resultsOf(a, s).join('；')),
      s.guests,
      { at: s.signedUpAt },
      s.checkedInAt ? { at: s.checkedInAt } : null,
      s.signedUpBy !== s.memberId ? text(members.get(s.signedUpBy)?.name) : null,
      text(s.cancelReason),
    ]
    if (withPhone) row.splice(4, 0, text(m?.phone))
    rows.push(row)
  })
  return { title: a.title, rows }
}

/** Empty text is an empty cell, so 「空白」 filters and counts in Excel find it. */
const text = (s: string | undefined): string | null => s || null

/**
 * The placings recorded for this sign-up, in the activity's item order: the person's own in each item (or in
 * the whole event), and their team's. 「跳绳：180个（第1名）」; the item name is left out for the whole event.
 */
function resultsOf(a: ActivityDoc, s: SignupDoc): string[] {
  const keys = [...a.items.map((it) => it.id), WHOLE_EVENT]
  const lines: string[] = []
  for (const key of keys) {
    const entries = a.results?.[key]
    if (!entries) continue
    const itemName = key === WHOLE_EVENT ? '' : (a.items.find((it) => it.id === key)?.name ?? '')
    const own = entries[s.memberId]
    if (own && !own.team) lines.push(placing(itemName, own))
    const team = s.teamId ? entries[s.teamId] : undefined
    if (team?.team) lines.push(placing(itemName || '团体', team))
  }
  return lines
}

function placing(label: string, r: ResultEntry): string {
  const place = `第${r.place}名`
  const result = r.score ? `${r.score}（${place}）` : place
  return label ? `${label}：${result}` : result
}
