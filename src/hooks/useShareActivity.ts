import { useShareAppMessage } from '@tarojs/taro'
import type { ActivitySummary } from '@/core/activities/views'
import { activityShareCard } from '@/components/activities/share'
import { pageLink, ROUTES } from '@/components/routes'

type Shared = Pick<ActivitySummary, 'id' | 'title' | 'startAt' | 'phase'>

/**
 * 转发到微信群: the activity page's share card (the page config sets enableShareAppMessage). Before the
 * activity has loaded the card still opens this activity, under a plain title.
 */
function useShareActivityWeapp(id: string, activity: Shared | undefined): void {
  useShareAppMessage(() =>
    activity ? activityShareCard(activity) : { title: '活动报名', path: pageLink(ROUTES.activity, { id: id }) },
  )
}

// H5 has no forward sheet. Chosen once per build (TARO_ENV is a build-time constant), so the hook order
// never changes between renders.
export const useShareActivity: (id: string, activity: Shared | undefined) => void =
  process.env.TARO_ENV === 'weapp' ? useShareActivityWeapp : () => undefined
