import type { GroupDoc, MemberDoc } from '../members/model'
import { groupsOfUnion } from '../members/lookup'
import { C } from '../shared/collections'
import type { Ctx, JobCtx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { OutgoingMessage } from '../shared/ports'
import type { TemplateValues } from '../messages/templates'
import { shanghaiDate } from '../reminders/shanghai-time'
import { audienceKeys, describeAudience } from './audience'
import { NC } from './collections'
import type { Audience, AudienceKind, NoticeCategory, NoticeDoc } from './model'
import { noticeDetail } from './detail'
import { resolveNoticeFiles } from './files'
import { countRecipients, forEachRecipientPage } from './recipients'
import type { NoticeDetail } from './views'

export interface PublishInput {
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

export const noticeLink = (noticeId: string) => `/subpackages/notices/detail/index?id=${noticeId}`

/**
 * Publishes a notice: rules, content check, then the document, then one message per recipient (paged by
 * _id). If the sending is cut short, `delivered` stays false and the reminders job finishes it; message
 * keys make the second attempt send only what is missing.
 */
export async function publishNotice(ctx: Ctx, input: PublishInput): Promise<NoticeDetail> {
  const author = me(ctx)
  if (input.category === 'general' && !author.roles.some((r) => r === 'chair' || r === 'admin')) {
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
  const audience = await checkAudience(ctx, author, input)
  const { images, attachments } = await resolveNoticeFiles(ctx, author.unionId, input.imageIds, input.attachmentIds)
  const groups = await groupsOfUnion(ctx.store, author.unionId)
  const refusal = await ctx.contentCheck.check(
    [input.title, input.body, ...input.confirmOptions].join('\n'),
    ctx.openid ?? '',
  )
  if (refusal) throw new AppError('CONTENT_REJECTED', refusal)

  const at = nowIso(ctx)
  const recipientCount = await countRecipients(ctx.store, author.unionId, audience)
  if (recipientCount === 0)
    throw new AppError('BAD_INPUT', '所选范围内没有会员，请换一个发送范围', { audience: '没有会员' })
  const notice: NoticeDoc = {
    _id: ctx.ids.newId(),
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
    readCount: 0,
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
  await ctx.store.insert(NC.notices, notice)
  await deliverNotice(ctx, notice)
  return noticeDetail(ctx, { ...notice, delivered: true }, author, null)
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

/** Sends the notice to every recipient not yet sent (keys decide), then marks it delivered. */
export async function deliverNotice(ctx: JobCtx, notice: NoticeDoc): Promise<number> {
  let sent = 0
  await forEachRecipientPage(ctx.store, notice.unionId, notice.audience, async (page) => {
    for (const m of page) {
      if (m._id === notice.authorId) continue
      if (await ctx.notifier.send(noticeMessage(notice, m))) sent++
    }
  })
  await ctx.store.updateOne(NC.notices, { _id: notice._id, delivered: false }, { $set: { delivered: true } })
  return sent
}

/** The notice template's values for a message about this notice, sent at `sentAt` (ISO). */
export function noticeValues(notice: NoticeDoc, note: string, sentAt: string): TemplateValues<'notice'> {
  return { title: notice.title, author: notice.authorName, note, publishedAt: notice.publishedAt, sentAt }
}

export function noticeMessage(notice: NoticeDoc, m: Pick<MemberDoc, '_id'>): OutgoingMessage {
  return {
    key: `notice:${notice._id}:${m._id}:publish`,
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
