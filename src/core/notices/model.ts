import type { UploadRecord } from '../shared/uploads'
import type { FileKind, FileType } from './file-rules'

/** Per notice (the publish page shows these too). */
export const MAX_IMAGES = 6
export const MAX_ATTACHMENTS = 3
/** The largest base64 text a file may be: 2 MB of bytes (the exact per-kind check is in file-rules.ts). */
export const MAX_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4

/**
 * The compose page makes one key per notice the chair starts and sends it with every try until one
 * succeeds: the server derives the notice's id from it (publish.ts), so a retry after a timeout finds the
 * notice instead of making a second one.
 */
export const REQUEST_KEY = /^[A-Za-z0-9]{16,32}$/

/** 20 random base-36 characters; Math.random is enough, as a key only ever meets its own author's keys. */
export function newRequestKey(): string {
  let key = ''
  while (key.length < 20) key += Math.random().toString(36).slice(2)
  return key.slice(0, 20)
}

/**
 * Rows of one page of 通知 by default, and at most: a page's notices are read whole (bodies too), and a
 * manager's rows each cost a count of readers, run in parallel.
 */
export const NOTICE_PAGE = 20
export const MAX_NOTICE_PAGE = 30

/** The key (and so the message's _id) of the message announcing a notice to one recipient. */
export const publishMessageKey = (noticeId: string, memberId: string) => `notice:${noticeId}:${memberId}:publish`

export const NOTICE_CATEGORIES = ['general', 'congress'] as const
/** general = 工会通知 / 校务公开; congress = 教代会 notices, which the 提案委员会 may publish too. */
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number]
export const CATEGORY_LABELS: Record<NoticeCategory, string> = { general: '工会通知', congress: '教代会' }

export const AUDIENCE_KINDS = ['all', 'groups', 'delegates', 'retired', 'active', 'members'] as const
export type AudienceKind = (typeof AUDIENCE_KINDS)[number]
export const AUDIENCE_LABELS: Record<AudienceKind, string> = {
  all: '全体会员',
  groups: '工会小组',
  delegates: '教代会代表',
  retired: '退休教职工',
  active: '在职教职工',
  members: '指定会员',
}

export interface Audience {
  kind: AudienceKind
  /** For kind 'groups'. */
  groupIds: string[]
  /** For kind 'members'. */
  memberIds: string[]
}

/** A picture or document as a notice carries it (copied at publishing, so the notice reads without a join). */
export interface NoticeFileRef {
  id: string
  name: string
  type: FileType
  size: number
  /**
   * Where its bytes are (the upload's storage key), so a reader's addresses are asked for alongside the
   * upload records instead of after them. Absent on notices published before it was copied.
   */
  storageKey?: string
}

/** An uploaded file (`noticeFiles`): who put it there, for which union, and where its bytes are. */
export interface NoticeFileDoc extends UploadRecord {
  type: FileType
  kind: FileKind
  [key: string]: unknown
}

export interface NoticeDoc {
  _id: string
  unionId: string
  category: NoticeCategory
  title: string
  body: string
  audience: Audience
  /** 「语文组、数学组」, fixed at publishing so a renamed group does not rewrite history. */
  audienceLabel: string
  /** Keys a member matches (see audience.ts), so "notices for me" is one indexed `$in` query. */
  audienceKeys: string[]
  pinned: boolean
  /** Reply choices (e.g. 参加 / 不参加); empty when no reply is needed. */
  confirmOptions: string[]
  /** Last Shanghai date to reply (YYYY-MM-DD), optional. */
  confirmBy?: string
  status: 'published' | 'withdrawn'
  authorId: string
  authorName: string
  recipientCount: number
  // How many have read it is not kept here: the receipts are counted (detail.ts countReaders), so no
  // second number can drift from them. Notices stored before carry a `readCount` nothing reads.
  /** False until every recipient has been sent the message; the reminders job finishes an interrupted send. */
  delivered: boolean
  publishedAt: string
  updatedAt: string
  withdrawn?: { reason: string; at: string; by: string }
  /** Absent on notices published before attachments existed. */
  images?: NoticeFileRef[]
  attachments?: NoticeFileRef[]
  /** Ids of both, so "which notices carry this file" is one indexed query. */
  fileIds?: string[]
  history: { action: string; at: string; by: string }[]
  /** Set when the text was corrected after publishing. */
  correctedAt?: string
  /** The words before each correction, oldest first: nothing published is ever lost. */
  revisions?: { title: string; body: string; at: string; by: string }[]
  /** Set while the readers of a correction are still being told (correct.ts, src/core/shared/follow-up.ts). */
  followUpAt?: string
  [key: string]: unknown
}

export interface NoticeReadDoc {
  _id: string
  unionId: string
  noticeId: string
  memberId: string
  readAt: string
  response?: string
  respondedAt?: string
  /** Earlier replies, newest last: changing 参加 to 不参加 keeps the first answer on record. */
  responses?: { response: string; at: string }[]
  [key: string]: unknown
}
