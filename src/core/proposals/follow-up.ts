import type { Ctx, JobCtx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { FOLLOW_UP_FIELD, type FollowUp } from '../shared/follow-up'
import { findAll } from '../shared/paging'
import type { Update } from '../shared/ports'
import { PC } from './collections'
import { type ExtraFilter, loadSession, loadVisibleProposal, membersWithRole, transition } from './lookup'
import type { HistoryEntry, PendingAction, PendingStep, ProposalDoc, SecondDoc, SessionDoc } from './model'
import { mergedInto, tellOfReply } from './reply-news'
import { label, namedOn, notifyPeople, numberOf, sentence } from './notify'
import type { FROM } from './rules'
import { proposalCode } from './rules'
import { finishReplyForSignOff, finishSignOff, finishSignOffReturn } from './sign-off-steps'
import { finishCooperation } from './cooperation-notify'
import { supervisionFinishers } from './supervision-finish'

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
  extraFilter: ExtraFilter = {},
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
      await notifyPeople(ctx, p, [s.memberId], `invite-${s.memberId}`, {
        title: '邀请您附议提案',
        body: `${p.proposerName}邀请您附议提案「${p.title}」，请打开查看并决定是否附议。`,
        status: '邀请附议',
        note: '请打开提案，决定是否附议',
      })
    if (s.status === 'accepted')
      await notifyPeople(ctx, p, [p.proposerId], `second-${s.memberId}`, {
        title: '有代表附议了您的提案',
        body: `${s.memberName}附议了您的提案「${p.title}」。`,
        status: '有人附议',
        note: `${s.memberName}附议了您的提案`,
      })
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
  return target ? `并案，并入${label(target)}` : '并案'
}

/** 审查's outcome as the template's two short values (notify.ts, ProposalNews). */
function reviewShort(decision: 'accept' | 'reject' | 'merge', target: ProposalDoc | null) {
  if (decision === 'accept') return { status: '已立案', note: '将交有关部门办理' }
  if (decision === 'reject') return { status: '不予立案', note: '转为意见建议，仍会交部门办理' }
  return { status: '已并案', note: target ? `已并入${numberOf(target)}` : '已并入其他提案' }
}

/**
 * 办结 of a main proposal closes the proposals merged into it (随主提案办结), in one conditional update that
 * matches only those still merged, so a rerun changes nothing; their people are told, keyed by the main
 * proposal's step, so a rerun tells nobody twice.
 */
