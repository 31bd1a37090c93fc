import type { Ctx, JobCtx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { FOLLOW_UP_FIELD, type FollowUp } from '../shared/follow-up'
import { findAll } from '../shared/paging'
import type { Update } from '../shared/ports'
import { PC } from './collections'
import { loadSession, loadVisibleProposal, membersWithRole, transition } from './lookup'
import type { HistoryEntry, PendingAction, PendingStep, ProposalDoc, SecondDoc, SessionDoc } from './model'
import { label, namedOn, notifyPeople } from './notify'
import type { FROM } from './rules'
import { proposalCode } from './rules'

/**
 * Crash safety of the 提案 lifecycle (src/core/shared/follow-up.ts). Every step is one conditional transition
 * of the proposal whose own update also sets `followUpAt` and `followUp` (which step, where in the history, by
 * whom); what the step still owes — the number and the code, locked seconds, the merge target's list, the
 * messages — is done by `finishPending`, idempotently, whose last write removes the mark. The action runs it
 * right after its transition; if the function was stopped on the way, the proposer's retry of 提交, the next
 * step anyone takes on the proposal, or the follow-ups job runs it again. An invitation or a 附议 is marked
 * on its own document the same way until its message is recorded (`finishSecond`).
 */

type FinishCtx = JobCtx

/**
 * What the caller already read, so finishing need not read it again. Finishing a submission leaves in
 * `session` the session as its number left it (counter and ledger), so the reply needs no read either.
 */
export interface Known {
  session?: SessionDoc
  /** The proposal a 并案 merges into. */
  target?: ProposalDoc
  /** The committee's member ids. */
  committee?: string[]
}

/** Extra fields the last write sets together with removing the mark. */
type Finisher = (ctx: FinishCtx, p: ProposalDoc, pending: PendingStep, known: Known) => Promise<Record<string, unknown>>

/**
 * Moves the proposal on with one conditional update that also marks what is left, then does what is left.
 * Resolves the proposal as it now is.
 */
export async function advance(
  ctx: Ctx,
  p: ProposalDoc,
  action: PendingAction,
  from: keyof typeof FROM,
  update: Update,
  entry: HistoryEntry,
  extraFilter: Record<string, string | number | boolean> = {},
  known: Known = {},
): Promise<ProposalDoc> {
  const followUp: PendingStep = { action, step: p.history.length + 1, by: me(ctx)._id }
  const set = { ...(update.$set ?? {}), [FOLLOW_UP_FIELD]: entry.at, followUp }
  await transition(ctx, p, from, { ...update, $set: set }, entry, extraFilter)
  // The transition matched the proposal as read, so its new state is known without reading it again.
  const moved = { ...p, ...set, updatedAt: entry.at, history: [...p.history, entry] } as ProposalDoc
  for (const [field, values] of Object.entries(update.$push ?? {})) {
    const before = p[field]
    moved[field] = [...(Array.isArray(before) ? before : []), ...values]
  }
  return finishPending(ctx, moved, known)
}

/**
 * A proposal an action is about to act on, with any earlier step that was cut short finished first: its
 * messages go out, and its mark is not overwritten by the next step's.
 */
export async function loadSettled(ctx: Ctx, proposalId: string): Promise<ProposalDoc> {
  const { p } = await loadVisibleProposal(ctx, proposalId)
  return finishPending(ctx, p)
}

/** Does what the marked step still owes and removes the mark; safe to run twice, or twice at once. */
export async function finishPending(ctx: FinishCtx, p: ProposalDoc, known: Known = {}): Promise<ProposalDoc> {
  const pending = p.followUp
  if (!pending || p.followUpAt === undefined) return p
  const set = await FINISHERS[pending.action](ctx, p, pending, known)
  const update: Update = { $unset: { [FOLLOW_UP_FIELD]: true, followUp: true } }
  if (Object.keys(set).length > 0) update.$set = set
  // Only this step's mark: a later step may already have marked the proposal with its own.
  await ctx.store.updateOne(
    PC.proposals,
    { _id: p._id, unionId: p.unionId, 'followUp.action': pending.action, 'followUp.step': pending.step },
    update,
  )
  const done: ProposalDoc = { ...p, ...set }
  delete done.followUpAt
  delete done.followUp
  return done
}

/** The follow-ups job's entry (src/server/follow-ups.ts): proposals whose step was cut short. */
export const proposalsFollowUp: FollowUp = {
  name: '提案',
  collection: PC.proposals,
  async finish(ctx, doc) {
    await finishPending(ctx, doc as ProposalDoc)
  },
}

/**
 * What a 附议 change still owes: the invitee's or the proposer's message (keyed as the action keys it, once per
 * person and draft), then the mark's removal. A proposal no longer a draft (submitted, withdrawn) makes the
 * message moot: only the mark goes.
 */
export async function finishSecond(ctx: FinishCtx, s: SecondDoc, draft?: ProposalDoc): Promise<void> {
  const at = s.followUpAt
  if (at === undefined) return
  const p = draft ?? (await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: s.proposalId, unionId: s.unionId }))
  if (p && p.status === 'draft' && !s.locked) {
    if (s.status === 'invited')
      await notifyPeople(
        ctx,
        p,
        [s.memberId],
        `invite-${s.memberId}`,
        '邀请您附议提案',
        `${p.proposerName}邀请您附议提案「${p.title}」，请打开查看并决定是否附议。`,
      )
    if (s.status === 'accepted')
      await notifyPeople(
        ctx,
        p,
        [p.proposerId],
        `second-${s.memberId}`,
        '有代表附议了您的提案',
        `${s.memberName}附议了您的提案「${p.title}」。`,
      )
  }
  // Only this change's mark: a later one (the invitee accepting) carries its own.
  await ctx.store.updateOne(
    PC.seconds,
    { _id: s._id, unionId: s.unionId, [FOLLOW_UP_FIELD]: at },
    { $unset: { [FOLLOW_UP_FIELD]: true } },
  )
}

