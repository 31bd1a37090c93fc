import type { JobCtx } from '../shared/context'
import { membersWithRole } from './lookup'
import type { PendingStep, ProposalDoc } from './model'
import { label, notifyPeople, sentence } from './notify'

/**
 * What 催办 and 延期 still owe after their one write: the messages. follow-up.ts runs these as the steps'
 * finishers (right after the write, and again from a retry or the follow-ups job), so everything they need
 * is read from the proposal as written, and each message is keyed by the step: a rerun sends none twice.
 * Kept apart from supervision.ts so follow-up.ts can import them without an import cycle.
 */

/** The history line of a 催办 starts so; the rest is the overseer's note. */
export const URGE_PREFIX = '催办：'

const idsOf = async (ctx: JobCtx, unionId: string, role: string, department?: string) =>
  (await membersWithRole(ctx.store, unionId, role, department)).map((m) => m._id)

type SupervisionAction = 'urge' | 'requestExtension' | 'decideExtension'

export const supervisionFinishers: Record<
  SupervisionAction,
  (ctx: JobCtx, p: ProposalDoc, pending: PendingStep) => Promise<Record<string, never>>
> = {
  /** The lead department's heads hear of the 催办 with the overseer's note. */
  async urge(ctx, p, { step }) {
    const a = p.assignment
    const entry = p.history[step - 1]
    if (!a || !entry?.action.startsWith(URGE_PREFIX)) return {}
    const note = entry.action.slice(URGE_PREFIX.length)
    await notifyPeople(
      ctx,
      p,
      await idsOf(ctx, p.unionId, 'deptHead', a.lead),
      'urge',
      {
        title: '提案催办',
        body: `${entry.byName}催办${label(p)}：${sentence(note)}答复期限是${a.replyBy}，请您抓紧办理并答复。`,
        status: '催办',
        note: `请于${a.replyBy}前答复`,
      },
      step,
    )
    return {}
  },

  /** The committee and the chair are asked to decide. */
  async requestExtension(ctx, p, { step, by }) {
    const r = p.extension?.requested
    if (!r || !p.assignment) return {}
    const [committee, chairs] = await Promise.all([idsOf(ctx, p.unionId, 'committee'), idsOf(ctx, p.unionId, 'chair')])
    await notifyPeople(
      ctx,
      p,
      [...committee, ...chairs].filter((id) => id !== by),
      'extension-asked',
      {
        title: '提案申请延期',
        body: `${p.assignment.lead}${r.byName}申请将${label(p)}的答复期限由${r.fromReplyBy}延至${r.newReplyBy}，理由：${sentence(r.reason)}请您审批。`,
        status: '申请延期',
        note: `申请延至${r.newReplyBy}`,
      },
      step,
    )
    return {}
  },

  /** The lead department's heads hear the decision and the date that now holds. */
  async decideExtension(ctx, p, { step }) {
    const ext = p.extension
    const d = ext?.decided
    if (!ext || !d || !p.assignment) return {}
    const r = ext.requested
    const note = d.note ? `意见：${sentence(d.note)}` : ''
    const news = d.approve
      ? {
          title: '延期申请已同意',
          body: `${d.byName}同意了${label(p)}的延期申请，答复期限延至${r.newReplyBy}。${note}`,
          status: '同意延期',
          note: `答复期限延至${r.newReplyBy}`,
        }
      : {
          title: '延期申请未同意',
          body: `${d.byName}不同意${label(p)}延期答复。${note}请按原期限${r.fromReplyBy}答复。`,
          status: '不同意延期',
          note: `请按原期限${r.fromReplyBy}答复`,
        }
    await notifyPeople(
      ctx,
      p,
      await idsOf(ctx, p.unionId, 'deptHead', p.assignment.lead),
      'extension-decided',
      news,
      step,
    )
    return {}
  },
}
