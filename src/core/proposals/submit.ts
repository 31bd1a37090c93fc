import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { PC } from './collections'
import { checkTexts } from '../shared/content'
import { advance, finishPending } from './follow-up'
import { historyEntry, loadSession, loadVisibleProposal } from './lookup'
import type { SecondDoc } from './model'
import { toDetail } from './present'
import { draftProblems, refusalFor, sessionPhase, shanghaiDate } from './rules'
import type { ProposalDetail } from './views'

/**
 * 提交: the transition to submitted (with the seconders, frozen) marks what is left — the number, the locked
 * seconds, the messages — and finishing it does the rest (follow-up.ts). A submission cut short is finished
 * by the proposer's retry, which then answers as the first call would have.
 */
export async function submitProposal(ctx: Ctx, input: { proposalId: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  if (p.status !== 'draft') {
    if (p.followUp?.action === 'submit' && p.proposerId === caller._id)
      return toDetail(ctx, await finishPending(ctx, p), caller)
    throw new AppError('CONFLICT', refusalFor('submit', p.status))
  }
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人本人可以提交')
  const session = await loadSession(ctx.store, caller.unionId, p.sessionId)
  const now = ctx.clock.now()
  const phase = sessionPhase(session, now)
  if (phase !== 'open') {
    const window = `${shanghaiDate(new Date(session.opensAt))} 至 ${shanghaiDate(new Date(session.closesAt))}`
    throw new AppError(
      'CONFLICT',
      phase === 'upcoming' ? `提案征集还没开始（${window}）` : `提案征集已经截止（${window}）`,
    )
  }
  const problems = draftProblems(p)
  const firstProblem = Object.values(problems)[0]
  if (firstProblem) throw new AppError('BAD_INPUT', firstProblem, problems)
  await checkTexts(ctx, { title: p.title, reasons: p.reasons, suggestion: p.suggestion })
  const accepted = await ctx.store.find<SecondDoc>(
    PC.seconds,
    { unionId: caller.unionId, proposalId: p._id, status: 'accepted' },
    { sort: { createdAt: 1 }, limit: 100 },
  )
  if (accepted.length < session.secondsRequired) {
    throw new AppError(
      'CONFLICT',
      `还需要${session.secondsRequired - accepted.length}位代表附议才能提交（至少${session.secondsRequired}位）`,
    )
  }
  const seconders = accepted.map((s) => ({ memberId: s.memberId, name: s.memberName }))
  const submitted = await advance(
    ctx,
    p,
    'submit',
    'submit',
    { $set: { status: 'submitted', submittedAt: nowIso(ctx), seconders, openForSeconds: false } },
    historyEntry(ctx, '提交', `附议人：${seconders.map((s) => s.name).join('、') || '无'}`),
    { proposerId: caller._id },
    { session },
  )
  return toDetail(ctx, submitted, caller)
}
