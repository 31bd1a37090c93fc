import type { MemberDoc } from '../members/model'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { FileKind, FileType, UploadedFileView } from '../shared/files'
import { uploadCheckedFile } from '../shared/upload-file'
import type { Filter } from '../shared/ports'
import { hiddenUploadMessage, refuseRiskyUpload, uploadVisibleTo, type UploadRecord } from '../shared/uploads'
import { PC } from './collections'
import { MAX_PROPOSAL_FILES, type ProposalFileLink, type ProposalFiles, type ProposalFileView } from './file-views'
import { loadVisibleProposal } from './lookup'
import type { ProposalDoc } from './model'
import { withoutWithheldReply } from './sign-off-steps'
import { refusalFor } from './rules'

/** An uploaded attachment (`proposalFiles`): the upload record every capability keeps, plus its type. */
export interface ProposalFileDoc extends UploadRecord {
  type: FileType
  kind: FileKind
  [key: string]: unknown
}

/**
 * A delegate (for a draft) or a department head (for a reply) uploads one file first; attaching then names it
 * by id. The notices' rules and content check apply (src/core/shared/files.ts): a refused picture records
 * nothing, so it can never be attached.
 */
export function uploadProposalFile(
  ctx: Ctx,
  input: { name: string; contentBase64: string },
): Promise<UploadedFileView> {
  return uploadCheckedFile(ctx, PC.files, input)
}

const GONE = '附件不存在或已失效，请重新上传'

/** The caller's own uploads of this union, in the order given; a stranger's or a refused picture is refused. */
async function ownUploads(ctx: Ctx, caller: MemberDoc, ids: string[], field: string): Promise<ProposalFileDoc[]> {
  if (ids.length === 0) return []
  const found = await ctx.store.find<ProposalFileDoc>(
    PC.files,
    { unionId: caller.unionId, _id: { $in: ids } },
    { limit: ids.length },
  )
  const byId = new Map(found.map((f) => [f._id, f]))
  return ids.map((id) => {
    const f = byId.get(id)
    if (!f || f.uploaderId !== caller._id) throw new AppError('BAD_INPUT', GONE, { [field]: GONE })
    refuseRiskyUpload(f, field, `图片「${f.name}」`)
    return f
  })
}

/**
 * The list as it was read, as filter conditions: the update below matches only if nobody changed it in
 * between (no `$ne` on arrays: the local store would match any element), so the limit and order hold under
 * two taps at once.
 */
function listUnchanged(list: string[]): Filter {
  const filter: Filter = { [`attachmentIds.${list.length}`]: { $exists: false } }
  list.forEach((id, i) => (filter[`attachmentIds.${i}`] = id))
  return filter
}

async function ownDraft(ctx: Ctx, proposalId: string): Promise<{ p: ProposalDoc; caller: MemberDoc }> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, proposalId)
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人可以添加或移除附件')
  if (p.status !== 'draft') throw new AppError('CONFLICT', refusalFor('edit', p.status))
  return { p, caller }
}

/**
 * Attaches one of the caller's uploads to their draft, at most MAX_PROPOSAL_FILES. One conditional update:
 * the upload record exists before the id is written (records are never removed), and an upload never attached
 * counts against nothing, so a crash at any point leaves no dangling id and no phantom file.
 */
export async function attachProposalFile(
  ctx: Ctx,
  input: { proposalId: string; fileId: string },
): Promise<ProposalFiles> {
  // Both reads at once; the proposal's refusal comes first, so a stranger learns nothing about the file.
  const [draft, upload] = await Promise.allSettled([
    ownDraft(ctx, input.proposalId),
    ownUploads(ctx, me(ctx), [input.fileId], 'fileId'),
  ])
  if (draft.status === 'rejected') throw draft.reason
  if (upload.status === 'rejected') throw upload.reason
  const { p, caller } = draft.value
  const list = p.attachmentIds ?? []
  if (list.includes(input.fileId)) return filesView(ctx, p, caller)
  if (list.length >= MAX_PROPOSAL_FILES)
    throw new AppError('BAD_INPUT', `附件最多${MAX_PROPOSAL_FILES}个，请先移除一个`, {
      fileId: `最多${MAX_PROPOSAL_FILES}个`,
    })
  const next = [...list, input.fileId]
  const matched = await ctx.store.updateOne(
    PC.proposals,
    { _id: p._id, unionId: p.unionId, proposerId: caller._id, status: 'draft', ...listUnchanged(list) },
    { $set: { attachmentIds: next, updatedAt: nowIso(ctx) }, $push: { fileIds: [input.fileId] } },
  )
  if (!matched) throw new AppError('CONFLICT', '提案刚刚有变化，请刷新后再添加附件')
  return filesView(ctx, { ...p, attachmentIds: next, fileIds: [...(p.fileIds ?? []), input.fileId] }, caller)
}

/** Takes a file off the caller's draft (the upload stays, unattached, and counts against nothing). */
export async function detachProposalFile(
  ctx: Ctx,
  input: { proposalId: string; fileId: string },
): Promise<ProposalFiles> {
  const { p, caller } = await ownDraft(ctx, input.proposalId)
  const list = p.attachmentIds ?? []
  if (!list.includes(input.fileId)) return filesView(ctx, p, caller)
  const next = list.filter((id) => id !== input.fileId)
  const matched = await ctx.store.updateOne(
    PC.proposals,
    { _id: p._id, unionId: p.unionId, proposerId: caller._id, status: 'draft', ...listUnchanged(list) },
    { $set: { attachmentIds: next, updatedAt: nowIso(ctx) }, $pull: { fileIds: input.fileId } },
  )
  if (!matched) throw new AppError('CONFLICT', '提案刚刚有变化，请刷新后再移除附件')
  const fileIds = (p.fileIds ?? []).filter((id) => id !== input.fileId)
  return filesView(ctx, { ...p, attachmentIds: next, fileIds }, caller)
}

