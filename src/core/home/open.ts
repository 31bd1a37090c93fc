import { homeActivities } from '../activities/read'
import { todaysBirthdayCard } from '../greetings/today'
import { homeNotices } from '../notices/read'
import { proposalTodo } from '../proposals/todo'
import { accessRefusal } from '../shared/access'
import type { Ctx } from '../shared/context'
import type { HomeView } from './views'

/**
 * 首页 in one call: every section is read side by side, so the page waits for the slowest section, not for
 * the sum (each is at most two round trips after the caller). Someone the gate would refuse a member's
 * action (not signed in, not bound, left) gets null: the page shows the next step from the session instead.
 */
export async function openHome(ctx: Ctx): Promise<HomeView | null> {
  if (accessRefusal('member', ctx.openid, ctx.member)) return null
  const [birthdayCard, notices, activities, proposals] = await Promise.all([
    todaysBirthdayCard(ctx),
    homeNotices(ctx),
    homeActivities(ctx),
    proposalTodo(ctx),
  ])
  return { birthdayCard, notices, activities, proposals }
}
