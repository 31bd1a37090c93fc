import type { MemberDoc } from '../members/model'
import type { Signer } from '../shared/ports'
import type { ActivityDoc, Audience, SignupDoc } from './model'
import type { Phase } from './views'

/** Pure rules of activities: no store, no clock of their own — `now` is always passed in. */

export { AUDIENCE_LABELS, CANCEL_LABELS } from './labels'

export function phaseOf(
  a: Pick<ActivityDoc, 'status' | 'signupOpenAt' | 'signupCloseAt' | 'startAt' | 'endAt'>,
  now: Date,
): Phase {
  const t = now.toISOString()
  if (a.status === 'cancelled') return 'cancelled'
  if (t >= a.endAt) return 'ended'
  if (t >= a.startAt) return 'ongoing'
  if (t < a.signupOpenAt) return 'upcoming'
  if (t < a.signupCloseAt) return 'open'
  return 'closed'
}

/** Why this member is not in the audience, or null when they are. */
export function audienceRefusal(
  audience: Audience,
  m: Pick<MemberDoc, 'gender' | 'groupId' | 'roles' | 'status'>,
): string | null {
  switch (audience.kind) {
    case 'all':
      return null
    case 'group':
      return m.groupId === audience.groupId ? null : '这个活动只面向指定的工会小组'
    case 'women':
      return m.gender === 'F' ? null : '这个活动只面向女教职工'
    case 'men':
      return m.gender === 'M' ? null : '这个活动只面向男教职工'
    case 'delegates':
      return m.roles.includes('delegate') ? null : '这个活动只面向教代会代表'
    case 'retired':
      return m.status === 'retired' ? null : '这个活动只面向退休教职工'
    case 'active':
      return m.status === 'active' ? null : '这个活动只面向在职教职工'
  }
}

/**
 * The audience kinds this member belongs to — audienceRefusal's rule turned around, so a list can ask the
 * database for the activities a member may join. `group` is included: the group's id must then match too.
 */
export function audienceKindsOf(m: Pick<MemberDoc, 'gender' | 'roles' | 'status'>): Audience['kind'][] {
  const kinds: Audience['kind'][] = ['all', 'group', m.gender === 'F' ? 'women' : 'men']
  if (m.roles.includes('delegate')) kinds.push('delegates')
  if (m.status === 'retired') kinds.push('retired')
  if (m.status === 'active') kinds.push('active')
  return kinds
}

export function signupWindowRefusal(phase: Phase): string | null {
  switch (phase) {
    case 'open':
      return null
    case 'upcoming':
      return '报名还没有开始'
    case 'closed':
      return '报名已经截止'
    case 'ongoing':
      return '活动已经开始，不能再报名'
    case 'ended':
      return '活动已经结束'
    case 'cancelled':
      return '这个活动已取消'
  }
}

/** Seats one sign-up takes against the activity quota: the teacher plus family members. */
export const seatsOf = (s: Pick<SignupDoc, 'guests'>) => 1 + (s.guests || 0)

/** Checks a choice of items against the per-person cap and each item's gender rule; returns a message or null. */
export function itemChoiceRefusal(
  a: Pick<ActivityDoc, 'items' | 'itemCap'>,
  itemIds: string[],
  gender: 'M' | 'F',
): string | null {
  if (a.items.length === 0) return itemIds.length > 0 ? '这个活动没有分项目' : null
  if (itemIds.length === 0) return '请至少选择一个项目'
  if (new Set(itemIds).size !== itemIds.length) return '项目重复了'
  if (a.itemCap > 0 && itemIds.length > a.itemCap) return `每人最多报${a.itemCap}个项目`
  for (const id of itemIds) {
    const item = a.items.find((i) => i.id === id)
    if (!item) return '所选项目不存在'
    if (item.gender === 'F' && gender !== 'F') return `「${item.name}」只限女教职工报名`
    if (item.gender === 'M' && gender !== 'M') return `「${item.name}」只限男教职工报名`
  }
  return null
}

/** Whether the sign-up's owner (or their 小组长) may still cancel under the activity's policy. */
export function cancelRefusal(
  a: Pick<ActivityDoc, 'cancelPolicy' | 'signupCloseAt' | 'startAt'>,
  now: Date,
): string | null {
  const t = now.toISOString()
  if (a.cancelPolicy === 'never') return '这个活动报名后不能取消，如有特殊情况请联系工会主席'
  if (t >= a.startAt) return '活动已经开始，不能取消报名'
  if (a.cancelPolicy === 'beforeClose' && t >= a.signupCloseAt)
    return '报名已截止，不能再取消，如有特殊情况请联系工会主席'
  return null
}

/**
 * Check-in opens this long before the start and closes at the end. People arrive early, so a little lead
 * is kind; but a code accepted days ahead would record presence at an event not yet held. The times are
 * instants, so no time zone enters. One rule for the server (code screen, self and hand check-in), the
 * page's check-in box and the reminders.
 */
export const CHECKIN_OPENS_BEFORE_MS = 60 * 60_000

/** Why no one can check in now, or null while check-in is open. */
export function checkinWindowRefusal(a: Pick<ActivityDoc, 'status' | 'startAt' | 'endAt'>, now: Date): string | null {
  if (a.status === 'cancelled') return '这个活动已取消'
  if (now.getTime() < Date.parse(a.startAt) - CHECKIN_OPENS_BEFORE_MS)
    return '还没到签到时间，活动开始前1小时起才能签到'
  if (now.toISOString() >= a.endAt) return '活动已经结束，不能再签到'
  return null
}

