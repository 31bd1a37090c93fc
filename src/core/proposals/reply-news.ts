import type { JobCtx } from '../shared/context'
import { PC } from './collections'
import type { ProposalDoc, ReplyEntry } from './model'
import { label, namedOn, notifyPeople } from './notify'

/** The proposals merged into `p` (its `mergedFrom`): a few at most, read at once, 100 ids a request. */
export async function mergedInto(ctx: Pick<JobCtx, 'store'>, p: ProposalDoc): Promise<ProposalDoc[]> {
  const chunks: string[][] = []
  for (let i = 0; i < p.mergedFrom.length; i += 100) chunks.push(p.mergedFrom.slice(i, i + 100))
  const found = await Promise.all(
    chunks.map((ids) =>
      ctx.store.find<ProposalDoc>(PC.proposals, { unionId: p.unionId, _id: { $in: ids } }, { limit: 100 }),
    ),
  )
  return found.flat()
}

/**
 * A reply reaches its proposer: the people named on the proposal, and those of the proposals merged into it,
 * on their own proposal, whose page shows it. Keyed by the step, so each reply once; whoever is named on both
 * hears it once. Sent when the department replies, or when the committee releases a reply it signed off.
 */
export async function tellOfReply(
  ctx: Pick<JobCtx, 'notifier' | 'clock'>,
  p: ProposalDoc,
  reply: ReplyEntry,
  merged: ProposalDoc[],
  step: number,
): Promise<void> {
  const here = new Set(namedOn(p))
  await Promise.all([
    notifyPeople(
      ctx,
      p,
      namedOn(p),
      'replied',
      {
        title: '您的提案已答复',
        body: `${reply.department}已答复${label(p)}（${reply.resolution}），请查看并评价。`,
        status: '已答复',
        note: '请查看答复并评价',
      },
      step,
    ),
    ...merged.map((m) =>
      notifyPeople(
        ctx,
        m,
        namedOn(m).filter((id) => !here.has(id)),
        `main-replied-${p._id}`,
        {
          title: '您的提案已答复',
          body: `您的${label(m)}已并入${label(p)}一并办理。${reply.department}已答复（${reply.resolution}），请查看并评价。`,
          status: '已答复',
          note: '请查看主提案的答复并评价',
        },
        step,
      ),
    ),
  ])
}
