import * as v from 'valibot'
import { action } from '../shared/action'
import { docId, optionalText, text } from '../shared/fields'
import { pageCursor, pageLimit } from '../shared/page-input'
import { BOARD_STAGES, PROPOSAL_STATUSES, RATINGS, REPLY_METHODS, RESOLUTIONS } from './model'
import { BOARD_PAGE_MAX, REASONS_MAX, SUGGESTION_MAX, TITLE_MAX } from './labels'
import type {
  BoardPage,
  DelegateOption,
  ExportedFile,
  MyProposals,
  OverdueList,
  ProposalDetail,
  ProposalTodo,
  SessionReport,
  SessionView,
  SimilarProposal,
} from './views'
import type { CooperationQueue } from './cooperation-view'
import { SUPERVISION_NOTE_MAX, SUPERVISION_NOTE_MIN } from './supervision-view'
import { uploadInput, type UploadedFileView } from '../shared/files'
import { MAX_PROPOSAL_FILES, type ProposalFileLink, type ProposalFiles } from './file-views'

const none = v.strictObject({}, '参数不正确')
const strict = <E extends v.ObjectEntries>(entries: E) => v.strictObject(entries, '参数不正确')
const proposalId = docId('提案')
const date = (label: string) =>
  v.pipe(
    v.string(`${label}应为日期`),
    v.regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, `${label}应为日期，例如 2026-05-20`),
  )
const COMMITTEE = ['committee'] as const
const OVERSEERS = ['chair', 'committee'] as const

/** Draft fields: lengths are only bounded here; the 50–500 / ≥30 rules apply at submission. */
const draftFields = {
  title: text('案由', 1, TITLE_MAX),
  reasons: optionalText('情况说明', REASONS_MAX),
  suggestion: optionalText('具体建议', SUGGESTION_MAX),
  category: optionalText('类别', 10),
  suggestedDept: optionalText('建议承办部门', 20),
  openForSeconds: v.boolean('请选择是否公开征集附议'),
}

/** What the chair sets on a session; the code prefix is fixed at creation (numbers are handed out with it). */
const sessionFields = {
  name: text('届次名称', 2, 30),
  opensOn: date('征集开始日期'),
  closesOn: date('征集截止日期'),
  secondsRequired: v.pipe(
    v.number('附议人数应为数字'),
    v.integer('附议人数应为整数'),
    v.minValue(0, '附议人数不能小于0'),
    v.maxValue(10, '附议人数最多10人'),
  ),
  categories: optionalText('类别', 100),
  departments: optionalText('承办部门', 200),
  /** Absent: left as it is ('none' at creation). */
  replySignOff: v.optional(v.picklist(['none', 'committee'], '请选择答复是否须经审核')),
  /** Absent or 0: never closed without the proposer's rating. */
  autoCloseDays: v.optional(
    v.pipe(
      v.number('天数应为数字'),
      v.integer('天数应为整数'),
      v.minValue(0, '天数不能小于0'),
      v.maxValue(90, '天数最多90天'),
    ),
  ),
}

const boardFilter = {
  /** Absent: every session, unless `latest` asks for the newest one. */
  sessionId: v.optional(docId('届次')),
  latest: v.optional(v.boolean('参数不正确')),
  status: v.optional(v.picklist(PROPOSAL_STATUSES, '状态不正确')),
  stage: v.optional(v.picklist(BOARD_STAGES, '筛选不正确')),
  category: v.optional(v.pipe(v.string('类别不正确'), v.maxLength(10, '类别不正确'))),
  department: v.optional(v.pipe(v.string('部门不正确'), v.maxLength(20, '部门不正确'))),
  cursor: pageCursor,
  limit: pageLimit(BOARD_PAGE_MAX),
}

