import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import type { Filter } from '../shared/ports'
import { PC } from './collections'
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
  const none = Promise.resolve(0)
  const delegate = has('delegate')
  const committee = has('committee')
  const department = has('deptHead') ? caller.department : undefined
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
      committee ? count({ status: 'submitted' }) : none,
      committee ? count({ status: { $in: ['accepted', 'converted'] } }) : none,
      committee ? count({ status: 'replied', replyReturned: false }) : none,
      department ? count({ status: 'assigned', 'assignment.lead': department }) : none,
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
