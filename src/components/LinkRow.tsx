import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

interface LinkRowProps {
  title: string
  /** A second line, e.g. 工号 and 小组 in the roster. */
  detail?: ReactNode
  /** Something at the right before the arrow, e.g. a count or 已绑定. */
  extra?: ReactNode
  onClick: () => void
}

/** A tappable row that opens another page; the whole row is the target, with a › to say so. */
export default function LinkRow({ title, detail, extra, onClick }: LinkRowProps) {
  return (
    <View className='link-row' hoverClass='link-row--pressed' onClick={onClick}>
      <View className='link-row__main'>
        <Text className='link-row__title'>{title}</Text>
        {detail && <View className='link-row__detail'>{detail}</View>}
      </View>
      {extra && <View className='link-row__extra'>{extra}</View>}
      <Text className='link-row__arrow'>›</Text>
    </View>
  )
}
