import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { Store, Update } from '../shared/ports'
import { PC } from './collections'
import type { HistoryEntry, ProposalDoc, SecondDoc, SessionDoc } from './model'
import { FROM, isNamedOn, RECUSE_COMMITTEE, refusalFor, wasSubmitted } from './rules'

export async function loadSession(store: Store, unionId: string, sessionId: string): Promise<SessionDoc> {
  const s = await store.findOne<SessionDoc>(PC.sessions, { _id: sessionId, unionId })
  if (!s) throw new AppError('NOT_FOUND', '找不到这一届教代会')
  return s
}

/**
 * A union's sessions, newest first. A 教代会 meets once or twice a year, so 100 is half a century: the list
 * is read whole, in one request.
 */
export async function sessionsOfUnion(store: Store, unionId: string): Promise<SessionDoc[]> {
  return store.find<SessionDoc>(PC.sessions, { unionId }, { sort: { opensAt: -1 }, limit: 100 })
}

export const secondId = (proposalId: string, memberId: string) => `${proposalId}_${memberId}`

/**
 * A proposal the caller may see. Drafts (and drafts withdrawn before submission) are private to the
 * proposer, except to delegates invited to second it or when the proposer opened it for seconds; anything
 * else reads as not found.
 */
export async function loadVisibleProposal(
  ctx: Ctx,
  proposalId: string,
): Promise<{ p: ProposalDoc; mySecond: SecondDoc | null }> {
  const caller = me(ctx)
  // The caller's 附议 has a known _id: both reads go at once.
  const [p, mySecond] = await Promise.all([
    ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: proposalId, unionId: caller.unionId }),
    ctx.store.findOne<SecondDoc>(PC.seconds, { _id: secondId(proposalId, caller._id), unionId: caller.unionId }),
  ])
  if (!p) throw new AppError('NOT_FOUND', '找不到这份提案')
  if (!wasSubmitted(p) && p.proposerId !== caller._id) {
    const mayFind = caller.roles.includes('delegate') && (p.openForSeconds || mySecond !== null)
    if (!mayFind) throw new AppError('NOT_FOUND', '找不到这份提案')
  }
  return { p, mySecond }
}

export function historyEntry(ctx: Ctx, action: string, note?: string): HistoryEntry {
  const caller = me(ctx)
  const entry: HistoryEntry = { at: nowIso(ctx), byId: caller._id, byName: caller.name, action }
  if (note) entry.note = note
  return entry
}

/** Conditions a transition adds to the status: equal values, or a field that must (not) exist yet. */
export type ExtraFilter = Record<string, string | number | boolean | { $exists: boolean }>

/** 回避: refuses a step to whoever proposed or seconded the proposal. */
export function refuseIfNamed(p: ProposalDoc, memberId: string, message = RECUSE_COMMITTEE): void {
  if (isNamedOn(p, memberId)) throw new AppError('FORBIDDEN', message)
}

/**
 * Moves a proposal along the lifecycle with one conditional update on its status, so of two people acting
 * at once only one wins; the loser gets the reason in Chinese and nothing of theirs is written.
 */
export async function transition(
  ctx: Ctx,
  p: ProposalDoc,
  step: keyof typeof FROM,
  update: Update,
  entry: HistoryEntry,
  extraFilter: ExtraFilter = {},
): Promise<void> {
  const matched = await ctx.store.updateOne(
    PC.proposals,
    { _id: p._id, unionId: p.unionId, status: { $in: [...FROM[step]] }, ...extraFilter },
    {
      ...update,
      $set: { ...(update.$set ?? {}), updatedAt: entry.at },
      $push: { ...(update.$push ?? {}), history: [entry] },
    },
  )
  if (!matched) {
    const now = await ctx.store.findOne<ProposalDoc>(PC.proposals, { _id: p._id, unionId: p.unionId })
    throw new AppError('CONFLICT', refusalFor(step, now ? now.status : p.status) + '，请刷新后再看')
  }
}

export function refuseUnlessIn(p: ProposalDoc, step: keyof typeof FROM): void {
  if (!FROM[step].includes(p.status)) throw new AppError('CONFLICT', refusalFor(step, p.status))
}

/** Active members holding a role (array-contains by equality), optionally of one department. */
export async function membersWithRole(
  store: Store,
  unionId: string,
  role: string,
  department?: string,
): Promise<MemberDoc[]> {
  const filter: Record<string, string> = { unionId, roles: role, status: 'active' }
  if (department !== undefined) filter.department = department
  return store.find<MemberDoc>(C.members, filter, { sort: { _id: 1 }, limit: 200 })
}
