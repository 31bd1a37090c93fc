import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { PC } from './collections'
import { checkTexts } from '../shared/content'
import { advance, committeeOf, finishPending, type Known } from './follow-up'
import { historyEntry, loadSession, loadVisibleProposal } from './lookup'
import type { SecondDoc } from './model'
import { toDetail } from './present'
import { draftProblems, problemSummary } from './draft-check'
import { refusalFor, sessionPhase } from './rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalDetail } from './views'

/**
 * 提交: the transition to submitted (with the seconders, frozen) marks what is left — the number, the locked
 * seconds, the messages — and finishing it does the rest (follow-up.ts). A submission cut short is finished
 * by the proposer's retry, which then answers as the first call would have.
 *
 * Round trips: the proposal; then at once its session, the content checks, the accepted seconds and the
 * committee (who will be told); the transition; the number; the locks and messages; the mark's removal.
 */
export async function submitProposal(ctx: Ctx, input: { proposalId: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p, mySecond } = await loadVisibleProposal(ctx, input.proposalId)
  if (p.status !== 'draft') {
    if (p.followUp?.action === 'submit' && p.proposerId === caller._id) {
      const finished: Known = {}
      const done = await finishPending(ctx, p, finished)
      return toDetail(ctx, done, caller, { session: finished.session, mySecond })
    }
    throw new AppError('CONFLICT', refusalFor('submit', p.status))
  }
  if (p.proposerId !== caller._id) throw new AppError('FORBIDDEN', '只有提案人本人可以提交')
  const problems = draftProblems(p)
  const complete = Object.keys(problems).length === 0
  // Everything below depends only on the draft: read and check at once. A refusal of the checker is held
  // until the session's window has been checked, so the teacher hears the reasons in the same order as before;
  // an incomplete draft is not sent to the checker at all.
  const [session, verdict, accepted, committee] = await Promise.all([
    loadSession(ctx.store, caller.unionId, p.sessionId),
    complete
      ? checkTexts(ctx, { title: p.title, reasons: p.reasons, suggestion: p.suggestion }).then(
          () => null,
          (e: unknown) => e,
        )
      : null,
    ctx.store.find<SecondDoc>(
      PC.seconds,
      { unionId: caller.unionId, proposalId: p._id, status: 'accepted' },
      { sort: { createdAt: 1 }, limit: 100 },
    ),
    complete ? committeeOf(ctx, caller.unionId) : [],
  ])
  const now = ctx.clock.now()
  const phase = sessionPhase(session, now)
  if (phase !== 'open') {
    const window = `${shanghaiDate(new Date(session.opensAt))} 至 ${shanghaiDate(new Date(session.closesAt))}`
    throw new AppError(
      'CONFLICT',
      phase === 'upcoming' ? `提案征集还没开始（${window}）` : `提案征集已经截止（${window}）`,
    )
  }
  // Every problem at once, each under its field on the edit page; the message alone names them all too.
  const { count } = problemSummary(problems)
  if (count === 1) throw new AppError('BAD_INPUT', Object.values(problems)[0] ?? '', problems)
  if (count > 1)
    throw new AppError('BAD_INPUT', `还有${count}处需要修改：${Object.values(problems).join('；')}`, problems)
  if (verdict) throw verdict
  if (accepted.length < session.secondsRequired) {
    throw new AppError(
      'CONFLICT',
      `还需要${session.secondsRequired - accepted.length}位代表附议才能提交（至少${session.secondsRequired}位）`,
    )
  }
  const seconders = accepted.map((s) => ({ memberId: s.memberId, name: s.memberName }))
  const known: Known = { session, committee }
  const submitted = await advance(
    ctx,
    p,
    'submit',
    'submit',
    { $set: { status: 'submitted', submittedAt: nowIso(ctx), seconders, openForSeconds: false } },
    historyEntry(ctx, '提交', `附议人：${seconders.map((s) => s.name).join('、') || '无'}`),
    { proposerId: caller._id },
    known,
  )
  // Finishing left the session as numbered in `known`; the caller's own 附议 was read with the draft.
  return toDetail(ctx, submitted, caller, { session: known.session, mySecond })
}