/** The follow-ups job's entry for invitations and seconds whose message was cut short. */
export const secondsFollowUp: FollowUp = {
  name: '附议',
  collection: PC.seconds,
  async finish(ctx, doc) {
    await finishSecond(ctx, doc as SecondDoc)
  },
}

const numberPath = (proposalId: string) => `numbers.${proposalId}`

/**
 * The proposal's code (2026-05): its number in the session is the one the ledger already holds for it, or
 * the next one, taken in one conditional update with its ledger entry. Of two submissions at once the loser
 * reads again and takes the next; of two runs for the same proposal the loser finds the winner's number.
 */
async function codeOf(
  ctx: FinishCtx,
  p: ProposalDoc,
  known?: SessionDoc,
): Promise<{ code: string; session: SessionDoc }> {
  let session = known ?? (await loadSession(ctx.store, p.unionId, p.sessionId))
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const held = session.numbers?.[p._id]
    if (held !== undefined) return { code: proposalCode(session.codePrefix, held), session }
    const n = session.counter + 1
    const took = await ctx.store.updateOne(
      PC.sessions,
      { _id: session._id, unionId: session.unionId, counter: session.counter, [numberPath(p._id)]: { $exists: false } },
      { $inc: { counter: 1 }, $set: { [numberPath(p._id)]: n } },
    )
    // The update matched the session as read: its new state is known.
    if (took)
      return {
        code: proposalCode(session.codePrefix, n),
        session: { ...session, counter: n, numbers: { ...session.numbers, [p._id]: n } },
      }
    session = await loadSession(ctx.store, p.unionId, p.sessionId)
  }
  throw new AppError('CONFLICT', '同时提交的人太多，请稍后再试')
}

export const committeeOf = async (ctx: FinishCtx, unionId: string) =>
  (await membersWithRole(ctx.store, unionId, 'committee')).map((m) => m._id)

