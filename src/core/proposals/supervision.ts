import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { FOLLOW_UP_FIELD } from '../shared/follow-up'
import type { Filter, Update } from '../shared/ports'
import { addDays, shanghaiDate } from '../shared/shanghai-time'
import { PC } from './collections'
import { finishPending, loadSettled } from './follow-up'
import { historyEntry, refuseIfNamed } from './lookup'
import type { ExtensionState, HistoryEntry, PendingAction, PendingStep, ProposalDoc } from './model'
import { toDetail } from './present'
import { STATUS_LABELS } from './rules'
import { URGE_PREFIX } from './supervision-finish'
import { EXTENSION_MAX_DAYS, extensionPending, SUPERVISION_NOTE_MIN, withDepartment } from './supervision-view'
import type { ProposalDetail } from './views'

/**
 * 督办: the committee or the chair 催办 a proposal the department has not answered; the lead department asks
 * for 延期 with a reason and a new date, which the committee or the chair grants or refuses. Each is one
 * conditional update of the proposal (its history line, the mark of its messages) whose filter holds the
 * rule, then its messages (supervision-finish.ts) through the 提案 follow-up, so a cut-short step is finished
 * by a retry, the next step on the proposal or the follow-ups job.
 */

const RECUSE_EXTENSION = '这是您提出或附议的提案，需要回避，请由其他人处理延期'

/** Why the proposal is not with its department now, in a teacher's words. */
function notWithDepartment(p: ProposalDoc, what: string): string {
  if (p.status === 'assigned') return `部门已经答复，正在等待审核，不需要${what}`
  if (p.status === 'replied' || p.status === 'closed')
    return `部门已经答复（${STATUS_LABELS[p.status]}），不需要${what}`
  return `这份提案不在部门办理中（${STATUS_LABELS[p.status]}），不能${what}`
}

/**
 * One step of 督办: the update happens only where `filter` still holds, and marks the messages it owes; on a
 * miss the proposal is read again and `refusal` says why in Chinese. Resolves the proposal as it now is.
 */
async function step(
  ctx: Ctx,
  p: ProposalDoc,
  action: PendingAction,
  filter: Filter,
  update: Update,
  entry: HistoryEntry,
  refusal: (now: ProposalDoc | null) => string,
): Promise<ProposalDoc> {
  const followUp: PendingStep = { action, step: p.history.length + 1, by: me(ctx)._id }
  const set = { ...(update.$set ?? {}), [FOLLOW_UP_FIELD]: entry.at, followUp, updatedAt: entry.at }
  const matched = await ctx.store.updateOne(
    PC.proposals,
    { ...filter, _id: p._id, unionId: p.unionId },
    { ...update, $set: set, $push: { history: [entry] } },
  )
  if (!matched) {
    const now = await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p._id, unionId: p.unionId })
    throw new AppError('CONFLICT', refusal(now))
  }
  // The update matched the proposal as read: its new state is known without reading it again.
  const moved = { ...p, history: [...p.history, entry] } as ProposalDoc
  for (const [path, value] of Object.entries(set)) setPath(moved, path, value)
  return finishPending(ctx, moved)
}

/** Writes `a.b` into a copy-on-write object as the store's $set would. */
function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.')
  if (rest.length === 0) {
    doc[head] = value
    return
  }
  const inner = { ...((doc[head] as Record<string, unknown> | undefined) ?? {}) }
  setPath(inner, rest.join('.'), value)
  doc[head] = inner
}

/** The proposal has changed since it was read (another 催办, a reply…): say so without guessing. */
const changed = (what: string) => (now: ProposalDoc | null) =>
  now && !withDepartment(now) ? notWithDepartment(now, what) : `这份提案刚刚有了新的办理记录，请刷新后再${what}`

