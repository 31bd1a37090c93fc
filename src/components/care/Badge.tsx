import { Text } from '@tarojs/components'

/** A red count (unread notices or messages); nothing when there is nothing new. */
export default function Badge({ count }: { count: number }) {
  if (count <= 0) return null
  return <Text className='care-badge'>{count > 99 ? '99+' : count}</Text>
}

/** A red dot before an unread line. */
export function UnreadDot({ unread }: { unread: boolean }) {
  return unread ? <Text className='care-dot' aria-label='未读' /> : null
}
