import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import type { Condition, Filter } from '../shared/ports'
import { PC } from './collections'
import { loadSession, loadVisibleProposal, sessionsOfUnion } from './lookup'
import type { BoardStage, ProposalDoc, ProposalStatus, SecondDoc } from './model'
import { newestFirst, type NewestPage } from './newest-first'
import { defaultReportSession } from './report-text'
import { toDetail, toRow, toSessionView } from './present'
import { BOARD_PAGE, sessionPhase, STAGE_STATUSES } from './rules'
import { daysBetween, shanghaiDate } from '../shared/shanghai-time'
import type { BoardPage, MyProposals, OverdueList, ProposalDetail } from './views'

export async function getProposal(ctx: Ctx, input: { proposalId: string }): Promise<ProposalDetail> {
  const { p, mySecond } = await loadVisibleProposal(ctx, input.proposalId)
  return toDetail(ctx, p, me(ctx), { mySecond })
}

export interface BoardInput {
  /** Absent: every session, unless `latest` asks for the newest one. */
  sessionId?: string
  latest?: boolean
  status?: ProposalStatus
  stage?: BoardStage
  category?: string
  department?: string
  cursor?: string
  limit?: number
}

/** The status condition of a list, or `null` when the status and the stage asked for exclude each other. */
function statusCondition(input: BoardInput): Condition | undefined | null {
  // Drafts never show here, so asking for them is asking for no status at all (as before paging).
  const status = input.status === 'draft' ? undefined : input.status
  const stage = input.stage ? STAGE_STATUSES[input.stage] : undefined
  if (status && stage) return stage.includes(status) ? status : null
  if (status) return status
  if (stage) return { $in: [...stage] }
  return undefined
}

const NO_ROWS: NewestPage<ProposalDoc> = { docs: [], more: false }

/**
 * 校务公开: one page of the submitted proposals with their handling, newest submission first. Drafts, and
 * drafts withdrawn before submission, never appear: they have no `submittedAt`. Every filter is a condition
 * of the query; a row carries only what the list shows. The first page also carries how many match, the
 * sessions to pick from, and the session it shows — so the page makes one call.
 */
export async function board(ctx: Ctx, input: BoardInput): Promise<BoardPage> {
  const { unionId } = me(ctx)
  const first = input.cursor === undefined
  // A union holds one or two 教代会 a year: its sessions are few, read whole (sessionsOfUnion's bound).
  const sessionsRead = first ? sessionsOfUnion(ctx.store, unionId) : undefined
  // With `latest`, the rows wait for the sessions (which is the newest); otherwise everything goes at once.
  const newest = input.latest && !input.sessionId ? (await sessionsRead)?.[0] : undefined
  const sessionId = input.sessionId ?? newest?._id
  const status = statusCondition(input)
  const filter: Filter = { unionId }
  if (sessionId) filter.sessionId = sessionId
  if (status) filter.status = status
  if (input.category) filter.category = input.category
  if (input.department) filter['assignment.lead'] = input.department
  const nothing = status === null || (input.latest === true && !sessionId)
  const [page, total, sessions] = await Promise.all([
    nothing
      ? NO_ROWS
      : newestFirst<ProposalDoc>(
          ctx.store,
          { collection: PC.proposals, filter, field: 'submittedAt', tag: 'board' },
          input.limit ?? BOARD_PAGE,
          input.cursor,
        ),
    first && !nothing ? ctx.store.count(PC.proposals, { ...filter, submittedAt: { $exists: true } }) : 0,
    sessionsRead,
  ])
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const out: BoardPage = { items: page.docs.map((p) => toRow(p, today)), more: page.more }
  if (page.next) out.next = page.next
  if (sessions) {
    out.total = total
    out.sessions = sessions.map((s) => ({ id: s._id, name: s.name }))
    const shown = sessions.find((s) => s._id === sessionId)
    if (shown) out.session = toSessionView(shown, now)
  }
  return out
}

/** A delegate's own proposals, and the drafts waiting for their 附议: each list at most this many. */
const MINE_MAX = 100

