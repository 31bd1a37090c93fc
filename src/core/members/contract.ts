import * as v from 'valibot'
import { action } from '../shared/action'
import { birthYear, docId, gender, monthDay, optionalText, phone, text } from '../shared/fields'
import { pageCursor, pageLimit } from '../shared/page-input'
import { MEMBER_STATUSES, ROLES } from '../shared/roles'
import { MAX_ROSTER_PAGE } from './model'
import type {
  BindingAttemptView,
  GroupView,
  ImportPreview,
  ImportResult,
  MyProfile,
  RosterEntry,
  RosterPage,
  WhoAmI,
} from './views'

const MANAGERS = ['chair', 'admin'] as const
const none = v.strictObject({}, '参数不正确')

const roleList = v.pipe(v.array(v.picklist(ROLES, '角色不正确'), '角色应为列表'), v.maxLength(ROLES.length, '角色太多'))

/** Fields the chair (or an admin) edits on a roster entry. */
export const memberFields = {
  name: text('姓名', 1, 20),
  staffNo: v.pipe(
    v.string('工号应为文字'),
    v.trim(),
    v.regex(/^[A-Za-z0-9-]{1,20}$/, '工号只能是字母、数字或横线，最多20位'),
  ),
  gender,
  phone,
  birthday: monthDay,
  /** A year sets it, null clears it (the chair only), absent keeps what is stored: an admin never sees it. */
  birthYear: v.optional(v.nullable(birthYear)),
  groupId: docId('工会小组'),
  department: optionalText('部门', 20),
}

/** The short code teachers type when binding without an invite code, e.g. SYXX. */
export const unionCode = v.pipe(
  v.string('学校代码应为文字'),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9]{2,16}$/, '学校代码是2到16位字母或数字'),
)

/**
 * A 工号 a teacher types to bind: phones' Chinese keyboards may type full-width letters and digits (Ｔ１００１),
 * which NFKC turns into the ASCII the roster stores. (The roster keeps its own rule: imports compare as typed.)
 */
const typedStaffNo = v.pipe(
  v.string('工号应为文字'),
  v.transform((s: string) => s.normalize('NFKC')),
  memberFields.staffNo,
)

export const memberInput = v.strictObject(memberFields, '参数不正确')

/** 会员名册's filters: status, 小组, a keyword (name, 工号 or phone, searched as a prefix), and the page. */
export const rosterQuery = v.strictObject(
  {
    status: v.optional(v.picklist(MEMBER_STATUSES, '状态不正确')),
    groupId: v.optional(docId('工会小组')),
    keyword: v.optional(v.pipe(v.string('关键字应为文字'), v.trim(), v.maxLength(20, '关键字太长'))),
    limit: pageLimit(MAX_ROSTER_PAGE),
    cursor: pageCursor,
  },
  '参数不正确',
)

const spreadsheet = v.strictObject(
  {
    fileName: v.pipe(
      v.string('文件名不正确'),
      v.maxLength(120, '文件名太长'),
      v.regex(/\.(xlsx|csv)$/i, '请上传 .xlsx 或 .csv 文件'),
    ),
    // A 300-person roster is ~30 KB as xlsx; 2 MB of base64 leaves plenty of room and bounds the work.
    contentBase64: v.pipe(
      v.string('文件内容不正确'),
      v.minLength(1, '文件是空的'),
      v.maxLength(2_000_000, '文件太大，请不超过1.5MB'),
    ),
  },
  '参数不正确',
)

export const membersContract = {
  'session.whoami': action<WhoAmI>()({ access: 'anyone', input: none, summary: '我是谁', writes: false }),
  'members.bindByCode': action<MyProfile>()({
    access: 'unbound',
    input: v.strictObject(
      {
        code: v.pipe(
          v.string('邀请码应为文字'),
          v.trim(),
          v.toUpperCase(),
          v.regex(/^[A-Z0-9]{6,12}$/, '邀请码是8位字母和数字'),
        ),
      },
      '参数不正确',
    ),
    summary: '用邀请码绑定',
    writes: true,
  }),
  'members.bindByIdentity': action<MyProfile>()({
    access: 'unbound',
    input: v.strictObject(
      {
        unionCode,
        name: memberFields.name,
        staffNo: typedStaffNo,
        phoneTail: v.pipe(v.string('手机后四位应为数字'), v.trim(), v.regex(/^\d{4}$/, '请填写手机号后四位数字')),
      },
      '参数不正确',
    ),
    summary: '用姓名、工号、手机后四位绑定',
    writes: true,
  }),
  'members.me': action<MyProfile>()({ access: 'member', input: none, summary: '我的资料', writes: false }),
  'members.setPrivacy': action<MyProfile>()({
    access: 'member',
    input: v.strictObject(
      { hideBirthday: v.boolean('请选择是或否'), noGreetings: v.boolean('请选择是或否') },
      '参数不正确',
    ),
    summary: '隐私设置',
    writes: true,
  }),
  'groups.list': action<GroupView[]>()({ access: 'member', input: none, summary: '工会小组列表', writes: false }),
  'groups.create': action<GroupView>()({
    access: MANAGERS,
    input: v.strictObject({ name: text('小组名称', 1, 20) }, '参数不正确'),
    summary: '新建工会小组',
    writes: true,
  }),
  'groups.rename': action<GroupView>()({
    access: MANAGERS,
    input: v.strictObject({ groupId: docId('工会小组'), name: text('小组名称', 1, 20) }, '参数不正确'),
    summary: '小组改名',
    writes: true,
  }),
  'members.list': action<RosterPage>()({
    access: MANAGERS,
    input: rosterQuery,
    summary: '会员名册',
    writes: false,
  }),
  'members.get': action<RosterEntry>()({
    access: MANAGERS,
    input: v.strictObject({ memberId: docId('会员') }, '参数不正确'),
    summary: '一位会员的资料',
    writes: false,
  }),
  'members.create': action<RosterEntry>()({ access: MANAGERS, input: memberInput, summary: '添加会员', writes: true }),
  'members.update': action<RosterEntry>()({
    access: MANAGERS,
    input: v.strictObject({ memberId: docId('会员'), ...memberFields }, '参数不正确'),
    summary: '修改会员资料',
    writes: true,
  }),
  'members.setStatus': action<RosterEntry>()({
    access: MANAGERS,
    input: v.strictObject({ memberId: docId('会员'), status: v.picklist(MEMBER_STATUSES, '状态不正确') }, '参数不正确'),
    summary: '退休、调离或恢复',
    writes: true,
  }),
  'members.setRoles': action<RosterEntry>()({
    access: MANAGERS,
    input: v.strictObject(
      { memberId: docId('会员'), roles: roleList, department: optionalText('部门', 20) },
      '参数不正确',
    ),
    summary: '设置角色',
    writes: true,
  }),
  'members.resetBinding': action<RosterEntry>()({
    access: MANAGERS,
    input: v.strictObject({ memberId: docId('会员') }, '参数不正确'),
    summary: '解除微信绑定并换新邀请码',
    writes: true,
  }),
  'members.importPreview': action<ImportPreview>()({
    access: MANAGERS,
    input: spreadsheet,
    summary: '名册导入预览',
    writes: false,
  }),
  'members.importCommit': action<ImportResult>()({
    access: MANAGERS,
    input: spreadsheet,
    summary: '名册导入',
    writes: true,
  }),
  'members.bindingAttempts': action<BindingAttemptView[]>()({
    access: MANAGERS,
    input: none,
    summary: '被拒绝的绑定',
    writes: false,
  }),
}
