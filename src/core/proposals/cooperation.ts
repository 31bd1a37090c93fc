import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { checkTexts } from '../shared/content'
import { shanghaiDate } from '../shared/shanghai-time'
import { PC } from './collections'
import { cooperationKey, opinionOf, type CooperationQueue, type CooperationRow } from './cooperation-view'
import { givenLine, replacedLine } from './cooperation-notify'
import { advance, loadSettled } from './follow-up'
import { historyEntry, refuseIfNamed, refuseUnlessIn } from './lookup'
import type { CooperationEntry, ProposalDoc } from './model'
import { toDetail, toRow } from './present'
import type { ProposalDetail } from './views'

/** Why 回避 refuses a 协办 head's opinion (the rule of RECUSE_REPLY, for 协办). */
export const RECUSE_COOPERATE = '这是您提出或附议的提案，请由本部门其他负责人提交协办意见'

/**
 * 协办意见: a head of a 协办 department gives the department's opinion while the proposal is with the
 * departments. One per department: a later one replaces it (the department's view may change after a reply
 * was sent back, and the 主办 department needs its current view, not a pile), and the history keeps both
 * steps (提交 / 修改). The opinion is written with the step's mark; the 主办 heads' message is what is left
 * (cooperation-notify.ts).
 */
export async function cooperate(ctx: Ctx, input: { proposalId: string; opinion: string }): Promise<ProposalDetail> {
  const caller = me(ctx)
  const p = await loadSettled(ctx, input.proposalId)
  refuseUnlessIn(p, 'cooperate')
  const department = caller.department ?? ''
  const key = department ? cooperationKey(p, department) : null
  if (!key) {
    const asked = p.assignment?.cooperating ?? []
    throw new AppError(
      'FORBIDDEN',
      asked.length
        ? `这份提案的协办部门是${asked.join('、')}，只有协办部门的负责人可以提交协办意见`
        : '这份提案没有协办部门',
    )
  }
  refuseIfNamed(p, caller._id, RECUSE_COOPERATE)
  const text = input.opinion.trim()
  await checkTexts(ctx, { opinion: text })
  const before = opinionOf(p, department)
  // The same words again are a retry (a reply lost on a weak signal), not a change: nothing new is written
  // or sent; loading the proposal already finished what the first try left.
  if (before?.text === text) return toDetail(ctx, p, caller)
  const entry = historyEntry(ctx, before ? replacedLine(department) : givenLine(department))
  const opinion: CooperationEntry = { department, text, at: entry.at, byId: caller._id, byName: caller.name }
  const path = `cooperation.${key}`
  const moved = await advance(
    ctx,
    p,
    'cooperate',
    'cooperate',
    // The department joins the list the home page counts by, once (a replacement finds it there).
    before ? { $set: { [path]: opinion } } : { $set: { [path]: opinion }, $push: { cooperationGiven: [department] } },
    entry,
    { 'assignment.cooperating': department },
  )
  // advance knows the update's paths, not the nested value they wrote: the page gets the opinion in place.
  const shown: ProposalDoc = { ...moved, cooperation: { ...p.cooperation, [key]: opinion } }
  delete shown[path]
  return toDetail(ctx, shown, caller)
}

/** The most of each 协办 list read at once: a department cooperates on a few proposals a session. */
const QUEUE_MAX = 100

/**
 * 协办的提案 of the caller's department: those still with the departments and without its opinion first
 * (earliest reply date first), then the others (opinion given, answered or closed), newest first. Two reads at
 * once, each bounded.
 */
export async function cooperationQueue(ctx: Ctx): Promise<CooperationQueue> {
  const { unionId, department } = me(ctx)
  if (!department) return { department: '', waiting: [], others: [], more: false }
  const cooperating = { unionId, 'assignment.cooperating': department }
  const [open, done] = await Promise.all([
    ctx.store.find<ProposalDoc>(
      PC.proposals,
      { ...cooperating, status: 'assigned' },
      { sort: { 'assignment.replyBy': 1 }, limit: QUEUE_MAX + 1 },
    ),
    ctx.store.find<ProposalDoc>(
      PC.proposals,
      { ...cooperating, status: { $in: ['replied', 'closed'] } },
      { sort: { updatedAt: -1 }, limit: QUEUE_MAX + 1 },
    ),
  ])
  const today = shanghaiDate(ctx.clock.now())
  const row = (p: ProposalDoc): CooperationRow => ({ ...toRow(p, today), given: !!opinionOf(p, department) })
  const rows = open.slice(0, QUEUE_MAX).map(row)
  return {
    department,
    waiting: rows.filter((r) => !r.given),
    others: [...rows.filter((r) => r.given), ...done.slice(0, QUEUE_MAX).map(row)],
    more: open.length > QUEUE_MAX || done.length > QUEUE_MAX,
  }
}

/**
 * 首页's count of the department's 协办 proposals still without its opinion: those with the departments, less
 * those it has answered (equality on an array holds for every store; "not in the list" does not).
 */
export async function cooperationToDo(ctx: Ctx, department: string): Promise<number> {
  const caller = me(ctx)
  const filter = { unionId: caller.unionId, 'assignment.cooperating': department, status: 'assigned' }
  // Waiting = all − given; 回避: less what the caller proposed or seconded (never both) and is still waiting.
  // Equality counts only: "not in the list" is not portable across the stores, and there is no $or.
  const waiting = async (extra: Record<string, string>) => {
    const [all, given] = await Promise.all([
      ctx.store.count(PC.proposals, { ...filter, ...extra }),
      ctx.store.count(PC.proposals, { ...filter, ...extra, cooperationGiven: department }),
    ])
    return all - given
  }
  const [all, proposed, seconded] = await Promise.all([
    waiting({}),
    waiting({ proposerId: caller._id }),
    waiting({ 'seconders.memberId': caller._id }),
  ])
  return all - proposed - seconded
}
