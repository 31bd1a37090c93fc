import type { GroupDoc, MemberDoc } from '../members/model'
import { groupsOfUnion } from '../members/lookup'
import { C } from '../shared/collections'
import type { Ctx, JobCtx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { DuplicateKeyError, type OutgoingMessage } from '../shared/ports'
import type { TemplateValues } from '../messages/templates'
import { shanghaiDate } from '../shared/shanghai-time'
import { audienceKeys, describeAudience } from './audience'
import { NC } from './collections'
import { publishMessageKey, type Audience, type AudienceKind, type NoticeCategory, type NoticeDoc } from './model'
import { noticeDetail } from './detail'
import { publishesGeneralNotices } from './powers'
import { resolveNoticeFiles } from './files'
import { countRecipients, forEachRecipientPage } from './recipients'
import { NO_TIME_LIMIT, timeBox, type TimeBox } from '../shared/time-box'
import { API_SEND_BUDGET_MS, sendInBatches } from './sending'
import type { NoticeDetail } from './views'
import { pageLink, ROUTES } from '../shared/routes'

export interface PublishInput {
  /** The page's key for this notice (contract.ts): every try of one publish carries the same. */
  requestKey: string
  category: NoticeCategory
  title: string
  body: string
  audience: AudienceKind
  groupIds: string[]
  memberIds: string[]
  pinned: boolean
  confirmOptions: string[]
  confirmBy?: string
  imageIds: string[]
  attachmentIds: string[]
}

export const noticeLink = (noticeId: string) => pageLink(ROUTES.notice, { id: noticeId })

/**
 * The notice's id, from its author and the page's request key: every try of one publish names the same
 * document, so the database lets only one exist. A member's _id is the roster's primary key, so it already
 * names the union; both parts are letters and digits (the key has no '_'), which keeps them apart and
 * within a document id's 64 characters.
 */
export const publishedNoticeId = (authorId: string, requestKey: string) => `${authorId}_${requestKey}`

/**
 * Publishes a notice: rules, content check, then the document, then one message per recipient, ten at a
 * time, for at most API_SEND_BUDGET_MS. A try of a publish that already went through (its reply was lost)
 * returns that notice and goes on sending; whatever is left when time runs out, or when the call dies,
 * keeps `delivered` false and the reminders job finishes it. Message keys make every further attempt send
 * only what is missing.
 */
export async function publishNotice(ctx: Ctx, input: PublishInput): Promise<NoticeDetail> {
  const box = timeBox(API_SEND_BUDGET_MS)
  const author = me(ctx)
  if (input.category === 'general' && !publishesGeneralNotices(author)) {
    throw new AppError('FORBIDDEN', '提案委员会委员只能发布教代会通知，一般通知请由工会主席发布', {
      category: '请选择教代会',
    })
  }
  const today = shanghaiDate(ctx.clock.now())
  if (input.confirmBy !== undefined) {
    if (input.confirmOptions.length === 0)
      throw new AppError('BAD_INPUT', '设置了回执截止日期，请同时填写回执选项', { confirmOptions: '请填写回执选项' })
    if (input.confirmBy < today)
      throw new AppError('BAD_INPUT', '回执截止日期不能早于今天', { confirmBy: '截止日期已过' })
  }
  const _id = publishedNoticeId(author._id, input.requestKey)
  // Looked up before the rules run again: a retry must not be refused over something that changed since.
  const earlier = await ctx.store.findOne<NoticeDoc>(NC.notices, { _id })
  if (earlier) return resumePublish(ctx, earlier, author, box)

  const [audience, { images, attachments }, groups] = await Promise.all([
    checkAudience(ctx, author, input),
    resolveNoticeFiles(ctx, author.unionId, input.imageIds, input.attachmentIds),
    groupsOfUnion(ctx.store, author.unionId),
  ])
  const [refusal, recipientCount] = await Promise.all([
    ctx.contentCheck.check([input.title, input.body, ...input.confirmOptions].join('\n'), ctx.openid ?? ''),
    countRecipients(ctx.store, author.unionId, audience),
  ])
  if (refusal) throw new AppError('CONTENT_REJECTED', refusal)
  if (recipientCount === 0)
    throw new AppError('BAD_INPUT', '所选范围内没有会员，请换一个发送范围', { audience: '没有会员' })

  const at = nowIso(ctx)
  const notice: NoticeDoc = {
    _id,
    unionId: author.unionId,
    category: input.category,
    title: input.title,
    body: input.body,
    audience,
    audienceLabel: describeAudience(audience, new Map(groups.map((g: GroupDoc) => [g._id, g.name]))),
    audienceKeys: audienceKeys(audience, author._id),
    pinned: input.pinned,
    confirmOptions: input.confirmOptions,
    status: 'published',
    authorId: author._id,
    authorName: author.name,
    recipientCount,
    delivered: false,
    publishedAt: at,
    updatedAt: at,
    history: [{ action: '发布', at, by: author._id }],
  }
  if (images.length || attachments.length) {
    notice.images = images
    notice.attachments = attachments
    notice.fileIds = [...images, ...attachments].map((f) => f.id)
  }
  if (input.confirmBy !== undefined) notice.confirmBy = input.confirmBy
  try {
    await ctx.store.insert(NC.notices, notice)
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
    // Two tries at once (a tap while the first was still running): go on from the one that won.
    const winner = await ctx.store.findOne<NoticeDoc>(NC.notices, { _id })
    if (!winner) throw e
    return resumePublish(ctx, winner, author, box)
  }
  const { delivered } = await deliverNotice(ctx, notice, box)
  return noticeDetail(ctx, { ...notice, delivered }, author, null)
}

/** A publish tried again: the notice it made, after sending what is still missing (in the time left). */
async function resumePublish(ctx: Ctx, notice: NoticeDoc, author: MemberDoc, box: TimeBox): Promise<NoticeDetail> {
  // The id names its author, so this is a guard, not a rule: nobody may take over another's notice.
  if (notice.authorId !== author._id || notice.unionId !== author.unionId)
    throw new AppError('CONFLICT', '这条通知无法发布，请返回后重新填写')
  const delivered =
    notice.delivered || notice.status !== 'published'
      ? notice.delivered
      : (await deliverNotice(ctx, notice, box)).delivered
  return noticeDetail(ctx, { ...notice, delivered }, author, null)
}

async function checkAudience(ctx: Ctx, author: MemberDoc, input: PublishInput): Promise<Audience> {
  const groupIds = Array.from(new Set(input.groupIds))
  const memberIds = Array.from(new Set(input.memberIds))
  if (input.audience === 'groups') {
    if (groupIds.length === 0) throw new AppError('BAD_INPUT', '请选择要发给哪些工会小组', { groupIds: '请选择小组' })
    const found = await ctx.store.find(C.groups, { unionId: author.unionId, _id: { $in: groupIds } }, { limit: 100 })
    if (found.length !== groupIds.length)
      throw new AppError('BAD_INPUT', '所选工会小组不存在', { groupIds: '小组不存在' })
    return { kind: 'groups', groupIds, memberIds: [] }
  }
  if (input.audience === 'members') {
    if (memberIds.length === 0) throw new AppError('BAD_INPUT', '请选择要发给哪些会员', { memberIds: '请选择会员' })
    // Someone who has since left is dropped quietly (like every audience); an id not on the roster is refused.
    const found = await ctx.store.count(C.members, { unionId: author.unionId, _id: { $in: memberIds } })
    if (found !== memberIds.length)
      throw new AppError('BAD_INPUT', '所选会员中有人不在本工会名册中，请重新选择', { memberIds: '会员不存在' })
    return { kind: 'members', groupIds: [], memberIds }
  }
  return { kind: input.audience, groupIds: [], memberIds: [] }
}

/**
 * Sends the notice to every recipient not yet sent (keys decide), ten at a time, until the time box is over;
 * marks it delivered once everyone was tried. Resolves what this call sent and whether it is delivered.
 */
export async function deliverNotice(
  ctx: JobCtx,
  notice: NoticeDoc,
  box: TimeBox = NO_TIME_LIMIT,
): Promise<{ sent: number; delivered: boolean }> {
  let sent = 0
  let finished = true
  await forEachRecipientPage(ctx.store, notice.unionId, notice.audience, async (page) => {
    const messages = page.filter((m) => m._id !== notice.authorId).map((m) => noticeMessage(notice, m))
    const report = await sendInBatches(ctx.notifier, messages, box)
    sent += report.sent
    finished = report.finished
    return finished
  })
  if (!finished) return { sent, delivered: false }
  await ctx.store.updateOne(NC.notices, { _id: notice._id, delivered: false }, { $set: { delivered: true } })
  return { sent, delivered: true }
}

/** The notice template's values for a message about this notice, sent at `sentAt` (ISO). */
export function noticeValues(notice: NoticeDoc, note: string, sentAt: string): TemplateValues<'notice'> {
  return { title: notice.title, author: notice.authorName, note, publishedAt: notice.publishedAt, sentAt }
}

export function noticeMessage(notice: NoticeDoc, m: Pick<MemberDoc, '_id'>): OutgoingMessage {
  return {
    key: publishMessageKey(notice._id, m._id),
    unionId: notice.unionId,
    memberId: m._id,
    kind: 'notice',
    title: notice.title,
    body: `${notice.authorName}发布了新通知${notice.confirmOptions.length ? '，请阅读后回复' : '，请及时阅读'}`,
    link: noticeLink(notice._id),
    template: 'notice',
    templateData: noticeValues(
      notice,
      notice.confirmOptions.length ? '请阅读后回复' : '请及时阅读',
      notice.publishedAt,
    ),
  }
}
