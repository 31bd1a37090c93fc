import { STATUS_LABELS } from './labels'
import type { BoardStage, ProposalStatus } from './model'

export * from './labels'

/** Pure rules of the 提案 lifecycle (server side; pages use labels.ts, dates come from shared/shanghai-time.ts). */

/** Which statuses each step may start from; anything else is refused and nothing changes. */
export const FROM: Record<string, readonly ProposalStatus[]> = {
  edit: ['draft'],
  submit: ['draft'],
  review: ['submitted'],
  assign: ['accepted', 'converted'],
  reply: ['assigned'],
  returnReply: ['replied'],
  rate: ['replied'],
  /** A merged proposal's proposer rates the main proposal's reply: while merged, and after closing with it. */
  rateMain: ['merged', 'closed'],
  mergeTarget: ['accepted', 'assigned', 'replied'],
  withdrawDraft: ['draft'],
  withdrawSubmitted: ['submitted'],
  /** 协办意见: while the proposal is with departments (again so after a reply was sent back). */
  cooperate: ['assigned'],
}

/** The statuses of each named group a list filters by: the committee's, the departments' and 并案's lists. */
export const STAGE_STATUSES: Record<BoardStage, readonly ProposalStatus[]> = {
  toAssign: FROM.assign,
  answered: ['replied', 'closed'],
  mergeTarget: FROM.mergeTarget,
}

/** Why a step cannot happen in this status, in a teacher's words. */
export function refusalFor(step: keyof typeof FROM, status: ProposalStatus): string {
  const now = STATUS_LABELS[status]
  const messages: Record<string, string> = {
    edit: status === 'withdrawn' ? '这份提案已经撤回，不能再修改' : `这份提案已经提交（${now}），不能再修改`,
    submit: status === 'withdrawn' ? '这份提案已经撤回，不能再提交' : `这份提案已经提交过了（${now}）`,
    review: `这份提案已经审查过了（${now}）`,
    assign: status === 'submitted' ? '请先审查立案，再交办' : `这份提案不能交办（${now}）`,
    reply:
      status === 'replied' || status === 'closed'
        ? `这份提案已经答复过了（${now}）`
        : `这份提案还没有交办给部门（${now}）`,
    returnReply: `现在没有待审查的答复（${now}）`,
    rate: status === 'closed' ? '这份提案已经办结，不能再评价' : `部门还没有答复，暂不能评价（${now}）`,
    rateMain: `这份提案现在不能评价（${now}）`,
    mergeTarget: `只能并入已立案的提案（对方${now}）`,
    withdrawDraft: status === 'withdrawn' ? '这份提案已经撤回了' : `这份提案已经提交（${now}）`,
    withdrawSubmitted:
      status === 'withdrawn'
        ? '这份提案已经撤回了'
        : status === 'draft'
          ? '这份提案还没有提交'
          : `提案委员会已经审查（${now}），不能再撤回`,
    cooperate:
      status === 'replied' || status === 'closed'
        ? `主办部门已经答复（${now}），不能再提交协办意见`
        : `这份提案现在不在部门办理中（${now}），不能提交协办意见`,
  }
  return messages[step]
}

/** 回避: the proposer and the seconders of a proposal take no step in handling it. */
export function isNamedOn(p: { proposerId: string; seconders: readonly { memberId: string }[] }, memberId: string) {
  return p.proposerId === memberId || p.seconders.some((s) => s.memberId === memberId)
}

/** Why 回避 refuses a committee member's step, and a department head's reply. */
export const RECUSE_COMMITTEE = '这是您提出或附议的提案，请由其他委员审查'
export const RECUSE_REPLY = '这是您提出或附议的提案，请由本部门其他负责人答复'

/**
 * Which reply of the main proposal a merged proposal's proposer may rate now: its latest reply, once it
 * stands (the main one is replied or closed, not sent back), and only if not rated yet; else why not.
 */
export function mainReplyToRate(
  p: { status: ProposalStatus; ratedMainReplies?: Record<string, string> },
  main: { status: ProposalStatus; replies: readonly unknown[] },
): { index: number } | { refusal: string } {
  if (!FROM.rateMain.includes(p.status)) return { refusal: refusalFor('rateMain', p.status) }
  const index = main.replies.length - 1
  if (index < 0 || !['replied', 'closed'].includes(main.status))
    return { refusal: '主提案还没有答复（或答复正在重新办理），暂不能评价' }
  if (p.ratedMainReplies?.[String(index)] !== undefined) return { refusal: '您已经评价过主提案的这次答复了' }
  return { index }
}

/** Splits a chair's list typed as 教学、后勤，福利 into clean, distinct entries. */
export function splitList(text: string): string[] {
  return Array.from(
    new Set(
      text
        .split(/[,，、;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  )
}

/**
 * Whether a proposal ever reached the committee: drafts, and drafts withdrawn before submission, stay
 * private to their proposer and never appear on the board or in the figures.
 */
export function wasSubmitted(p: { status: ProposalStatus; submittedAt?: string }): boolean {
  if (p.status === 'draft') return false
  if (p.status === 'withdrawn') return p.submittedAt !== undefined
  return true
}

/** A proposal is overdue when it is with a department and the reply date has passed. */
export function isOverdue(
  p: { status: ProposalStatus; assignment?: { replyBy: string }; pendingSignOff?: unknown },
  today: string,
): boolean {
  // A reply waiting for 审核 was given in time or not; the department is no longer late.
  return p.status === 'assigned' && !!p.assignment && p.assignment.replyBy < today && !p.pendingSignOff
}

export function sessionPhase(s: { opensAt: string; closesAt: string }, now: Date): 'upcoming' | 'open' | 'closed' {
  const t = now.toISOString()
  if (t < s.opensAt) return 'upcoming'
  if (t > s.closesAt) return 'closed'
  return 'open'
}

/** Proposal number within a session: 2026-05. */
export function proposalCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(2, '0')}`
}
