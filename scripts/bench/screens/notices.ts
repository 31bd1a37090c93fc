import { call, measure } from '../round-trip-measure'
import { PEOPLE, type Screens } from './types'

/**
 * 通知 (src/subpackages/notices): the list's first page as a teacher opens it, then tapping the first unread
 * notice on it opens it (notices.open also records the read receipt).
 */
export const noticeScreens: Screens = async ({ emulator }) => {
  const list = await measure(emulator, [[call(PEOPLE.teacher, 'notices.list', {})]])
  const listed = list.replies[0][0] as { data: { items: { id: string; read: boolean; withdrawn: boolean }[] } }
  const notice = listed.data.items.find((n) => !n.read && !n.withdrawn) ?? listed.data.items[0]
  if (!notice) throw new Error('the demo teacher has no notice to open')
  const open = await measure(emulator, [[call(PEOPLE.teacher, 'notices.open', { noticeId: notice.id })]])
  return { noticesList: list.figures, noticeOpen: open.figures }
}
