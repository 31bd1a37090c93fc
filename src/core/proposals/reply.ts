import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import {
  historyEntry,
  loadVisibleProposal,
  membersWithRole,
  refuseUnlessIn,
  reloadProposal,
  transition,
} from './lookup'
import type { ReplyEntry, ReplyMethod, Resolution } from './model'
import { label, namedOn, notifyPeople } from './notify'
import { toDetail } from './present'
import type { ProposalDetail } from './views'

export interface ReplyInput {
  proposalId: string
  method: ReplyMethod
  resolution: Resolution
  text: string
}

/** 答复: only the head of the 主办 department answers. */
export async function replyToProposal(ctx: Ctx, input: ReplyInput): Promise<ProposalDetail> {
  const caller = me(ctx)
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  refuseUnlessIn(p, 'reply')
  const lead = p.assignment?.lead ?? ''
  if (!caller.department || caller.department !== lead) {
    throw new AppError('FORBIDDEN', `这份提案由${lead}主办，只有${lead}负责人可以答复`)
  }
  await checkTexts(ctx, { text: input.text })
  const entry = historyEntry(ctx, `${lead}答复（${input.resolution}）`)
  const reply: ReplyEntry = {
    at: entry.at,
    department: lead,
    byId: caller._id,
    byName: caller.name,
    method: input.method,
    resolution: input.resolution,
    text: input.text,
  }
  await transition(ctx, p, 'reply', { $set: { status: 'replied' }, $push: { replies: [reply] } }, entry, {
    'assignment.lead': lead,
  })
  const replied = await reloadProposal(ctx.store, p)
  const committee = (await membersWithRole(ctx.store, caller.unionId, 'committee')).map((m) => m._id)
  await notifyPeople(
    ctx,
    replied,
    namedOn(replied),
    'replied',
    '您的提案已答复',
    `${lead}已答复${label(replied)}（${input.resolution}），请查看并评价。`,
  )
  await notifyPeople(
    ctx,
    replied,
    committee,
    'reply-check',
    '提案已答复',
    `${lead}已答复${label(replied)}，可进行答复审查。`,
  )
  return toDetail(ctx, replied, caller)
}