export async function urgeProposal(ctx: Ctx, input: { proposalId: string; note: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  if (!withDepartment(p)) throw new AppError('CONFLICT', notWithDepartment(p, '催办'))
  await checkTexts(ctx, { note: input.note })
  const entry = historyEntry(ctx, `${URGE_PREFIX}${input.note}`)
  // Unchanged since read: of two urges at once, each is its own step with its own message, or one is refused.
  const urged = await step(ctx, p, 'urge', { status: 'assigned', updatedAt: p.updatedAt }, {}, entry, changed('催办'))
  return toDetail(ctx, urged, caller)
}

export interface ExtensionRequestInput {
  proposalId: string
  newReplyBy: string
  reason: string
}

export async function requestExtension(ctx: Ctx, input: ExtensionRequestInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  const a = p.assignment
  if (!a || !withDepartment(p)) throw new AppError('CONFLICT', notWithDepartment(p, '申请延期'))
  if (caller.department !== a.lead)
    throw new AppError('FORBIDDEN', `这份提案由${a.lead}主办，只有${a.lead}的负责人可以申请延期`)
  refuseIfNamed(p, caller._id, RECUSE_EXTENSION)
  if (extensionPending(p))
    throw new AppError('CONFLICT', '已有一项延期申请在等待审批，请等提案委员会或工会主席处理后再申请')
  const latest = addDays(a.replyBy, EXTENSION_MAX_DAYS)
  const today = shanghaiDate(ctx.clock.now())
  const dateProblem =
    input.newReplyBy <= a.replyBy
      ? `新的答复期限应晚于现在的期限${a.replyBy}`
      : input.newReplyBy > latest
        ? `最多延期${EXTENSION_MAX_DAYS}天，新的答复期限不能晚于${latest}`
        : input.newReplyBy <= today
          ? '新的答复期限应晚于今天'
          : ''
  if (dateProblem) throw new AppError('BAD_INPUT', dateProblem, { newReplyBy: dateProblem })
  await checkTexts(ctx, { reason: input.reason })
  const entry = historyEntry(ctx, `申请延期至${input.newReplyBy}：${input.reason}`)
  const extension: ExtensionState = {
    requested: {
      at: entry.at,
      byId: caller._id,
      byName: caller.name,
      fromReplyBy: a.replyBy,
      newReplyBy: input.newReplyBy,
      reason: input.reason,
    },
  }
  // No request waits (none yet, or the latest decided) and the date is the one the request starts from.
  const noneWaiting: Filter = p.extension
    ? { 'extension.decided': { $exists: true } }
    : { extension: { $exists: false } }
  const asked = await step(
    ctx,
    p,
    'requestExtension',
    { ...noneWaiting, status: 'assigned', 'assignment.replyBy': a.replyBy, updatedAt: p.updatedAt },
    { $set: { extension } },
    entry,
    (now) =>
      now && extensionPending(now)
        ? '已有一项延期申请在等待审批，请等提案委员会或工会主席处理后再申请'
        : changed('申请延期')(now),
  )
  return toDetail(ctx, asked, caller)
}

export interface ExtensionDecisionInput {
  proposalId: string
  approve: boolean
  note: string
}

export async function decideExtension(ctx: Ctx, input: ExtensionDecisionInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  const request = p.extension?.requested
  if (!request || !extensionPending(p)) throw new AppError('CONFLICT', decided(p))
  if (!withDepartment(p)) throw new AppError('CONFLICT', notWithDepartment(p, '审批延期'))
  if (request.byId === caller._id) throw new AppError('FORBIDDEN', '不能审批自己提出的延期申请，请由其他人审批')
  refuseIfNamed(p, caller._id, RECUSE_EXTENSION)
  if (!input.approve && Array.from(input.note).length < SUPERVISION_NOTE_MIN)
    throw new AppError('BAD_INPUT', `不同意延期请写明理由（至少${SUPERVISION_NOTE_MIN}个字）`, {
      note: '请写明不同意的理由',
    })
  await checkTexts(ctx, { note: input.note })
  const entry = input.approve
    ? historyEntry(ctx, `同意延期至${request.newReplyBy}`, input.note || undefined)
    : historyEntry(ctx, `不同意延期：${input.note}`)
  const set: Record<string, unknown> = {
    'extension.decided': {
      at: entry.at,
      byId: caller._id,
      byName: caller.name,
      approve: input.approve,
      note: input.note,
    },
  }
  // The new date moves with the decision, so 逾期, the reminders and the report follow at once.
  if (input.approve) set['assignment.replyBy'] = request.newReplyBy
  const done = await step(
    ctx,
    p,
    'decideExtension',
    {
      status: 'assigned',
      'extension.requested.at': request.at,
      'extension.decided': { $exists: false },
      'assignment.replyBy': request.fromReplyBy,
    },
    { $set: set },
    entry,
    (now) => (now ? decided(now) : '找不到这份提案'),
  )
  return toDetail(ctx, done, caller)
}

/** Why there is no request to decide: someone already did, or there is none. */
function decided(p: ProposalDoc): string {
  const d = p.extension?.decided
  if (d) return `这项延期申请已经由${d.byName}${d.approve ? '同意' : '不同意'}了，请刷新后再看`
  if (p.extension && !withDepartment(p)) return notWithDepartment(p, '审批延期')
  return p.extension ? '这份提案刚刚有了新的办理记录，请刷新后再看' : '现在没有待审批的延期申请'
}
