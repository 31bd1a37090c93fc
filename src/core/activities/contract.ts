import * as v from 'valibot'
import { action } from '../shared/action'
import { docId, optionalText, text } from '../shared/fields'
import { MAX_BASE64 } from '../notices/model'
import { MAX_ACTIVITY_PAGE } from './model'
import { pageCursor, pageLimit } from '../shared/page-input'
import type {
  ActivityDetail,
  ActivityPage,
  CheckinCode,
  ExportFile,
  GroupCandidate,
  MyActivities,
  QrImage,
  ResultsView,
  RosterView,
  SignupOutcome,
  SignupResult,
  UploadedCover,
} from './views'

const MANAGERS = ['chair', 'admin'] as const
const activityId = docId('活动')

/** An instant as ISO 8601 with a zone (the page sends +08:00 times). */
const instant = (label: string) =>
  v.pipe(
    v.string(`${label}不正确`),
    v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, `请选择${label}`),
    v.check((s) => !Number.isNaN(new Date(s).getTime()), `${label}不正确`),
    v.transform((s) => new Date(s).toISOString()),
  )

const count = (label: string, max: number) =>
  v.pipe(
    v.number(`${label}应为数字`),
    v.integer(`${label}应为整数`),
    v.minValue(0, `${label}不能小于0`),
    v.maxValue(max, `${label}不能超过${max}`),
  )

const itemInput = v.strictObject(
  {
    id: v.optional(v.pipe(v.string('项目不正确'), v.regex(/^[a-z0-9]{1,12}$/, '项目不正确'))),
    name: text('项目名称', 1, 20),
    quota: count('项目名额', 1000),
    gender: v.picklist(['any', 'F', 'M'], '请选择项目的性别要求'),
  },
  '参数不正确',
)

/** Everything the chair sets on an activity; `update` takes the same plus the id. */
export const activityFields = {
  title: text('活动名称', 2, 40),
  description: optionalText('活动说明', 2000),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  place: text('地点', 1, 60),
  signupOpenAt: instant('报名开始时间'),
  signupCloseAt: instant('报名截止时间'),
  audience: v.picklist(['all', 'group', 'women', 'men', 'delegates', 'retired', 'active'], '请选择参加对象'),
  audienceGroupId: v.optional(docId('工会小组')),
  quota: count('名额', 5000),
  cancelPolicy: v.picklist(['never', 'anytime', 'beforeClose'], '请选择取消规则'),
  needsApproval: v.boolean('请选择是否需要审核'),
  rosterPublic: v.boolean('请选择名单是否公开'),
  maxGuests: v.optional(count('可带家属人数', 3), 0),
  items: v.optional(v.pipe(v.array(itemInput, '项目应为列表'), v.maxLength(30, '项目最多30个')), []),
  itemCap: v.optional(count('每人最多项目数', 30), 0),
  teamMode: v.optional(v.picklist(['none', 'byGroup', 'captain'], '请选择组队方式'), 'none'),
  teamSizeMin: v.optional(count('每队最少人数', 100), 0),
  teamSizeMax: v.optional(count('每队最多人数', 100), 0),
  teamMinWomen: v.optional(count('每队最少女教师人数', 100), 0),
  points: v.optional(v.pipe(v.array(count('名次积分', 100), '积分应为列表'), v.maxLength(12, '积分最多12个名次')), []),
  /** An uploaded cover's id; '' takes the cover off; left out, the cover stays as it is. */
  coverFileId: v.optional(v.union([v.literal(''), docId('封面')], '封面不正确')),
}

const coverUpload = v.strictObject(
  {
    name: v.pipe(v.string('文件名不正确'), v.trim(), v.minLength(1, '文件名不正确'), v.maxLength(80, '文件名太长')),
    // The real type and the 2 MB limit are checked with the notice file rules; this bounds the work.
    contentBase64: v.pipe(
      v.string('文件内容不正确'),
      v.minLength(1, '文件是空的'),
      v.maxLength(MAX_BASE64, '图片太大，请不超过2MB'),
    ),
  },
  '参数不正确',
)

const signupChoice = {
  itemIds: v.optional(
    v.pipe(
      v.array(v.pipe(v.string('项目不正确'), v.regex(/^[a-z0-9]{1,12}$/, '项目不正确')), '项目应为列表'),
      v.maxLength(30, '项目太多'),
    ),
    [],
  ),
  guests: v.optional(count('家属人数', 3), 0),
}

