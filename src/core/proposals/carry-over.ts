import type { Store } from '../shared/ports'
import { findAll } from '../shared/paging'
import { PC } from './collections'
import type { ProposalDoc, SessionDoc } from './model'
import { toRow } from './present'
import type { ProposalRowView } from './views'

/** Statuses of a proposal still being handled: with a department (a reply may wait for 审核), or not yet rated. */
export const UNFINISHED = ['assigned', 'replied'] as const

/**
 * 结转: proposals of earlier sessions still unfinished when a session's report is built, oldest number first.
 * One query with no read of the sessions before it, so the report runs it beside its counts: a proposal of an
 * earlier session was submitted before this session opened (a union's sessions follow one another).
 */
export async function carriedOver(store: Store, session: SessionDoc, today: string): Promise<ProposalRowView[]> {
  const found = await findAll<ProposalDoc>(store, PC.proposals, {
    unionId: session.unionId,
    sessionId: { $ne: session._id },
    submittedAt: { $lt: session.opensAt },
    status: { $in: [...UNFINISHED] },
  })
  return found.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')).map((p) => toRow(p, today))
}
