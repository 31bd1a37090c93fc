import { addDays, shanghaiDate } from '@/core/shared/shanghai-time'
import { audienceKeys } from '@/core/notices/audience'
import { NC } from '@/core/notices/collections'
import type { Audience, NoticeDoc } from '@/core/notices/model'
import { countRecipients } from '@/core/notices/recipients'
import type { ServerPorts } from '../ports'
import { DEMO_UNION_ID } from './demo-school'

/**
 * Demo notices of 实验小学: a pinned 体检 notice asking everyone to reply, and a 教代会 notice for the
 * delegates. They are seeded as already delivered, without messages, so the message center starts empty.
 */
export async function seedCare(ports: ServerPorts): Promise<void> {
  const now = ports.clock.now()
  const at = now.toISOString()
  const today = shanghaiDate(now)
  const notices: {
    id: string
    author: [string, string]
    category: NoticeDoc['category']
    title: string
    body: string
    audience: Audience
    label: string
    pinned: boolean
    options: string[]
    confirmBy?: string
  }[] = [
    {
      id: 'n-demo-tijian',
      author: ['m01', '王建国'],
      category: 'general',
      title: '关于2026年度教职工体检的通知',
      body: '各位老师：\n今年的教职工体检安排在市第一人民医院体检中心，体检当天请空腹，携带身份证。\n请在截止日期前回复是否参加，以便工会统一预约。',
      audience: { kind: 'all', groupIds: [], memberIds: [] },
      label: '全体会员',
      pinned: true,
      options: ['参加', '不参加'],
      confirmBy: addDays(today, 10),
    },
    {
      id: 'n-demo-tian',
      author: ['m03', '张丽华'],
      category: 'congress',
      title: '五届五次教代会提案征集',
      body: '各位代表：\n五届五次教代会将于下月召开，提案征集已经开始，欢迎围绕学校发展、教师权益提出提案。\n请在首页“教代会提案”中撰写，并邀请两位代表附议后提交。',
      audience: { kind: 'delegates', groupIds: [], memberIds: [] },
      label: '教代会代表',
      pinned: false,
      options: [],
    },
  ]
  for (const n of notices) {
    const doc: NoticeDoc = {
      _id: n.id,
      unionId: DEMO_UNION_ID,
      category: n.category,
      title: n.title,
      body: n.body,
      audience: n.audience,
      audienceLabel: n.label,
      audienceKeys: audienceKeys(n.audience, n.author[0]),
      pinned: n.pinned,
      confirmOptions: n.options,
      status: 'published',
      authorId: n.author[0],
      authorName: n.author[1],
      recipientCount: await countRecipients(ports.store, DEMO_UNION_ID, n.audience),
      readCount: 0,
      delivered: true,
      publishedAt: at,
      updatedAt: at,
      history: [{ action: '发布', at, by: n.author[0] }],
    }
    if (n.confirmBy) doc.confirmBy = n.confirmBy
    await ports.store.insert(NC.notices, doc)
  }
}