const headsOf = async (ctx: FinishCtx, unionId: string, department: string) =>
  (await membersWithRole(ctx.store, unionId, 'deptHead', department)).map((m) => m._id)

/** 审查's outcome in words, for the history line and the message. */
export function reviewAction(decision: 'accept' | 'reject' | 'merge', target: ProposalDoc | null): string {
  if (decision === 'accept') return '立案'
  if (decision === 'reject') return '不予立案，转为意见建议'
  return `并案，并入${target ? label(target) : ''}`
}

/** 评价: the department and the committee hear of a 再办理; of 办结, the people named on it too. */
async function afterRating(
  ctx: FinishCtx,
  p: ProposalDoc,
  step: number,
  redo: boolean,
): Promise<Record<string, never>> {
  const rating = p.ratings[p.ratings.length - 1]
  const [heads, committee] = await Promise.all([
    headsOf(ctx, p.unionId, p.assignment?.lead ?? ''),
    committeeOf(ctx, p.unionId),
  ])
  if (redo)
    await notifyPeople(
      ctx,
      p,
      [...heads, ...committee],
      'redo',
      '提案需再办理',
      `提案人对${label(p)}的答复不满意：${rating?.comment ?? ''}。请再办理并重新答复。`,
      step,
    )
  else
    await notifyPeople(
      ctx,
      p,
      [...namedOn(p), ...heads, ...committee],
      'closed',
      '提案已办结',
      `${label(p)}已办结，提案人评价：${rating?.rating ?? ''}。`,
      step,
    )
  return {}
}

