import type { PageInfo } from '../shared/page-input'
import type { FileKind, FileType } from './file-rules'
import type { AudienceKind, NoticeCategory } from './model'

export interface NoticeListItem {
  id: string
  category: NoticeCategory
  categoryLabel: string
  title: string
  excerpt: string
  pinned: boolean
  publishedAt: string
  authorName: string
  audienceLabel: string
  /** Whether I am among the recipients (the chair also sees notices sent to others). */
  addressedToMe: boolean
  read: boolean
  needsMyResponse: boolean
  myResponse?: string
  withdrawn: boolean
  /** For those who may manage it: how many of the recipients have read it. */
  stats?: { read: number; total: number }
}

/** One page of 通知: pinned first, then newest. */
export interface NoticeList extends PageInfo {
  items: NoticeListItem[]
  /**
   * On the first page only: how many of the newest notices sent to me (UNREAD_WINDOW in read.ts) I have not
   * opened. Each row also says whether it is read.
   */
  unread?: number
}

/** What 首页 shows of notices (read.ts homeNotices). */
export interface HomeNotices extends PageInfo {
  /** The first few published notices, pinned first, then newest; `more` says the list has others. */
  items: NoticeListItem[]
  /** Unread among the newest notices sent to me (as NoticeList.unread). */
  unread: number
  /** My unread messages (消息). */
  unreadMessages: number
}

export interface NoticeDetail {
  id: string
  category: NoticeCategory
  categoryLabel: string
  title: string
  /** The body split into paragraphs. */
  paragraphs: string[]
  pinned: boolean
  publishedAt: string
  authorName: string
  audienceKind: AudienceKind
  audienceLabel: string
  addressedToMe: boolean
  confirmOptions: string[]
  confirmBy?: string
  /** True once the reply deadline has passed. */
  confirmClosed: boolean
  myResponse?: string
  withdrawn?: { reason: string; at: string }
  /** When the title or text was last corrected after publishing. */
  correctedAt?: string
  canManage: boolean
  stats?: { read: number; total: number }
  /** Pictures shown in the notice, with addresses that work for an hour or so. */
  images: NoticeFileView[]
  /** Documents a teacher taps to open. */
  attachments: NoticeFileView[]
}

export interface NoticeFileView {
  id: string
  name: string
  type: FileType
  size: number
  url: string
  /** WeChat is still checking the picture: until it passes, only its uploader sees it. */
  checking?: true
}

/** What the publisher gets back from an upload: the id to publish with, and an address for a preview. */
export interface UploadedFile extends NoticeFileView {
  kind: FileKind
}

/** A fresh address for one file of a notice (weapp downloads and opens it). */
export interface NoticeFileLink {
  url: string
  name: string
  type: FileType
  kind: FileKind
}

/** Someone a publisher may pick for a 指定会员 notice: name and 小组 only, nothing private. */
export interface RecipientChoice {
  id: string
  name: string
  groupId: string
  groupName: string
  retired: boolean
}

export interface ReceiptPerson {
  memberId: string
  name: string
  groupName: string
  bound: boolean
  readAt?: string
  response?: string
}

export interface NoticeReceipts {
  noticeId: string
  title: string
  audienceLabel: string
  total: number
  read: ReceiptPerson[]
  unread: ReceiptPerson[]
  confirmOptions: string[]
  /** Per reply option: who chose it. */
  tally: { option: string; count: number; names: string[] }[]
  /** Read but not replied yet (only when a reply is needed). */
  noResponse: ReceiptPerson[]
  /** Unread people who can be reached (bound WeChat) and were already nudged today (a second tap sends nothing). */
  nudgedToday: number
  /** Unread people a nudge would reach now: bound to WeChat, not nudged today. */
  toNudge: number
  /** Unread people no nudge can reach (not bound to WeChat): someone has to tell them in person. */
  unreachable: number
}

export interface NudgeResult {
  sent: number
  alreadyToday: number
  unread: number
  /** Unread but not bound to WeChat, so not nudged. */
  unreachable: number
}
