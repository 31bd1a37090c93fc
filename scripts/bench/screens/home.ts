import { call, cold, measure } from '../round-trip-measure'
import { PEOPLE, type Screens } from './types'

/** 首页 (src/pages/index) as the app opens: one call brings every section and the session with it. */
export const homeScreens: Screens = async ({ emulator }) => {
  const home = await measure(emulator, [[cold(call(PEOPLE.teacher, 'home.open'))]])
  return { home: home.figures }
}
