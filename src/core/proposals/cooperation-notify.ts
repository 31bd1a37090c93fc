import type { JobCtx } from '../shared/context'
import { membersWithRole } from './lookup'
import type { PendingStep, ProposalDoc } from './model'
import { label, notifyPeople } from './notify'

/**
 * What a 协办意见 still owes after its write: the 主办 department's heads hear of it, keyed by the step, so a
 * rerun (the giver's retry, the next step on the proposal, the follow-ups job) tells nobody twice. A leaf
 * module: follow-up.ts runs it, and cooperation.ts (which imports follow-up.ts) writes the lines it reads.
 */

/** The history line of a 协办意见, first given or replaced: the message is told which from it. */
export const givenLine = (department: string) => `${department}提交协办意见`
export const replacedLine = (department: string) => `${department}修改协办意见`

export async function finishCooperation(
  ctx: JobCtx,
  p: ProposalDoc,
  { step }: PendingStep,
): Promise<Record<string, never>> {
  const line = p.history[step - 1]
  const lead = p.assignment?.lead
  if (!line || !lead) return {}
  const replaced = line.action.endsWith('修改协办意见')
  const heads = (await membersWithRole(ctx.store, p.unionId, 'deptHead', lead)).map((m) => m._id)
  await notifyPeople(
    ctx,
    p,
    heads,
    'cooperation',
    {
      title: replaced ? '协办意见已修改' : '协办意见已提交',
      body: `${line.action}（${label(p)}），请在答复时参考。`,
      status: replaced ? '协办已修改' : '有协办意见',
      note: '请在答复时参考协办意见',
    },
    step,
  )
  return {}
}
