import type { JobCtx } from './context'
import { nowIso } from './context'
import type { Doc } from './ports'
import type { UploadRecord } from './uploads'

/** The checker's answer on one picture, delivered after the upload (WeChat's `wxa_media_check` push). */
export interface ImageVerdict {
  /** What `checkImage` answered as `pending`. */
  ticket: string
  passed: boolean
  /** Chinese, for the uploader, when refused. */
  reason: string
}

type Settling = Pick<JobCtx, 'store' | 'clock' | 'notifier'>

/**
 * Applies a verdict to the upload holding its ticket, in whichever of `collections` (each capability's uploads)
 * it is: a pass shows the picture to everyone, a refusal hides it from everyone and tells its uploader in the
 * message center. The first verdict stands; a repeated push changes nothing and the message is keyed by the
 * upload, so it is sent once. Resolves false when no upload holds the ticket.
 *
 * The ticket is the only credential: a cloud function can be called by any client, but a ticket never leaves
 * the server, so only WeChat (and our tests) can name one.
 */
export async function settleImageCheck(
  ctx: Settling,
  collections: readonly string[],
  verdict: ImageVerdict,
): Promise<boolean> {
  const found = await Promise.all(
    collections.map((c) => ctx.store.findOne<UploadRecord & Doc>(c, { checkTicket: verdict.ticket })),
  )
  const at = found.findIndex((r) => r !== null)
  const record = found[at]
  if (!record) return false
  const collection = collections[at]
  const state = verdict.passed ? ('passed' as const) : ('risky' as const)
  const settled = await ctx.store.updateOne(
    collection,
    { _id: record._id, unionId: record.unionId, check: 'pending' },
    {
      $set: { check: state, checkedAt: nowIso(ctx), ...(verdict.passed ? {} : { checkReason: verdict.reason }) },
    },
  )
  // Not pending any more: an earlier verdict stands, and its message may still be owed after a crash.
  const now = settled
    ? { ...record, check: state, checkReason: verdict.reason }
    : await ctx.store.findOne<UploadRecord & Doc>(collection, { _id: record._id, unionId: record.unionId })
  if (now?.check === 'risky') await tellUploader(ctx, now, now.checkReason ?? '')
  return true
}

async function tellUploader(ctx: Settling, record: UploadRecord, reason: string): Promise<void> {
  await ctx.notifier.send({
    key: `imageRefused_${record._id}`,
    unionId: record.unionId,
    memberId: record.uploaderId,
    kind: 'imageRefused',
    title: '图片未通过安全检查',
    body: `您上传的图片「${record.name}」未通过微信内容安全检查${reason ? `（${reason}）` : ''}，已经隐藏，其他人看不到。请换一张图片。`,
  })
}