export const activitiesContract = {
  'activities.list': action<ActivityPage>()({
    access: 'member',
    input: v.strictObject(
      {
        scope: v.optional(v.picklist(['current', 'past'], '范围不正确'), 'current'),
        limit: pageLimit(MAX_ACTIVITY_PAGE),
        cursor: pageCursor,
      },
      '参数不正确',
    ),
    summary: '活动列表',
    writes: false,
  }),
  'activities.mine': action<MyActivities>()({
    access: 'member',
    input: v.strictObject({ cursor: pageCursor }, '参数不正确'),
    summary: '我的活动',
    writes: false,
  }),
  'activities.get': action<ActivityDetail>()({
    access: 'member',
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '活动详情',
    writes: false,
  }),
  'activities.create': action<ActivityDetail>()({
    access: MANAGERS,
    input: v.strictObject(activityFields, '参数不正确'),
    summary: '发起活动',
    writes: true,
  }),
  'activities.uploadCover': action<UploadedCover>()({
    access: MANAGERS,
    input: coverUpload,
    summary: '上传活动封面',
    writes: true,
  }),
  'activities.update': action<ActivityDetail>()({
    access: MANAGERS,
    input: v.strictObject({ activityId, ...activityFields }, '参数不正确'),
    summary: '修改活动',
    writes: true,
  }),
  'activities.signUp': action<SignupResult>()({
    access: 'member',
    input: v.strictObject({ activityId, ...signupChoice }, '参数不正确'),
    summary: '报名',
    writes: true,
  }),
  'activities.signUpFor': action<SignupOutcome>()({
    access: ['groupLeader', 'chair', 'admin'],
    input: v.strictObject({ activityId, memberId: docId('会员'), ...signupChoice }, '参数不正确'),
    summary: '小组长代组员报名',
    writes: true,
  }),
  'activities.groupCandidates': action<GroupCandidate[]>()({
    access: ['groupLeader', 'chair', 'admin'],
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '可代报名的组员',
    writes: false,
  }),
  'activities.cancel': action<SignupResult>()({
    access: 'member',
    input: v.strictObject(
      { activityId, memberId: v.optional(docId('会员')), reason: optionalText('取消原因', 100) },
      '参数不正确',
    ),
    summary: '取消报名',
    writes: true,
  }),
  'activities.review': action<SignupOutcome>()({
    access: MANAGERS,
    input: v.strictObject(
      { activityId, memberId: docId('会员'), approve: v.boolean('请选择通过或不通过') },
      '参数不正确',
    ),
    summary: '审核报名',
    writes: true,
  }),
  'activities.roster': action<RosterView>()({
    access: 'member',
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '报名名单',
    writes: false,
  }),
  'activities.qrCode': action<QrImage>()({
    access: MANAGERS,
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '活动二维码',
    writes: false,
  }),
  'activities.checkinCode': action<CheckinCode>()({
    access: MANAGERS,
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '现场签到码',
    writes: false,
  }),
  'activities.checkIn': action<SignupResult>()({
    access: 'member',
    input: v.strictObject(
      { activityId, code: v.pipe(v.string('签到码应为数字'), v.trim(), v.regex(/^\d{6}$/, '签到码是6位数字')) },
      '参数不正确',
    ),
    summary: '现场签到',
    writes: true,
  }),
  'activities.markAttendance': action<SignupOutcome>()({
    access: MANAGERS,
    input: v.strictObject(
      { activityId, memberId: docId('会员'), present: v.boolean('请选择签到或撤销') },
      '参数不正确',
    ),
    summary: '手工签到或撤销',
    writes: true,
  }),
  'activities.recordResult': action<ResultsView>()({
    access: MANAGERS,
    input: v.strictObject(
      {
        activityId,
        itemId: v.pipe(v.string('项目不正确'), v.regex(/^[a-z0-9]{0,12}$/, '项目不正确')),
        entrantId: docId('参赛者'),
        place: v.pipe(count('名次', 999), v.minValue(1, '名次从1开始')),
        score: optionalText('成绩', 20),
      },
      '参数不正确',
    ),
    summary: '录入成绩',
    writes: true,
  }),
  'activities.results': action<ResultsView>()({
    access: 'member',
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '成绩排名',
    writes: false,
  }),
  'activities.cancelActivity': action<ActivityDetail>()({
    access: MANAGERS,
    input: v.strictObject({ activityId, reason: text('取消原因', 2, 100) }, '参数不正确'),
    summary: '取消整个活动',
    writes: true,
  }),
  'activities.createTeam': action<ActivityDetail>()({
    access: 'member',
    input: v.strictObject({ activityId, name: text('队伍名称', 1, 20) }, '参数不正确'),
    summary: '组建队伍（当队长）',
    writes: true,
  }),
  'activities.joinTeam': action<SignupResult>()({
    access: 'member',
    input: v.strictObject({ activityId, teamId: docId('队伍') }, '参数不正确'),
    summary: '加入队伍',
    writes: true,
  }),
  'activities.removeFromTeam': action<SignupResult>()({
    access: 'member',
    input: v.strictObject({ activityId, memberId: docId('会员') }, '参数不正确'),
    summary: '队长移出队员',
    writes: true,
  }),
  'activities.export': action<ExportFile>()({
    access: ['chair', 'admin', 'committee'],
    input: v.strictObject({ activityId }, '参数不正确'),
    summary: '导出报名和签到表',
    writes: false,
  }),
}
