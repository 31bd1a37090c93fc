import type { TemplateValues } from '../messages/templates'
import type { Ctx } from '../shared/context'
import { nowIso } from '../shared/context'
import type { ProposalDoc } from './model'

/**
 * Tells the people concerned about a step. The key carries the proposal's history length, so each real
 * step is sent once per person even if a retry repeats the call, and a later step of the same kind
 * (a second reply after 再办理) is a new message.
 */
export async function notifyPeople(
  ctx: Pick<Ctx, 'notifier' | 'clock'>,
  p: ProposalDoc,
  memberIds: Iterable<string>,
  occasion: string,
  title: string,
  body: string,
): Promise<void> {
  const step = p.history.length
  const sent = new Set<string>()
  for (const memberId of memberIds) {
    if (sent.has(memberId)) continue
    sent.add(memberId)
    await ctx.notifier.send({
      key: `proposal:${p._id}:${memberId}:${occasion}-${step}`,
      unionId: p.unionId,
      memberId,
      kind: 'proposal',
      title,
      body,
      link: `/subpackages/proposals/detail/index?id=${p._id}`,
      template: 'proposal',
      templateData: proposalValues(p, title, body, nowIso(ctx)),
    })
  }
}

/** The proposal template's values: the proposal, what happened (the message title and text), and when (ISO). */
export function proposalValues(p: ProposalDoc, status: string, note: string, at: string): TemplateValues<'proposal'> {
  return { title: p.title, status, note, proposer: p.proposerName, at }
}

/** Proposer and seconders: everyone whose name is on the proposal. */
export function namedOn(p: ProposalDoc): string[] {
  return [p.proposerId, ...p.seconders.map((s) => s.memberId)]
}

export const label = (p: ProposalDoc) => (p.code ? `${p.code}号提案「${p.title}」` : `提案「${p.title}」`)
