import type { Ctx, JobCtx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { followUpCutoff, type FollowUp } from '../shared/follow-up'
import type { OutgoingMessage } from '../shared/ports'
import { findAll } from '../shared/paging'
import { NC } from './collections'
import type { NoticeDoc, NoticeReadDoc } from './model'
import { noticeDetail } from './detail'
import { noticeLink, noticeValues } from './publish'
import { loadManagedNotice } from './receipts'
import { NO_TIME_LIMIT, timeBox, type TimeBox } from '../shared/time-box'
import { API_SEND_BUDGET_MS, sendInBatches } from './sending'
import type { NoticeDetail } from './views'

export interface CorrectInput {
  noticeId: string
  title: string
  body: string
  /** Tell everyone who already read it that the text changed (e.g. a meeting moved to another room). */
  notifyReaders: boolean
}

/**
 * Corrects the title or text of a published notice. The words before are kept in `revisions`, never
 * overwritten; receipts and replies stay as they are. Who may manage the notice may correct it.
 *
 * Telling the readers is many writes after the first, so the correction's own update marks the notice with
 * `followUpAt` (src/core/shared/follow-up.ts) and the last send removes it. Sending stops at
 * API_SEND_BUDGET_MS; what is left (or cut short by a kill) is finished by a second tap on 保存 or by the
 * follow-ups job (`noticeCorrectionFollowUp`). Keys carry the revision number, so nobody is told twice.
 */
export async function correctNotice(ctx: Ctx, input: CorrectInput): Promise<NoticeDetail & { notified: number }> {
  const box = timeBox(API_SEND_BUDGET_MS)
  const actor = me(ctx)
  const notice = await loadManagedNotice(ctx, input.noticeId)
  if (notice.status !== 'published') throw new AppError('CONFLICT', '这条通知已经撤回，不能再更正')
  if (notice.title === input.title && notice.body === input.body) {
    if (!justCorrectedBy(notice, actor._id, ctx.clock.now()))
      throw new AppError('BAD_INPUT', '标题和正文都没有改动', { body: '没有改动' })
    // The same correction sent again after its reply was lost (a timeout): it was saved, so this is its
    // reply; readers not yet told are told now.
    const notified = notice.followUpAt !== undefined ? await tellReaders(ctx, notice, box) : 0
    return { ...(await noticeDetail(ctx, notice, actor, null)), notified }
  }
  const refusal = await ctx.contentCheck.check(`${input.title}\n${input.body}`, ctx.openid ?? '')
  if (refusal) throw new AppError('CONTENT_REJECTED', refusal)

  const at = nowIso(ctx)
  const before = { title: notice.title, body: notice.body, at, by: actor._id }
  const mark = input.notifyReaders ? { followUpAt: at } : {}
  // Matching the text we read means two people correcting at once cannot silently drop one correction.
  const changed = await ctx.store.updateOne(
    NC.notices,
    { _id: notice._id, unionId: actor.unionId, status: 'published', title: notice.title, body: notice.body },
    {
      $set: { title: input.title, body: input.body, correctedAt: at, updatedAt: at, ...mark },
      $push: { revisions: [before], history: [{ action: '更正', at, by: actor._id }] },
    },
  )
  if (!changed) throw new AppError('CONFLICT', '这条通知刚被别人更正或撤回了，请刷新后再改')
  const corrected: NoticeDoc = {
    ...notice,
    title: input.title,
    body: input.body,
    correctedAt: at,
    revisions: [...(notice.revisions ?? []), before],
    ...mark,
  }
  const notified = input.notifyReaders ? await tellReaders(ctx, corrected, box) : 0
  return { ...(await noticeDetail(ctx, corrected, actor, null)), notified }
}

/** Whether the notice's latest change is this actor's correction, saved moments ago (a retry's window). */
function justCorrectedBy(notice: NoticeDoc, actorId: string, now: Date): boolean {
  const last = notice.history[notice.history.length - 1]
  return last?.action === '更正' && last.by === actorId && last.at >= followUpCutoff(now)
}

/**
 * One message to each member who had read the notice about its latest correction (the revision number
 * keeps each correction's keys apart), then the mark is removed — only the mark this correction set, so a
 * later correction's own sending keeps its mark. Resolves how many were newly told.
 */
async function tellReaders(ctx: JobCtx, notice: NoticeDoc, box: TimeBox): Promise<number> {
  const revision = notice.revisions?.length ?? 0
  const reads = await findAll<NoticeReadDoc>(ctx.store, NC.reads, { unionId: notice.unionId, noticeId: notice._id })
  const sentAt = nowIso(ctx)
  const messages = reads
    .filter((read) => read.memberId !== notice.authorId)
    .map((read): OutgoingMessage => ({
      key: `notice:${notice._id}:${read.memberId}:correct:${revision}`,
      unionId: notice.unionId,
      memberId: read.memberId,
      kind: 'notice',
      title: `【已更正】${notice.title}`,
      body: `您读过的通知「${notice.title}」内容有更正，请再看一遍`,
      link: noticeLink(notice._id),
      // Like every notice message, also a WeChat push where the reader allowed one; in-app only otherwise.
      template: 'notice',
      templateData: noticeValues(notice, '通知内容有更正', sentAt),
    }))
  const report = await sendInBatches(ctx.notifier, messages, box)
  if (report.finished && notice.followUpAt !== undefined)
    await ctx.store.updateOne(
      NC.notices,
      { _id: notice._id, followUpAt: notice.followUpAt },
      { $unset: { followUpAt: true } },
    )
  return report.sent
}

/**
 * Finishes telling readers about a correction whose call was cut short; the lead registers it in
 * src/server/follow-ups.ts. A notice withdrawn meanwhile is told nothing more.
 */
export const noticeCorrectionFollowUp: FollowUp = {
  name: '通知更正',
  collection: NC.notices,
  async finish(ctx, doc) {
    const notice = doc as NoticeDoc
    if (notice.status !== 'published') {
      await ctx.store.updateOne(NC.notices, { _id: notice._id }, { $unset: { followUpAt: true } })
      return
    }
    await tellReaders(ctx, notice, NO_TIME_LIMIT)
  },
}
