import type { ActivitySummary } from '@/core/activities/views'
import { formatWhen } from '@/core/shared/shanghai-time'
import { pageLink, ROUTES } from '@/core/shared/routes'

export interface ShareCard {
  title: string
  path: string
}

/**
 * The card a teacher forwards to a WeChat group: the activity's title and start, and the same detail page
 * (with its id) that the poster's mini-program code opens, so a colleague lands where a scan would.
 */
export function activityShareCard(a: Pick<ActivitySummary, 'id' | 'title' | 'startAt' | 'phase'>): ShareCard {
  const when = formatWhen(a.startAt)
  const title = a.phase === 'cancelled' ? `【已取消】${a.title} ${when}` : `${a.title} ${when}`
  return { title, path: pageLink(ROUTES.activity, { id: a.id }) }
}