/**
 * The files a department head attaches to a reply: their own uploads, at most MAX_PROPOSAL_FILES, none refused
 * by the content check. Written with the reply in its one update (reply.ts), so nothing dangles.
 */
export async function replyAttachmentIds(ctx: Ctx, ids: string[] | undefined): Promise<string[]> {
  const unique = Array.from(new Set(ids ?? []))
  if (unique.length > MAX_PROPOSAL_FILES)
    throw new AppError('BAD_INPUT', `附件最多${MAX_PROPOSAL_FILES}个`, { attachments: `最多${MAX_PROPOSAL_FILES}个` })
  return (await ownUploads(ctx, me(ctx), unique, 'attachments')).map((f) => f._id)
}

/** The files of a proposal the caller may see (as the proposal itself: loadVisibleProposal). */
export async function proposalFiles(ctx: Ctx, input: { proposalId: string }): Promise<ProposalFiles> {
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  return filesView(ctx, p, me(ctx))
}

/** A fresh address for one file of a proposal the caller may see, as a notice's file opens. */
export async function proposalFileLink(
  ctx: Ctx,
  input: { proposalId: string; fileId: string },
): Promise<ProposalFileLink> {
  const view = await proposalFiles(ctx, input)
  const file = [...view.files, ...view.replies.flatMap((r) => r.files)].find((f) => f.id === input.fileId)
  if (!file) throw new AppError('NOT_FOUND', '这份提案里没有这个文件')
  if (!file.url) throw new AppError('NOT_FOUND', file.refused ?? '这张图片正在进行安全检查，通过后才能查看')
  return { url: file.url, name: file.name, type: file.type, kind: file.kind }
}

async function filesView(ctx: Ctx, p: ProposalDoc, viewer: MemberDoc): Promise<ProposalFiles> {
  // A merged proposal is answered through the main one: its page shows the main one's replies, files too.
  const main = p.mergedInto
    ? await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p.mergedInto, unionId: p.unionId })
    : null
  // A reply waiting for sign-off is not yet the proposer's to read: nor are its files (as the page's replies).
  const answered = withoutWithheldReply(main ?? p, viewer)
  const replies = answered.replies.map((r) => ({ r, ids: r.attachmentIds ?? [] })).filter(({ ids }) => ids.length > 0)
  const own = p.attachmentIds ?? []
  const ids = Array.from(new Set([...own, ...replies.flatMap(({ ids }) => ids)]))
  const docs =
    ids.length === 0
      ? []
      : await ctx.store.find<ProposalFileDoc>(
          PC.files,
          { unionId: p.unionId, _id: { $in: ids } },
          { limit: ids.length },
        )
  const shown = docs.filter((d) => uploadVisibleTo(d, viewer._id))
  // One call for every address: a list is one request to the Files port, not one per file.
  const urls = shown.length === 0 ? [] : await ctx.files.urls(shown.map((d) => d.storageKey))
  const urlOf = new Map(shown.map((d, i) => [d._id, urls[i]]))
  const docOf = new Map(docs.map((d) => [d._id, d]))
  const view = (id: string): ProposalFileView[] => {
    const d = docOf.get(id)
    if (!d) return []
    const base = { id, name: d.name, type: d.type, kind: d.kind, size: d.size }
    const url = urlOf.get(id)
    if (url) return [{ ...base, url, ...(d.check === 'pending' ? { checking: true as const } : {}) }]
    // A refused picture stays listed for its uploader alone, so they know to remove it.
    if (d.check === 'risky' && d.uploaderId === viewer._id) return [{ ...base, refused: hiddenUploadMessage(d) }]
    return []
  }
  return {
    proposalId: p._id,
    files: own.flatMap(view),
    replies: replies
      .map(({ r, ids }) => ({ at: r.at, department: r.department, files: ids.flatMap(view) }))
      .filter((r) => r.files.length > 0),
    canAttach: p.status === 'draft' && p.proposerId === viewer._id,
    max: MAX_PROPOSAL_FILES,
  }
}

/**
 * Whether the caller may read an attachment's bytes (the local cloud's GET /files/<id>): its uploader, or
 * whoever may see the proposal carrying it (and its reply, if waiting for sign-off). Anything else, including
 * another union's file, reads as not found.
 */
export async function loadReadableProposalFile(ctx: Ctx, fileId: string): Promise<ProposalFileDoc> {
  const viewer = me(ctx)
  const file = await ctx.store.findOne<ProposalFileDoc>(PC.files, { _id: fileId, unionId: viewer.unionId })
  if (!file) throw new AppError('NOT_FOUND', '找不到这个文件')
  if (!uploadVisibleTo(file, viewer._id)) throw new AppError('NOT_FOUND', hiddenUploadMessage(file))
  if (file.uploaderId === viewer._id) return file
  const [carrier] = await ctx.store.find<ProposalDoc>(
    PC.proposals,
    { unionId: viewer.unionId, fileIds: fileId },
    { limit: 1 },
  )
  if (!carrier) throw new AppError('NOT_FOUND', '找不到这个文件')
  await proposalFileLink(ctx, { proposalId: carrier._id, fileId })
  return file
}
