import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { PC } from './collections'
import { checkTexts } from '../shared/content'
import { historyEntry, loadSession, loadVisibleProposal, membersWithRole, reloadProposal, transition } from './lookup'
import type { ProposalDoc, SecondDoc, SessionDoc } from './model'
import { label, namedOn, notifyPeople } from './notify'
import { toDetail } from './present'
import { draftProblems, proposalCode, refusalFor, sessionPhase, shanghaiDate } from './rules'
import type { ProposalDetail } from './views'

/**
 * Takes the next number of the session. The counter moves only from the value just read, so two
 * simultaneous submissions can never get the same number: the loser reads again and takes the next one.
 */
async function takeNumber(ctx: Ctx, session: SessionDoc): Promise<number> {
  let current = session.counter
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (
      await ctx.store.updateOne(
        PC.sessions,
        { _id: session._id, unionId: session.unionId, counter: current },
        { $inc: { counter: 1 } },
      )
    ) {
      return current + 1
    }
    const fresh = await loadSession(ctx.store, session.unionId, session._id)
    current = fresh.counter
  }
  throw new AppError('CONFLICT', '同时提交的人太多，请稍后再试')
}

export async function submitProposal(ctx: Ctx, input: { proposalId: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  if (p.status !== 'draft') throw new AppError('CONFLICT', refusalFor('submit', p.status))
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
  await transition(
    ctx,
    p,
    'submit',
    { $set: { status: 'submitted', submittedAt: nowIso(ctx), seconders, openForSeconds: false } },
    historyEntry(ctx, '提交', `附议人：${seconders.map((s) => s.name).join('、') || '无'}`),
    { proposerId: caller._id },
  )
  const code = proposalCode(session.codePrefix, await takeNumber(ctx, session))
  await ctx.store.updateOne(PC.proposals, { _id: p._id, unionId: p.unionId }, { $set: { code } })
  // Seconds are frozen with the proposal: nobody can withdraw or add one any more.
  await ctx.store.updateMany(PC.seconds, { unionId: caller.unionId, proposalId: p._id }, { $set: { locked: true } })
  const submitted: ProposalDoc = await reloadProposal(ctx.store, p)
  const committee = (await membersWithRole(ctx.store, caller.unionId, 'committee')).map((m) => m._id)
  await notifyPeople(
    ctx,
    submitted,
    namedOn(submitted),
    'submitted',
    '提案已提交',
    `${label(submitted)}已提交，等待提案委员会审查。`,
  )
  await notifyPeople(
    ctx,
    submitted,
    committee,
    'to-review',
    '有新提案待审查',
    `${caller.name}提交了${label(submitted)}，请审查。`,
  )
  return toDetail(ctx, submitted, caller)
}