export const proposalsContract = {
  'proposals.sessions': action<SessionView[]>()({
    access: 'member',
    input: none,
    summary: '教代会届次列表',
    writes: false,
  }),
  'proposals.createSession': action<SessionView>()({
    access: ['chair'],
    input: strict({
      name: sessionFields.name,
      codePrefix: v.pipe(
        v.string('编号前缀应为文字'),
        v.trim(),
        v.regex(/^[A-Za-z0-9]{2,8}$/, '编号前缀为2到8位字母或数字，例如 2026'),
      ),
      opensOn: sessionFields.opensOn,
      closesOn: sessionFields.closesOn,
      secondsRequired: sessionFields.secondsRequired,
      categories: sessionFields.categories,
      departments: sessionFields.departments,
      replySignOff: sessionFields.replySignOff,
      autoCloseDays: sessionFields.autoCloseDays,
    }),
    summary: '新建教代会届次（提案征集）',
    writes: true,
  }),
  'proposals.updateSession': action<SessionView>()({
    access: ['chair'],
    input: strict({ sessionId: docId('届次'), ...sessionFields }),
    summary: '修改教代会届次（征集时间、附议人数、类别、部门）',
    writes: true,
  }),
  'proposals.saveDraft': action<ProposalDetail>()({
    access: ['delegate'],
    input: strict({ proposalId: v.optional(proposalId), sessionId: docId('届次'), ...draftFields }),
    summary: '保存提案草稿',
    writes: true,
  }),
  'proposals.similar': action<SimilarProposal[]>()({
    access: ['delegate'],
    input: strict({
      title: optionalText('案由', TITLE_MAX),
      reasons: optionalText('情况说明', REASONS_MAX),
      excludeId: v.optional(proposalId),
    }),
    summary: '查找相似提案（一事一案）',
    writes: false,
  }),
  'proposals.delegates': action<DelegateOption[]>()({
    access: ['delegate'],
    input: none,
    summary: '可邀请附议的代表',
    writes: false,
  }),
  'proposals.invite': action<ProposalDetail>()({
    access: ['delegate'],
    input: strict({ proposalId, memberId: docId('代表') }),
    summary: '邀请代表附议',
    writes: true,
  }),
  'proposals.second': action<ProposalDetail>()({
    access: ['delegate'],
    input: strict({ proposalId, accept: v.boolean('请选择附议或不附议') }),
    summary: '附议（或撤回、婉拒）',
    writes: true,
  }),
  'proposals.submit': action<ProposalDetail>()({
    access: ['delegate'],
    input: strict({ proposalId }),
    summary: '提交提案',
    writes: true,
  }),
  'proposals.withdraw': action<ProposalDetail>()({
    access: ['delegate'],
    input: strict({ proposalId, reason: optionalText('撤回理由', 300) }),
    summary: '撤回提案（草稿随时可撤回；已提交的在审查前可撤回，须写理由）',
    writes: true,
  }),
  'proposals.review': action<ProposalDetail>()({
    access: COMMITTEE,
    input: strict({
      proposalId,
      decision: v.picklist(['accept', 'reject', 'merge'], '请选择审查结果'),
      reason: optionalText('理由', 300),
      // Empty when none was chosen: the use case then asks for one, in the words the page shows on the field.
      mergeIntoId: v.optional(
        v.pipe(v.string('请选择要并入的提案'), v.regex(/^[A-Za-z0-9_-]{0,64}$/, '请选择要并入的提案')),
      ),
    }),
    summary: '审查：立案、不予立案或并案',
    writes: true,
  }),
  'proposals.assign': action<ProposalDetail>()({
    access: COMMITTEE,
    input: strict({
      proposalId,
      lead: text('主办部门', 1, 20),
      cooperating: optionalText('协办部门', 100),
      replyBy: date('答复期限'),
    }),
    summary: '交办主办、协办部门',
    writes: true,
  }),
  'proposals.reply': action<ProposalDetail>()({
    access: ['deptHead'],
    input: strict({
      proposalId,
      method: v.picklist(REPLY_METHODS, '请选择答复方式'),
      resolution: v.picklist(RESOLUTIONS, '请选择解决程度'),
      text: text('答复内容', 10, 1000),
      attachments: v.optional(
        v.pipe(
          v.array(docId('附件'), '附件应为列表'),
          v.maxLength(MAX_PROPOSAL_FILES, `附件最多${MAX_PROPOSAL_FILES}个`),
        ),
      ),
    }),
    summary: '主办部门答复',
    writes: true,
  }),
  'proposals.returnReply': action<ProposalDetail>()({
    access: COMMITTEE,
    input: strict({ proposalId, reason: text('退回理由', 5, 300) }),
    summary: '答复审查：退回重新答复',
    writes: true,
  }),
  'proposals.urge': action<ProposalDetail>()({
    access: OVERSEERS,
    input: strict({ proposalId, note: text('催办意见', SUPERVISION_NOTE_MIN, SUPERVISION_NOTE_MAX) }),
    summary: '督办：催办部门答复',
    writes: true,
  }),
  'proposals.requestExtension': action<ProposalDetail>()({
    access: ['deptHead'],
    input: strict({
      proposalId,
      newReplyBy: date('新的答复期限'),
      reason: text('延期理由', SUPERVISION_NOTE_MIN, SUPERVISION_NOTE_MAX),
    }),
    summary: '主办部门申请延期答复',
    writes: true,
  }),
  'proposals.decideExtension': action<ProposalDetail>()({
    access: OVERSEERS,
    input: strict({
      proposalId,
      approve: v.boolean('请选择同意或不同意延期'),
      note: optionalText('审批意见', SUPERVISION_NOTE_MAX),
    }),
    summary: '审批延期申请',
    writes: true,
  }),
  'proposals.signOffReply': action<ProposalDetail>()({
    access: COMMITTEE,
    input: strict({
      proposalId,
      approve: v.boolean('请选择同意发出或退回'),
      note: optionalText('审核意见', 300),
    }),
    summary: '答复审核：同意发给提案人，或退回部门重新答复',
    writes: true,
  }),
  'proposals.cooperate': action<ProposalDetail>()({
    access: ['deptHead'],
    input: strict({ proposalId, opinion: text('协办意见', 10, 1000) }),
    summary: '协办部门提交协办意见',
    writes: true,
  }),
  'proposals.cooperationQueue': action<CooperationQueue>()({
    access: ['deptHead'],
    input: none,
    summary: '本部门协办的提案',
    writes: false,
  }),
  'proposals.rate': action<ProposalDetail>()({
    access: ['delegate'],
    input: strict({
      proposalId,
      rating: v.picklist(RATINGS, '请选择满意程度'),
      comment: optionalText('评价意见', 300),
    }),
    summary: '提案人评价答复',
    writes: true,
  }),
  'proposals.uploadFile': action<UploadedFileView>()({
    access: ['delegate', 'deptHead'],
    input: uploadInput,
    summary: '上传提案或答复的附件（图片、文件）',
    writes: true,
  }),
  'proposals.attach': action<ProposalFiles>()({
    access: ['delegate'],
    input: strict({ proposalId, fileId: docId('附件') }),
    summary: '给提案草稿添加附件',
    writes: true,
  }),
  'proposals.detach': action<ProposalFiles>()({
    access: ['delegate'],
    input: strict({ proposalId, fileId: docId('附件') }),
    summary: '移除提案草稿的附件',
    writes: true,
  }),
  'proposals.files': action<ProposalFiles>()({
    access: 'member',
    input: strict({ proposalId }),
    summary: '提案和答复的附件',
    writes: false,
  }),
  'proposals.fileUrl': action<ProposalFileLink>()({
    access: 'member',
    input: strict({ proposalId, fileId: docId('附件') }),
    summary: '打开提案或答复的附件',
    writes: false,
  }),
  'proposals.get': action<ProposalDetail>()({
    access: 'member',
    input: strict({ proposalId }),
    summary: '提案详情',
    writes: false,
  }),
  'proposals.board': action<BoardPage>()({
    access: 'member',
    input: strict(boardFilter),
    summary: '提案公开栏',
    writes: false,
  }),
  'proposals.mine': action<MyProposals>()({
    access: ['delegate'],
    input: none,
    summary: '我的提案与待附议',
    writes: false,
  }),
  'proposals.todo': action<ProposalTodo>()({ access: 'member', input: none, summary: '提案待办数', writes: false }),
  'proposals.overdue': action<OverdueList>()({
    access: OVERSEERS,
    /** Absent: the session the report opens on (defaultReportSession). */
    input: strict({ sessionId: v.optional(docId('届次')) }),
    summary: '逾期未答复的提案',
    writes: false,
  }),
  'proposals.report': action<SessionReport>()({
    access: OVERSEERS,
    input: strict({ sessionId: docId('届次') }),
    summary: '届次提案统计',
    writes: false,
  }),
  'proposals.exportReport': action<ExportedFile>()({
    access: OVERSEERS,
    input: strict({ sessionId: docId('届次') }),
    summary: '导出提案统计（Excel）',
    writes: false,
  }),
  'proposals.exportCompilation': action<ExportedFile>()({
    access: OVERSEERS,
    input: strict({ sessionId: docId('届次'), kind: v.picklist(['proposals', 'replies'], '请选择提案汇编或答复汇编') }),
    summary: '导出提案汇编或答复汇编（Word）',
    writes: false,
  }),
  'proposals.replyLetter': action<ExportedFile>()({
    // Whoever may read the proposal may print its reply: the reply is on its page anyway.
    access: 'member',
    input: strict({ proposalId: docId('提案') }),
    summary: '打印答复函（Word）',
    writes: false,
  }),
}
