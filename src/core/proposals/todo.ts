import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import type { Filter } from '../shared/ports'
import { PC } from './collections'
import { cooperationToDo } from './cooperation'
import type { SessionDoc } from './model'
import { sessionPhase } from './rules'
import { shanghaiDate } from '../shared/shanghai-time'
import type { ProposalTodo } from './views'

/** Sessions not yet closed that the home page looks through: a union opens one or two a year. */
const UNCLOSED_MAX = 20

/**
 * 首页's 提案 section: the session collecting now (or next), and one count per thing the caller may have to
 * do, only for the roles they hold. Every read is independent: one round trip after the caller. Exported for
 * `home.open`, which runs it beside the other sections.
 */
export async function proposalTodo(ctx: Ctx): Promise<ProposalTodo> {
  const caller = me(ctx)
  const { unionId } = caller
  const has = (role: string) => caller.roles.some((r) => r === role)
  const now = ctx.clock.now()
  const count = (filter: Filter) => ctx.store.count(PC.proposals, { unionId, ...filter })
  // 回避: what the caller proposed or seconded is not theirs to review, assign, check or answer. Proposer and
  // seconders are different people, so the two counts never overlap (and need no $or, which the store lacks).
  const notMine = async (filter: Filter) => {
    const [all, proposed, seconded] = await Promise.all([
      count(filter),
      count({ ...filter, proposerId: caller._id }),
      count({ ...filter, 'seconders.memberId': caller._id }),
    ])
    return all - proposed - seconded
  }
  const none = Promise.resolve(0)
  const delegate = has('delegate')
  const committee = has('committee')
  const department = has('deptHead') ? caller.department : undefined
  // Started here, awaited below: it runs beside the reads of the Promise.all (same round trip).
  const toCooperate = department ? cooperationToDo(ctx, department) : none
  // 答复审核: replies waiting for the committee (sign-off.ts); they are not the department's to answer again.
  const toSignOff = committee ? notMine({ status: 'assigned', pendingSignOff: { $exists: true } }) : none
  // 延期申请 waiting for a decision (supervision.ts): the committee decides them (the chair too, told by message).
  const toDecide = committee
    ? notMine({
        status: 'assigned',
        'extension.requested.at': { $exists: true },
        'extension.decided': { $exists: false },
      })
    : none
  const [unclosed, myDrafts, myInProgress, toRate, invitations, toReview, toAssign, repliesToCheck, toReply] =
    await Promise.all([
      // Newest first, as the sessions list orders them: the open one wins, else the upcoming one.
      ctx.store.find<SessionDoc>(
        PC.sessions,
        { unionId, closesAt: { $gte: now.toISOString() } },
        { sort: { opensAt: -1 }, limit: UNCLOSED_MAX },
      ),
      delegate ? count({ proposerId: caller._id, status: 'draft' }) : none,
      delegate
        ? count({
            proposerId: caller._id,
            status: { $in: ['submitted', 'accepted', 'converted', 'assigned', 'replied'] },
          })
        : none,
      delegate ? count({ proposerId: caller._id, status: 'replied' }) : none,
      delegate
        ? ctx.store.count(PC.seconds, { unionId, memberId: caller._id, status: 'invited', locked: false })
        : none,
      committee ? notMine({ status: 'submitted' }) : none,
      committee ? notMine({ status: { $in: ['accepted', 'converted'] } }) : none,
      committee ? notMine({ status: 'replied', replyReturned: false }) : none,
      department
        ? notMine({ status: 'assigned', 'assignment.lead': department, pendingSignOff: { $exists: false } })
        : none,
    ])
  const todo: ProposalTodo = {
    myDrafts,
    myInProgress,
    toRate,
    invitations,
    toReview,
    toAssign,
    repliesToCheck,
    toReply,
    toCooperate: await toCooperate,
    repliesToSignOff: await toSignOff,
    extensionsToDecide: await toDecide,
  }
  const current =
    unclosed.find((s) => sessionPhase(s, now) === 'open') ?? unclosed.find((s) => sessionPhase(s, now) === 'upcoming')
  if (current) {
    todo.currentSession = {
      id: current._id,
      name: current.name,
      open: sessionPhase(current, now) === 'open',
      closesOn: shanghaiDate(new Date(current.closesAt)),
    }
  }
  return todo
}
