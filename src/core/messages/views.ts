export interface MessageView {
  id: string
  kind: string
  /** 活动 / 通知 / 生日祝福 …: what a teacher reads beside the title. */
  kindLabel: string
  title: string
  body: string
  link?: string
  read: boolean
  createdAt: string
}

export interface MessagePage {
  items: MessageView[]
  /** Offset for the next page, absent when this was the last one. */
  nextOffset?: number
  unread: number
}

export interface UnreadCount {
  unread: number
}

export interface ConsentResult {
  /** Remaining sends per template name after this consent. */
  credits: Record<string, number>
}
