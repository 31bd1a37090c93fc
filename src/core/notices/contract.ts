import * as v from 'valibot'
import { action } from '../shared/action'
import { docId, text } from '../shared/fields'
import { uploadInput } from '../shared/files'
import { pageCursor, pageLimit } from '../shared/page-input'
import { AUDIENCE_KINDS, MAX_ATTACHMENTS, MAX_IMAGES, MAX_NOTICE_PAGE, NOTICE_CATEGORIES, REQUEST_KEY } from './model'
import type {
  NoticeDetail,
  NoticeFileLink,
  NoticeList,
  NoticeReceipts,
  NudgeResult,
  RecipientChoice,
  UploadedFile,
} from './views'

const none = v.strictObject({}, '参数不正确')
/** Who may publish; a 提案委员会 member only 教代会 notices (checked in the use case). */
export const NOTICE_AUTHORS = ['chair', 'admin', 'committee'] as const

const noticeId = v.strictObject({ noticeId: docId('通知') }, '参数不正确')

const option = v.pipe(
  v.string('选项应为文字'),
  v.trim(),
  v.minLength(1, '选项不能为空'),
  v.maxLength(12, '每个选项不超过12个字'),
)

export const noticeInput = v.strictObject(
  {
    requestKey: v.pipe(v.string('请刷新页面后重新发布'), v.regex(REQUEST_KEY, '请刷新页面后重新发布')),
    category: v.optional(v.picklist(NOTICE_CATEGORIES, '通知类别不正确'), 'general'),
    title: text('标题', 2, 40),
    body: text('正文', 2, 5000),
    audience: v.picklist(AUDIENCE_KINDS, '请选择发给谁'),
    groupIds: v.optional(v.pipe(v.array(docId('工会小组'), '小组应为列表'), v.maxLength(30, '小组太多')), []),
    memberIds: v.optional(v.pipe(v.array(docId('会员'), '会员应为列表'), v.maxLength(300, '一次最多指定300人')), []),
    pinned: v.optional(v.boolean('请选择是否置顶'), false),
    confirmOptions: v.optional(
      v.pipe(
        v.array(option, '回执选项应为列表'),
        v.maxLength(6, '回执选项最多6个'),
        v.check((list) => list.length !== 1, '回执至少要有两个选项，例如 参加、不参加'),
        v.check((list) => new Set(list).size === list.length, '回执选项不能重复'),
      ),
      [],
    ),
    confirmBy: v.optional(v.pipe(v.string('截止日期不正确'), v.isoDate('截止日期格式应为 2026-12-31'))),
    imageIds: v.optional(
      v.pipe(v.array(docId('图片'), '图片应为列表'), v.maxLength(MAX_IMAGES, `图片最多${MAX_IMAGES}张`)),
      [],
    ),
    attachmentIds: v.optional(
      v.pipe(v.array(docId('附件'), '附件应为列表'), v.maxLength(MAX_ATTACHMENTS, `附件最多${MAX_ATTACHMENTS}个`)),
      [],
    ),
  },
  '参数不正确',
)

/** The upload rules are shared with 提案 attachments (src/core/shared/files.ts). */
const upload = uploadInput

export const noticesContract = {
  'notices.uploadFile': action<UploadedFile>()({
    access: NOTICE_AUTHORS,
    input: upload,
    summary: '上传通知图片或附件',
    writes: true,
  }),
  'notices.fileUrl': action<NoticeFileLink>()({
    access: 'member',
    input: v.strictObject({ noticeId: docId('通知'), fileId: docId('文件') }, '参数不正确'),
    summary: '打开通知的图片或附件',
    writes: false,
  }),
  'notices.recipientChoices': action<RecipientChoice[]>()({
    access: NOTICE_AUTHORS,
    input: none,
    summary: '可指定的会员',
    writes: false,
  }),
  'notices.publish': action<NoticeDetail>()({
    access: NOTICE_AUTHORS,
    input: noticeInput,
    summary: '发布通知',
    writes: true,
  }),
  'notices.list': action<NoticeList>()({
    access: 'member',
    input: v.strictObject({ limit: pageLimit(MAX_NOTICE_PAGE), cursor: pageCursor }, '参数不正确'),
    summary: '通知列表',
    writes: false,
  }),
  'notices.open': action<NoticeDetail>()({
    access: 'member',
    input: noticeId,
    summary: '阅读通知（记为已读）',
    writes: true,
  }),
  'notices.respond': action<NoticeDetail>()({
    access: 'member',
    input: v.strictObject({ noticeId: docId('通知'), option }, '参数不正确'),
    summary: '回复通知回执',
    writes: true,
  }),
  'notices.receipts': action<NoticeReceipts>()({
    access: NOTICE_AUTHORS,
    input: noticeId,
    summary: '已读回执',
    writes: false,
  }),
  'notices.nudge': action<NudgeResult>()({
    access: NOTICE_AUTHORS,
    input: noticeId,
    summary: '提醒未读的人',
    writes: true,
  }),
  'notices.setPinned': action<NoticeDetail>()({
    access: NOTICE_AUTHORS,
    input: v.strictObject({ noticeId: docId('通知'), pinned: v.boolean('请选择是否置顶') }, '参数不正确'),
    summary: '置顶或取消置顶',
    writes: true,
  }),
  'notices.correct': action<NoticeDetail & { notified: number }>()({
    access: NOTICE_AUTHORS,
    input: v.strictObject(
      {
        noticeId: docId('通知'),
        title: text('标题', 2, 40),
        body: text('正文', 2, 5000),
        notifyReaders: v.optional(v.boolean('请选择是否通知已读的人'), false),
      },
      '参数不正确',
    ),
    summary: '更正已发布的通知',
    writes: true,
  }),
  'notices.withdraw': action<NoticeDetail>()({
    access: NOTICE_AUTHORS,
    input: v.strictObject({ noticeId: docId('通知'), reason: text('撤回原因', 2, 100) }, '参数不正确'),
    summary: '撤回通知',
    writes: true,
  }),
}
