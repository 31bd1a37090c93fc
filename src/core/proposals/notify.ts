import type { TemplateValues } from '../messages/templates'
import type { Ctx } from '../shared/context'
import { nowIso } from '../shared/context'
import type { OutgoingMessage } from '../shared/ports'
import type { ProposalDoc } from './model'
import { pageLink, ROUTES } from '../shared/routes'

/** Messages sent at once: the sends are independent, and a committee of 30 should not wait 30 round trips. */
const PARALLEL = 10

/**
 * Tells the people concerned about a step. The key carries the step's place in the history (the history's
 * length right after it, unless the caller names the step), so each real step is sent once per person even
 * if a retry or the follow-ups job repeats the call, and a later step of the same kind (a second reply after
 * 再办理) is a new message.
 */
export async function notifyPeople(
  ctx: Pick<Ctx, 'notifier' | 'clock'>,
  p: ProposalDoc,
  memberIds: Iterable<string>,
  occasion: string,
  title: string,
  body: string,
  step = p.history.length,
): Promise<void> {
  const at = nowIso(ctx)
  const people = [...new Set(memberIds)]
  for (let i = 0; i < people.length; i += PARALLEL) {
    await Promise.all(
      people
        .slice(i, i + PARALLEL)
        .map((memberId) => ctx.notifier.send(proposalMessage(p, memberId, `${occasion}-${step}`, title, body, at))),
    )
  }
}

/** A message about a proposal to one member, keyed by proposal, member and occasion; it opens the proposal. */
export function proposalMessage(
  p: ProposalDoc,
  memberId: string,
  occasion: string,
  title: string,
  body: string,
  at: string,
): OutgoingMessage {
  return {
    key: `proposal:${p._id}:${memberId}:${occasion}`,
    unionId: p.unionId,
    memberId,
    kind: 'proposal',
    title,
    body,
    link: pageLink(ROUTES.proposal, { id: p._id }),
    template: 'proposal',
    templateData: proposalValues(p, title, body, at),
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