const FINISHERS: Record<PendingAction, Finisher> = {
  async submit(ctx, p, { step }, known) {
    // The number and the committee are independent: one round trip for both.
    const [code, committee] = await Promise.all([
      p.code ??
        codeOf(ctx, p, known.session).then((taken) => {
          known.session = taken.session
          return taken.code
        }),
      known.committee ?? committeeOf(ctx, p.unionId),
    ])
    const numbered: ProposalDoc = { ...p, code }
    await Promise.all([
      // Seconds are frozen with the proposal: nobody can withdraw or add one any more.
      ctx.store.updateMany(PC.seconds, { unionId: p.unionId, proposalId: p._id }, { $set: { locked: true } }),
      notifyPeople(
        ctx,
        numbered,
        namedOn(numbered),
        'submitted',
        '提案已提交',
        `${label(numbered)}已提交，等待提案委员会审查。`,
        step,
      ),
      notifyPeople(
        ctx,
        numbered,
        committee,
        'to-review',
        '有新提案待审查',
        `${p.proposerName}提交了${label(numbered)}，请审查。`,
        step,
      ),
    ])
    // The code is written by the last write, with the mark's removal.
    return { code }
  },

  async review(ctx, p, pending, known) {
    const review = p.review
    if (!review) return {}
    const target = !p.mergedInto
      ? null
      : known.target?._id === p.mergedInto
        ? known.target
        : await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p.mergedInto, unionId: p.unionId })
    const action = reviewAction(review.decision, target)
    const sends: Promise<unknown>[] = [
      notifyPeople(
        ctx,
        p,
        namedOn(p),
        'reviewed',
        `提案审查结果：${action.slice(0, 8)}`,
        `${label(p)}：${action}。${review.reason}`,
        pending.step,
      ),
    ]
    if (target) {
      const merged = `merges.${p._id}`
      const line: HistoryEntry = { at: review.at, byId: pending.by, byName: review.byName, action: `并入${label(p)}` }
      sends.push(
        // Once: the entry in `merges` and the list entry are written together, only where it is missing.
        ctx.store.updateOne(
          PC.proposals,
          { _id: target._id, unionId: target.unionId, [merged]: { $exists: false } },
          { $push: { mergedFrom: [p._id], history: [line] }, $set: { [merged]: review.at, updatedAt: review.at } },
        ),
        notifyPeople(
          ctx,
          target,
          [target.proposerId],
          `merged-${p._id}`,
          '有提案并入了您的提案',
          `${label(p)}已并入您的${label(target)}，将一并办理。`,
          pending.step,
        ),
      )
    }
    await Promise.all(sends)
    return {}
  },

  async assign(ctx, p, { step }) {
    const a = p.assignment
    if (!a) return {}
    const [leadHeads, cooperatingHeads] = await Promise.all([
      headsOf(ctx, p.unionId, a.lead),
      Promise.all(a.cooperating.map((d) => headsOf(ctx, p.unionId, d))),
    ])
    await Promise.all([
      notifyPeople(
        ctx,
        p,
        namedOn(p),
        'assigned',
        '提案已交办',
        `${label(p)}已交${a.lead}办理，答复期限${a.replyBy}。`,
        step,
      ),
      notifyPeople(
        ctx,
        p,
        leadHeads,
        'to-reply',
        '有提案请您答复',
        `${label(p)}交由${a.lead}主办，请于${a.replyBy}前答复。`,
        step,
      ),
      notifyPeople(
        ctx,
        p,
        cooperatingHeads.flat(),
        'cooperate',
        '有提案请您协办',
        `${label(p)}由${a.lead}主办，请${a.cooperating.join('、')}协助办理。`,
        step,
      ),
    ])
    return {}
  },

  async reply(ctx, p, { step }) {
    const reply = p.replies[p.replies.length - 1]
    if (!reply) return {}
    const committee = await committeeOf(ctx, p.unionId)
    await Promise.all([
      notifyPeople(
        ctx,
        p,
        namedOn(p),
        'replied',
        '您的提案已答复',
        `${reply.department}已答复${label(p)}（${reply.resolution}），请查看并评价。`,
        step,
      ),
      notifyPeople(
        ctx,
        p,
        committee,
        'reply-check',
        '提案已答复',
        `${reply.department}已答复${label(p)}，可进行答复审查。`,
        step,
      ),
    ])
    return {}
  },

  async returnReply(ctx, p, { step }) {
    const heads = await headsOf(ctx, p.unionId, p.assignment?.lead ?? '')
    await notifyPeople(
      ctx,
      p,
      heads,
      'reply-returned',
      '提案答复被退回',
      `${label(p)}的答复被提案委员会退回：${p.replyReturn?.reason ?? ''}。请重新答复。`,
      step,
    )
    return {}
  },

  redo: (ctx, p, { step }) => afterRating(ctx, p, step, true),

  close: (ctx, p, { step }) => afterRating(ctx, p, step, false),

  async withdrawDraft(ctx, p, { step }) {
    const at = p.withdrawal?.at ?? p.updatedAt
    // Lapse every invitation and second at once; a delegate seconding right now then finds it locked.
    await ctx.store.updateMany(
      PC.seconds,
      { unionId: p.unionId, proposalId: p._id, locked: false },
      { $set: { locked: true, updatedAt: at } },
    )
    const asked = await findAll<SecondDoc>(ctx.store, PC.seconds, {
      unionId: p.unionId,
      proposalId: p._id,
      status: { $in: ['invited', 'accepted'] },
    })
    await notifyPeople(
      ctx,
      p,
      asked.map((s) => s.memberId),
      'withdrawn',
      '提案草稿已撤回',
      `${p.proposerName}已撤回提案草稿「${p.title}」，附议邀请已失效，无需再附议。`,
      step,
    )
    return {}
  },

  async withdrawSubmitted(ctx, p, { step }) {
    const committee = await committeeOf(ctx, p.unionId)
    await notifyPeople(
      ctx,
      p,
      [...namedOn(p).filter((id) => id !== p.proposerId), ...committee],
      'withdrawn',
      '提案已撤回',
      `${p.proposerName}撤回了${label(p)}，理由：${p.withdrawal?.reason ?? ''}。无需再审查。`,
      step,
    )
    return {}
  },
}
