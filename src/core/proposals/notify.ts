import type { TemplateValues } from '../messages/templates'
import type { Ctx } from '../shared/context'
import { nowIso } from '../shared/context'
import type { OutgoingMessage } from '../shared/ports'
import type { ProposalDoc } from './model'
import { pageLink, ROUTES } from '../shared/routes'
import { withoutEnding } from '../shared/typed-text'

/** Messages sent at once: the sends are independent, and a committee of 30 should not wait 30 round trips. */
const PARALLEL = 10

/**
 * What one message about a proposal says. The in-app message (title, body) is complete, however long; the
 * subscribe template gets two short values written to fit its keywords whole, never cut: WeChat's `phrase`
 * holds at most 5 Chinese characters and nothing else, a `thing` at most 20 characters
 * (cloudfunctions/_runtime/subscribe-config.ts). The proposal's own title goes to its own keyword.
 */
export interface ProposalNews {
  title: string
  body: string
  /** 进展: at most 5 Chinese characters (PROGRESS_MAX), e.g. 已并案. */
  status: string
  /** 说明: one whole phrase of at most 20 characters (NOTE_MAX), e.g. 请查看答复并评价. */
  note: string
}

/** The template's limits our short values keep to (WeChat's `phrase` and `thing`). */
export const PROGRESS_MAX = 5
export const NOTE_MAX = 20

/**
 * A sentence ending once: the words a person typed (a reason, a comment) may already end with 。 or ！, and a
 * message must not read 「。。」.
 */
export function sentence(text: string): string {
  const bare = withoutEnding(text)
  return bare ? `${bare}。` : ''
}

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
  news: ProposalNews,
  step = p.history.length,
): Promise<void> {
  const at = nowIso(ctx)
  const people = [...new Set(memberIds)]
  for (let i = 0; i < people.length; i += PARALLEL) {
    await Promise.all(
      people
        .slice(i, i + PARALLEL)
        .map((memberId) =>
          ctx.notifier.send(proposalMessage(p, memberId, `${occasion}-${step}`, news.title, news.body, at, news)),
        ),
    )
  }
}

/**
 * A message about a proposal to one member, keyed by proposal, member and occasion; it opens the proposal.
 * `short` gives the template's 进展 and 说明 (see ProposalNews); without it they are the title and the body.
 */
export function proposalMessage(
  p: ProposalDoc,
  memberId: string,
  occasion: string,
  title: string,
  body: string,
  at: string,
  short: { status: string; note: string } = { status: title, note: body },
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
    templateData: proposalValues(p, short.status, short.note, at),
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

/** A proposal by its number alone (2026-05号提案), for the short template note and the history. */
export const numberOf = (p: ProposalDoc) => (p.code ? `${p.code}号提案` : `提案「${p.title}」`)
