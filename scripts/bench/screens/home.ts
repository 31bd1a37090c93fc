import { call, measure } from '../round-trip-measure'
import { PEOPLE, type Screens } from './types'

/** 首页 (src/pages/index): session.whoami, then the sections together. */
export const homeScreens: Screens = async ({ emulator }) => {
  const t = PEOPLE.teacher
  const home = await measure(emulator, [
    [call(t, 'session.whoami')],
    [
      call(t, 'greetings.today'),
      call(t, 'notices.list'),
      call(t, 'messages.unreadCount'),
      call(t, 'activities.list'),
      call(t, 'proposals.todo'),
    ],
  ])
  return { home: home.figures }
}
