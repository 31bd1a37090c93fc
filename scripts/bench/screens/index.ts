// Every screen the round-trips bench measures, in order, and each figure's budget (issue 12). The bench prints
// them; test/integration/round-trips.test.ts holds the same budgets on the emulator in every `npm test`.
import { activityScreens } from './activities'
import { dailyJobScreens } from './daily-job'
import { homeScreens } from './home'
import { noticeScreens } from './notices'
import { proposalScreens } from './proposals'
import type { Screens } from './types'

export interface Budget {
  calls?: number
  sequential?: number
  replyBytes?: number
}

/** In this order: the home first, before the activities scenario adds 500 activities to the union. */
export const SCENARIOS: Screens[] = [homeScreens, activityScreens, noticeScreens, proposalScreens]

/** Screens on an environment of their own at a district's size (20,000 members): the bench only. */
export const DISTRICT_SCENARIOS: Screens[] = [dailyJobScreens]

export const BUDGETS: Record<string, Budget> = {
  home: { calls: 1, sequential: 3 },
  activityFromQr: { calls: 1, sequential: 3 },
  signUpSeat: { sequential: 4 },
  signUpWaitlisted: { sequential: 4 },
  cancelConfirmed: { sequential: 5 },
  noticeOpen: { sequential: 3 },
  proposalSubmit: { sequential: 8 },
  activitiesList500: { replyBytes: 5 * 1024 },
  // One default page of 全部活动 / 全部通知 (issue 12 names no budget: a page a phone loads quickly).
  activitiesListPage: { sequential: 3, replyBytes: 30 * 1024 },
  noticesList: { sequential: 3, replyBytes: 30 * 1024 },
  board2000: { sequential: 3, replyBytes: 50 * 1024 },
  dailyJob20k: { sequential: 30 },
}
