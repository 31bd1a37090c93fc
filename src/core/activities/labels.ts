import type { AudienceKind, CancelPolicy, SignupStatus } from './model'
import type { Phase } from './views'

/** Words the pages and the server share; pure data, safe for the mini-program bundle. */
export const AUDIENCE_LABELS: Record<AudienceKind, string> = {
  all: '全体会员',
  group: '指定工会小组',
  women: '女教职工',
  men: '男教职工',
  delegates: '教代会代表',
  retired: '退休教职工',
  active: '在职教职工',
}

export const CANCEL_LABELS: Record<CancelPolicy, string> = {
  never: '报名后不可取消',
  anytime: '活动开始前可随时取消',
  beforeClose: '报名截止前可取消',
}

export const PHASE_LABELS: Record<Phase, string> = {
  upcoming: '即将开始报名',
  open: '报名中',
  closed: '报名已截止',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

/** After 「报名截止：…」: whether one can still sign up, which is what a teacher reading that line wants to know. */
export const SIGNUP_WINDOW_LABELS: Record<Phase, string> = {
  upcoming: '还没开始报名',
  open: '还可报名',
  closed: '已截止',
  ongoing: '已截止',
  ended: '已截止',
  cancelled: '活动已取消',
}

export const SIGNUP_LABELS: Record<SignupStatus, string> = {
  pending: '处理中',
  applied: '待审核',
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  rejected: '未通过',
}

/**
 * The caller's own sign-up in a list (我的活动, 活动列表): a confirmed place that has checked in reads 已签到,
 * and once the activity is over 已参加 — 已报名 would suggest they have not come yet.
 */
export function mySignupLabel(status: SignupStatus, checkedIn: boolean, phase: Phase): string {
  if (status !== 'confirmed' || !checkedIn) return SIGNUP_LABELS[status]
  return phase === 'ended' ? '已参加' : '已签到'
}
