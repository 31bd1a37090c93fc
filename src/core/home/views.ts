import type { ActivityPage } from '../activities/views'
import type { BirthdayCardView } from '../greetings/views'
import type { HomeNotices } from '../notices/views'
import type { ProposalTodo } from '../proposals/views'

/** Everything 首页 shows a bound member, from one call: each capability's own first rows. */
export interface HomeView {
  /** The union's card on my birthday; null on other days. */
  birthdayCard: BirthdayCardView | null
  notices: HomeNotices
  /** The next few activities (the first rows of 全部活动). */
  activities: ActivityPage
  proposals: ProposalTodo
}
