import { recipientChoices } from '@/core/notices/choices'
import { correctNotice } from '@/core/notices/correct'
import type { noticesContract } from '@/core/notices/contract'
import { noticeFileLink, uploadNoticeFile } from '@/core/notices/files'
import { setPinned, withdrawNotice } from '@/core/notices/manage'
import { publishNotice } from '@/core/notices/publish'
import { listNotices, openNotice, respondToNotice } from '@/core/notices/read'
import { noticeReceipts, nudgeUnread } from '@/core/notices/receipts'
import type { HandlersFor } from './types'

export const noticesHandlers: HandlersFor<typeof noticesContract> = {
  'notices.uploadFile': uploadNoticeFile,
  'notices.fileUrl': noticeFileLink,
  'notices.recipientChoices': (ctx) => recipientChoices(ctx),
  'notices.publish': publishNotice,
  'notices.list': listNotices,
  'notices.open': openNotice,
  'notices.respond': respondToNotice,
  'notices.receipts': noticeReceipts,
  'notices.nudge': nudgeUnread,
  'notices.setPinned': setPinned,
  'notices.correct': correctNotice,
  'notices.withdraw': withdrawNotice,
}