/** Results are recorded for what happened: not before the activity has started. */
export function resultsRefusal(a: Pick<ActivityDoc, 'status' | 'startAt'>, now: Date): string | null {
  if (a.status === 'cancelled') return '这个活动已取消，不能登记成绩'
  if (now.toISOString() < a.startAt) return '活动还没有开始，开始后才能登记成绩'
  return null
}

/** At most this many wrong check-in codes per member and activity in one failure window; then ask the chair. */
export const CHECKIN_FAILURE_LIMIT = 5
export const CHECKIN_FAILURE_WINDOW_MS = 10 * 60_000

export const checkinFailureWindow = (now: Date) => Math.floor(now.getTime() / CHECKIN_FAILURE_WINDOW_MS)

/**
 * Whether a man may take the next place of a team: the places left after him must still fit the women the
 * rule asks for. A woman may take any free place.
 */
export function teamPlaceRefusal(
  team: { size: number; men: number },
  rule: { sizeMax: number; minWomen: number },
  gender: 'M' | 'F',
): string | null {
  if (team.size >= rule.sizeMax) return `这支队伍已满（每队最多${rule.sizeMax}人）`
  if (gender === 'M' && team.men >= rule.sizeMax - rule.minWomen)
    return `这支队伍要留${rule.minWomen}个位置给女教师，男教师名额已满`
  return null
}

/** What a captain-formed or 小组 team still lacks, in words (empty when it is complete). */
export function teamProblems(
  team: { size: number; women: number },
  rule: { sizeMin: number; minWomen: number },
): string[] {
  const problems: string[] = []
  if (team.size < rule.sizeMin) problems.push(`人数不足，还差${rule.sizeMin - team.size}人`)
  if (team.women < rule.minWomen) problems.push(`女教师还差${rule.minWomen - team.women}人`)
  return problems
}

/** The check-in code changes every CODE_WINDOW_MS; the current and the previous code are accepted. */
export const CODE_WINDOW_MS = 10_000

export function checkinCodeAt(signer: Signer, secret: string, activityId: string, at: Date): string {
  const window = Math.floor(at.getTime() / CODE_WINDOW_MS)
  return codeFor(signer, secret, activityId, window)
}

function codeFor(signer: Signer, secret: string, activityId: string, window: number): string {
  const hex = signer.hmacHex(secret, `${activityId}:${window}`)
  return String(parseInt(hex.slice(0, 12), 16) % 1_000_000).padStart(6, '0')
}

export function isValidCheckinCode(
  signer: Signer,
  secret: string,
  activityId: string,
  code: string,
  now: Date,
): boolean {
  const window = Math.floor(now.getTime() / CODE_WINDOW_MS)
  return (
    code === codeFor(signer, secret, activityId, window) || code === codeFor(signer, secret, activityId, window - 1)
  )
}

/** Checks the chair's form; returns per-field messages (empty when all is well). */
export function activityProblems(input: {
  startAt: string
  endAt: string
  signupOpenAt: string
  signupCloseAt: string
  audience: Audience['kind']
  audienceGroupId?: string
  quota: number
  items: { name: string }[]
  itemCap: number
  teamMode: 'none' | 'byGroup' | 'captain'
  teamSizeMin: number
  teamMinWomen?: number
  teamSizeMax: number
  maxGuests: number
}): Record<string, string> {
  const p: Record<string, string> = {}
  if (input.endAt <= input.startAt) p.endAt = '结束时间应晚于开始时间'
  if (input.signupCloseAt <= input.signupOpenAt) p.signupCloseAt = '报名截止时间应晚于报名开始时间'
  if (input.signupCloseAt > input.startAt) p.signupCloseAt = '报名截止时间不能晚于活动开始时间'
  if (input.audience === 'group' && !input.audienceGroupId) p.audienceGroupId = '请选择工会小组'
  const names = input.items.map((i) => i.name)
  if (new Set(names).size !== names.length) p.items = '项目名称重复了'
  if (input.items.length > 0 && input.quota > 0) p.quota = '分项目的活动按项目限额，总名额请填0'
  if (input.items.length > 0 && input.teamMode !== 'none') p.teamMode = '分项目的活动请不要同时按小组组队'
  if (input.items.length === 0 && input.itemCap > 0) p.itemCap = '没有项目时不用填每人最多项目数'
  if (input.teamMode !== 'none') {
    if (input.teamSizeMax < 1) p.teamSizeMax = '请填写每队最多人数'
    else if (input.teamSizeMin > input.teamSizeMax) p.teamSizeMin = '每队最少人数不能多于最多人数'
    else if ((input.teamMinWomen ?? 0) > input.teamSizeMax) p.teamMinWomen = '女教师人数不能多于每队最多人数'
  }
  if (input.teamMode === 'byGroup' && input.quota > 0) p.quota = '按小组组队的活动按每队人数限额，总名额请填0'
  if (input.maxGuests > 0 && (input.items.length > 0 || input.teamMode !== 'none')) p.maxGuests = '比赛类活动不能带家属'
  return p
}