async function closeMerged(ctx: FinishCtx, p: ProposalDoc, step: number): Promise<void> {
  const merged = await mergedInto(ctx, p)
  const open = merged.filter((m) => m.status === 'merged')
  const closing = p.history[step - 1]
  const at = closing?.at ?? p.closedAt ?? p.updatedAt
  if (open.length > 0) {
    const line: HistoryEntry = {
      at,
      byId: closing?.byId ?? p.proposerId,
      byName: closing?.byName ?? p.proposerName,
      action: '随主提案办结',
      note: `${label(p)}已办结`,
    }
    await ctx.store.updateMany(
      PC.proposals,
      { unionId: p.unionId, _id: { $in: open.map((m) => m._id) }, status: 'merged', mergedInto: p._id },
      { $set: { status: 'closed', closedAt: at, closedWithMain: true, updatedAt: at }, $push: { history: [line] } },
    )
  }
  // Those closed by an earlier run of this step too: its messages may be what was cut short.
  const closed = merged.filter((m) => m.status === 'merged' || (m.closedWithMain && m.mergedInto === p._id))
  await Promise.all(
    closed.map((m) =>
      notifyPeople(
        ctx,
        m,
        namedOn(m),
        `main-closed-${p._id}`,
        {
          title: '提案已办结',
          body: `您的${label(m)}已并入${label(p)}，主提案已办结，您的提案随之办结。`,
          status: '已办结',
          note: '随主提案办结',
        },
        step,
      ),
    ),
  )
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
      {
        title: '提案需再办理',
        body: `提案人对${label(p)}的答复不满意：${sentence(rating?.comment ?? '')}请再办理并重新答复。`,
        status: '需再办理',
        note: '提案人不满意，请再办理',
      },
      step,
    )
  else
    await Promise.all([
      notifyPeople(
        ctx,
        p,
        [...namedOn(p), ...heads, ...committee],
        'closed',
        {
          title: '提案已办结',
          // Closed by the auto-close job (auto-close.ts): the rating is the rule's, not the proposer's.
          body: rating?.auto
            ? `${label(p)}已办结（${rating.comment}）。`
            : `${label(p)}已办结，提案人评价：${rating?.rating ?? ''}。`,
          status: '已办结',
          note: rating?.auto ? rating.comment : `提案人评价：${rating?.rating ?? ''}`,
        },
        step,
      ),
      closeMerged(ctx, p, step),
    ])
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
        {
          title: '提案已提交',
          body: `${label(numbered)}已提交，等待提案委员会审查。`,
          status: '已提交',
          note: '等待提案委员会审查',
        },
        step,
      ),
      notifyPeople(
        ctx,
        numbered,
        committee,
        'to-review',
        {
          title: '有新提案待审查',
          body: `${p.proposerName}提交了${label(numbered)}，请审查。`,
          status: '待审查',
          note: '请您审查这份提案',
        },
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
    const outcome = reviewAction(review.decision, target)
    const sends: Promise<unknown>[] = [
      notifyPeople(
        ctx,
        p,
        namedOn(p),
        'reviewed',
        {
          // Whole words only: the outcome in full is in the body (并入 which proposal, why).
          title: `提案审查结果：${{ accept: '立案', reject: '不予立案', merge: '并案' }[review.decision]}`,
          body: `${label(p)}的审查结果：${outcome}。${review.reason ? `审查意见：${sentence(review.reason)}` : ''}`,
          ...reviewShort(review.decision, target),
        },
        pending.step,
      ),
    ]
    if (target) {
      const merged = `merges.${p._id}`
      // On the main proposal the line names the one merged into it (this one was merged, not the main one).
      const line: HistoryEntry = {
        at: review.at,
        byId: pending.by,
        byName: review.byName,
        action: `并入本提案：${label(p)}`,
      }
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
          {
            title: '有提案并入了您的提案',
            body: `${label(p)}已并入您的${label(target)}，将一并办理。`,
            status: '有提案并入',
            note: '将与您的提案一并办理',
          },
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
        {
          title: '提案已交办',
          body: `${label(p)}已交${a.lead}办理，答复期限${a.replyBy}。`,
          status: '已交办',
          note: `答复期限${a.replyBy}`,
        },
        step,
      ),
      notifyPeople(
        ctx,
        p,
        leadHeads,
        'to-reply',
        {
          title: '有提案请您答复',
          body: `${label(p)}交由${a.lead}主办，请于${a.replyBy}前答复。`,
          status: '请您答复',
          note: `请于${a.replyBy}前答复`,
        },
        step,
      ),
      notifyPeople(
        ctx,
        p,
        cooperatingHeads.flat(),
        'cooperate',
        {
          title: '有提案请您协办',
          body: `${label(p)}由${a.lead}主办，请${a.cooperating.join('、')}协助办理。`,
          status: '请您协办',
          note: '请协助主办部门办理',
        },
        step,
      ),
    ])
    return {}
  },

  async reply(ctx, p, { step }) {
    const reply = p.replies[p.replies.length - 1]
    if (!reply) return {}
    const [committee, merged] = await Promise.all([committeeOf(ctx, p.unionId), mergedInto(ctx, p)])
    await Promise.all([
      tellOfReply(ctx, p, reply, merged, step),
      notifyPeople(
        ctx,
        p,
        committee,
        'reply-check',
        {
          title: '提案已答复',
          body: `${reply.department}已答复${label(p)}，可进行答复审查。`,
          status: '已答复',
          note: '可进行答复审查',
        },
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
      {
        title: '提案答复被退回',
        body: `${label(p)}的答复被提案委员会退回，理由：${sentence(p.replyReturn?.reason ?? '')}请重新答复。`,
        status: '答复被退回',
        note: '请看退回理由后重新答复',
      },
      step,
    )
    return {}
  },

  async replyForSignOff(ctx, p, pending) {
    await finishReplyForSignOff(ctx, p, pending)
    return {}
  },

  async signOff(ctx, p, pending) {
    await finishSignOff(ctx, p, pending)
    return {}
  },

  async signOffReturn(ctx, p, pending) {
    await finishSignOffReturn(ctx, p, pending)
    return {}
  },

  redo: (ctx, p, { step }) => afterRating(ctx, p, step, true),

  close: (ctx, p, { step }) => afterRating(ctx, p, step, false),

  /** A merged proposal's proposer rated the main proposal's reply: its department and the committee hear. */
  async rateMain(ctx, p, { step }, known) {
    const rating = p.ratings[p.ratings.length - 1]
    const main =
      known.target?._id === p.mergedInto
        ? known.target
        : await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p.mergedInto ?? '', unionId: p.unionId })
    if (!rating || !main) return {}
    const [heads, committee] = await Promise.all([
      headsOf(ctx, p.unionId, main.assignment?.lead ?? ''),
      committeeOf(ctx, p.unionId),
    ])
    await notifyPeople(
      ctx,
      p,
      [...heads, ...committee],
      'rated-main',
      {
        title: '并案提案人评价了答复',
        body: `${p.proposerName}（${label(p)}已并入${label(main)}）对答复的评价：${rating.rating}。${rating.comment ? `意见：${sentence(rating.comment)}` : ''}`,
        status: '有新评价',
        note: `${p.proposerName}评价：${rating.rating}`,
      },
      step,
    )
    return {}
  },

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
      {
        title: '提案草稿已撤回',
        body: `${p.proposerName}已撤回提案草稿「${p.title}」，附议邀请已失效，无需再附议。`,
        status: '已撤回',
        note: '附议邀请已失效，无需附议',
      },
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
      {
        title: '提案已撤回',
        body: `${p.proposerName}撤回了${label(p)}，理由：${sentence(p.withdrawal?.reason ?? '')}无需再审查。`,
        status: '已撤回',
        note: '提案人已撤回，无需审查',
      },
      step,
    )
    return {}
  },

  cooperate: finishCooperation,
  ...supervisionFinishers,
}
