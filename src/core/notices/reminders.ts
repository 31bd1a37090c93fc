import type { JobCtx } from '../shared/context'
import type { OutgoingMessage } from '../shared/ports'
import type { ReminderSource } from '../shared/reminders'
import { addDays, monthDayLabel, shanghaiDate, shanghaiHour } from '../shared/shanghai-time'
import { NC } from './collections'
import type { NoticeDoc, NoticeReadDoc } from './model'
import { deliverNotice, noticeLink, noticeValues } from './publish'
import { allRecipients } from './recipients'
import { findAll } from '../shared/paging'
import { followUpCutoff } from '../shared/follow-up'
import { untilDeadline } from '../shared/time-box'

const PAGE = 100

/** Reply reminders go out in daytime only (09:00–21:00 Shanghai): a job runs every ten minutes, day and night. */
export function isDaytimeInShanghai(now: Date): boolean {
  const hour = shanghaiHour(now)
  return hour >= 9 && hour < 21
}

/** A reply deadline is reminded on the day before it and on the day itself, once per member. */
export function confirmDeadlinesDue(now: Date): string[] {
  if (!isDaytimeInShanghai(now)) return []
  const today = shanghaiDate(now)
  return [today, addDays(today, 1)]
}

export const confirmReminderKey = (noticeId: string, memberId: string) => `notice-confirm:${noticeId}:${memberId}:due`

/** Members who were asked to reply (参加 / 不参加) and have not, shortly before the deadline. */
export const noticeConfirmSource: ReminderSource = {
  name: '通知回执截止',
  async collect(ctx, now) {
    const deadlines = confirmDeadlinesDue(now)
    if (deadlines.length === 0) return []
    const out: OutgoingMessage[] = []
    let after: string | null = null
    for (;;) {
      const filter = { confirmBy: { $in: deadlines }, status: 'published' }
      const notices: NoticeDoc[] = await ctx.store.find<NoticeDoc>(
        NC.notices,
        after === null ? filter : { ...filter, _id: { $gt: after } },
        {
          sort: { _id: 1 },
          limit: PAGE,
        },
      )
      for (const notice of notices) out.push(...(await pendingReplies(ctx, notice, now)))
      if (notices.length < PAGE) return out
      after = notices[notices.length - 1]._id
    }
  },
}

async function pendingReplies(ctx: JobCtx, notice: NoticeDoc, now: Date): Promise<OutgoingMessage[]> {
  const [recipients, reads] = await Promise.all([
    allRecipients(ctx.store, notice.unionId, notice.audience),
    findAll<NoticeReadDoc>(ctx.store, NC.reads, { unionId: notice.unionId, noticeId: notice._id }),
  ])
  const replied = new Set(reads.filter((r) => r.response).map((r) => r.memberId))
  return recipients
    .filter((m) => m._id !== notice.authorId && !replied.has(m._id))
    .map((m) => ({
      key: confirmReminderKey(notice._id, m._id),
      unionId: notice.unionId,
      memberId: m._id,
      kind: 'notice-confirm',
      title: `请回复：${notice.title}`,
      body: `这条通知需要您在${monthDayLabel(notice.confirmBy as string)}前回复（${notice.confirmOptions.join(' / ')}）`,
      link: noticeLink(notice._id),
      template: 'notice',
      templateData: noticeValues(notice, `请于${monthDayLabel(notice.confirmBy as string)}前回复`, now.toISOString()),
    }))
}

/** Notices of this capability's reminders for the `reminders` job. */
export const noticesReminders: ReminderSource[] = [noticeConfirmSource]

/**
 * Finishes notices whose sending was cut short (the publishing call ran out of its time box, crashed or
 * timed out): anything still undelivered once no publishing call can still be running is sent again, oldest
 * first; keys skip who already has it. With a `deadline` (epoch ms) it stops in time and the next run goes on.
 */
export async function finishUndeliveredNotices(
  ctx: JobCtx,
  deadline?: number,
): Promise<{ notices: number; sent: number }> {
  const box = untilDeadline(deadline)
  const before = followUpCutoff(ctx.clock.now())
  const stuck = await ctx.store.find<NoticeDoc>(
    NC.notices,
    { delivered: false, status: 'published', publishedAt: { $lt: before } },
    { sort: { publishedAt: 1 }, limit: 20 },
  )
  let notices = 0
  let sent = 0
  for (const notice of stuck) {
    if (box.over()) break
    sent += (await deliverNotice(ctx, notice, box)).sent
    notices++
  }
  return { notices, sent }
}