/**
 * 我的提案. Bounded by person, not by union: a delegate writes a few proposals a session and is asked to
 * second a few more, so each list is read in one request of at most MINE_MAX (`more` says if one was cut).
 * Two round trips: the sessions, my proposals and my invitations at once; then the drafts of the sessions
 * still collecting that are open to everyone or that I was asked to second.
 */
export async function myProposals(ctx: Ctx): Promise<MyProposals> {
  const caller = me(ctx)
  const { unionId } = caller
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const bounded = { sort: { updatedAt: -1 }, limit: MINE_MAX + 1 } as const
  const [sessions, mine, asked] = await Promise.all([
    sessionsOfUnion(ctx.store, unionId),
    ctx.store.find<ProposalDoc>(PC.proposals, { unionId, proposerId: caller._id }, bounded),
    ctx.store.find<SecondDoc>(PC.seconds, { unionId, memberId: caller._id, locked: false }, bounded),
  ])
  const collecting = sessions.filter((s) => sessionPhase(s, now) !== 'closed').map((s) => s._id)
  const askedIds = asked.slice(0, MINE_MAX).map((s) => s.proposalId)
  const drafts: Filter = { unionId, status: 'draft', sessionId: { $in: collecting } }
  const [open, invited] = await Promise.all([
    collecting.length ? ctx.store.find<ProposalDoc>(PC.proposals, { ...drafts, openForSeconds: true }, bounded) : [],
    collecting.length && askedIds.length
      ? ctx.store.find<ProposalDoc>(PC.proposals, { ...drafts, _id: { $in: askedIds } }, bounded)
      : [],
  ])
  const statusOf = new Map(asked.map((s) => [s.proposalId, s.status]))
  const seen = new Set<string>()
  const toSecond = [...open.slice(0, MINE_MAX), ...invited.slice(0, MINE_MAX)]
    .filter((p) => p.proposerId !== caller._id && !seen.has(p._id) && seen.add(p._id))
    .map((p) => {
      const row = toRow(p, today)
      const myStatus = statusOf.get(p._id)
      return myStatus ? { ...row, myStatus } : row
    })
  return {
    mine: mine.slice(0, MINE_MAX).map((p) => toRow(p, today)),
    toSecond,
    more: [mine, asked, open, invited].some((list) => list.length > MINE_MAX),
  }
}

/** Overdue proposals listed at most: the oldest reply dates first, which are the ones to chase. */
const OVERDUE_MAX = 100

/**
 * With a department past the reply date, longest overdue first; the query itself picks them. One session's
 * only — the one asked for, else the one the report opens on (defaultReportSession) — so the list and the
 * report's 逾期未答复 count the same proposals.
 */
export async function overdueProposals(ctx: Ctx, input: { sessionId?: string } = {}): Promise<OverdueList> {
  const { unionId } = me(ctx)
  const now = ctx.clock.now()
  const today = shanghaiDate(now)
  const overdueOf = (sessionId: string) =>
    ctx.store.find<ProposalDoc>(
      PC.proposals,
      { unionId, sessionId, status: 'assigned', 'assignment.replyBy': { $lt: today } },
      { sort: { 'assignment.replyBy': 1 }, limit: OVERDUE_MAX + 1 },
    )
  // A session asked for by id is read beside its proposals; otherwise the sessions come first to pick one.
  const [session, found] = input.sessionId
    ? await Promise.all([loadSession(ctx.store, unionId, input.sessionId), overdueOf(input.sessionId)])
    : await sessionsOfUnion(ctx.store, unionId).then(async (sessions) => {
        const picked = defaultReportSession(sessions.map((s) => ({ s, phase: sessionPhase(s, now) })))?.s
        return [picked, picked ? await overdueOf(picked._id) : []] as const
      })
  if (!session) return { items: [], more: false }
  return {
    items: found.slice(0, OVERDUE_MAX).map((p) => ({
      ...toRow(p, today),
      daysOverdue: daysBetween(p.assignment?.replyBy ?? today, today),
    })),
    more: found.length > OVERDUE_MAX,
    session: { id: session._id, name: session.name },
  }
}
