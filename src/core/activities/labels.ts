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

export const SIGNUP_LABELS: Record<SignupStatus, string> = {
  pending: '处理中',
  applied: '待审核',
  confirmed: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
  rejected: '未通过',
}
