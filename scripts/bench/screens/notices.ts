import { call, measure } from '../round-trip-measure'
import { PEOPLE, type Screens } from './types'

/** 通知 detail (src/subpackages/notices/detail): tapping the first unread notice on 首页 opens it. */
export const noticeScreens: Screens = async ({ emulator }) => {
  const listed = (await emulator.invoke('api', { action: 'notices.list', data: {} }, { openid: PEOPLE.teacher })) as {
    data: { items: { id: string; read: boolean; withdrawn: boolean }[] }
  }
  const notice = listed.data.items.find((n) => !n.read && !n.withdrawn) ?? listed.data.items[0]
  if (!notice) throw new Error('the demo teacher has no notice to open')
  const open = await measure(emulator, [[call(PEOPLE.teacher, 'notices.open', { noticeId: notice.id })]])
  return { noticeOpen: open.figures }
}
