import type { MemberDoc } from '../members/model'
import { groupsOfUnion } from '../members/lookup'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import { MC } from '../messages/collections'
import { shanghaiDate } from '../shared/shanghai-time'
import { NC } from './collections'
import type { NoticeDoc, NoticeReadDoc } from './model'
import { canManageNotice } from './present'
import { noticeLink, noticeValues } from './publish'
import { allRecipients } from './recipients'
import { API_SEND_BUDGET_MS, sendInBatches } from './sending'
import { timeBox } from '../shared/time-box'
import type { NoticeReceipts, NudgeResult, ReceiptPerson } from './views'

/** A notice the caller may manage; others' notices read as "not yours", another union's as not found. */
export async function loadManagedNotice(ctx: Ctx, noticeId: string): Promise<NoticeDoc> {
  const actor = me(ctx)
  const notice = await ctx.store.findOne<NoticeDoc>(NC.notices, { _id: noticeId, unionId: actor.unionId })
  if (!notice) throw new AppError('NOT_FOUND', '找不到这条通知')
  if (!canManageNotice(actor, notice))
    throw new AppError('FORBIDDEN', '只有发布人或工会主席可以查看和管理这条通知的回执')
  return notice
}

export const nudgeKey = (noticeId: string, memberId: string, date: string) =>
  `notice-nudge:${noticeId}:${memberId}:${date}`

/**
 * Who has read, who has not, who replied what: the recipients now against the receipts. The page shows the
 * whole audience at once (the two lists, the tally, the nudge button's count), so this reads the whole
 * audience, bounded by the union's roster (30–300 people) and in pages of 100 by _id, never one request
 * beyond CloudBase's limit. The receipts and 小组 (both named by the notice's id and the caller's union) are
 * read alongside the notice; nothing is returned before the caller is known to manage it.
 */
export async function noticeReceipts(ctx: Ctx, input: { noticeId: string }): Promise<NoticeReceipts> {
  const { unionId } = me(ctx)
  const early = Promise.all([
    findAll<NoticeReadDoc>(ctx.store, NC.reads, { unionId, noticeId: input.noticeId }),
    groupsOfUnion(ctx.store, unionId),
  ])
  // Settled either way, so a refusal below leaves no rejection unhandled.
  early.catch(() => undefined)
  const notice = await loadManagedNotice(ctx, input.noticeId)
  const [recipients, [reads, groups]] = await Promise.all([
    allRecipients(ctx.store, notice.unionId, notice.audience),
    early,
  ])
  const groupName = new Map(groups.map((g) => [g._id, g.name]))
  const readOf = new Map(reads.map((r) => [r.memberId, r]))
  const people = recipients
    .filter((m) => m._id !== notice.authorId)
    .sort(
      (a, b) =>
        (groupName.get(a.groupId) ?? '').localeCompare(groupName.get(b.groupId) ?? '', 'zh') ||
        a.name.localeCompare(b.name, 'zh'),
    )
    .map((m) => toPerson(m, groupName, readOf.get(m._id)))
  const read = people.filter((p) => p.readAt)
  const unread = people.filter((p) => !p.readAt)
  // Someone who never bound WeChat cannot open the mini-program nor get a message: a nudge cannot reach them.
  const reachable = unread.filter((p) => p.bound)
  const today = shanghaiDate(ctx.clock.now())
  const nudgedToday = reachable.length
    ? await ctx.store.count(MC.messages, {
        unionId: notice.unionId,
        kind: 'notice-nudge',
        _id: { $in: reachable.slice(0, 1000).map((p) => nudgeKey(notice._id, p.memberId, today)) },
      })
    : 0
  return {
    noticeId: notice._id,
    title: notice.title,
    audienceLabel: notice.audienceLabel,
    total: people.length,
    read,
    unread,
    confirmOptions: notice.confirmOptions,
    tally: notice.confirmOptions.map((option) => {
      const chose = people.filter((p) => p.response === option)
      return { option, count: chose.length, names: chose.map((p) => p.name) }
    }),
    noResponse: notice.confirmOptions.length ? read.filter((p) => !p.response) : [],
    nudgedToday,
    toNudge: Math.max(0, reachable.length - nudgedToday),
    unreachable: unread.length - reachable.length,
  }
}

function toPerson(m: MemberDoc, groupName: Map<string, string>, read: NoticeReadDoc | undefined): ReceiptPerson {
  const p: ReceiptPerson = {
    memberId: m._id,
    name: m.name,
    groupName: groupName.get(m.groupId) ?? '',
    bound: Boolean(m.openid),
  }
  if (read) p.readAt = read.readAt
  if (read?.response) p.response = read.response
  return p
}

/**
 * One tap reminds everyone who has not read it and can be reached (bound to WeChat); the key carries the
 * Shanghai date, so once a day at most. Ten at a time within API_SEND_BUDGET_MS: if time runs out, the page
 * still offers the button for the rest.
 */
export async function nudgeUnread(ctx: Ctx, input: { noticeId: string }): Promise<NudgeResult> {
  const box = timeBox(API_SEND_BUDGET_MS)
  const notice = await loadManagedNotice(ctx, input.noticeId)
  if (notice.status !== 'published') throw new AppError('CONFLICT', '通知已撤回，无需提醒')
  const receipts = await noticeReceipts(ctx, input)
  const today = shanghaiDate(ctx.clock.now())
  const sentAt = nowIso(ctx)
  const body = `${me(ctx).name}提醒您阅读这条通知${notice.confirmOptions.length ? '并回复' : ''}`
  const report = await sendInBatches(
    ctx.notifier,
    receipts.unread
      .filter((p) => p.bound)
      .map((p) => ({
        key: nudgeKey(notice._id, p.memberId, today),
        unionId: notice.unionId,
        memberId: p.memberId,
        kind: 'notice-nudge',
        title: `请阅读：${notice.title}`,
        body,
        link: noticeLink(notice._id),
        template: 'notice',
        templateData: noticeValues(notice, '请及时阅读', sentAt),
      })),
    box,
  )
  return {
    sent: report.sent,
    alreadyToday: report.skipped,
    unread: receipts.unread.length,
    unreachable: receipts.unreachable,
  }
}
