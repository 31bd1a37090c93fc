import * as v from 'valibot'
import { action } from '../shared/action'
import type { HomeView } from './views'

export const homeContract = {
  // Anyone: a caller not yet bound gets null and the page shows the bind step from the session beside it.
  'home.open': action<HomeView | null>()({
    access: 'anyone',
    input: v.strictObject({}, '参数不正确'),
    summary: '首页',
    writes: false,
  }),
}
