import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

interface SectionProps {
  title?: string
  /** Something small at the right of the title, e.g. a count. */
  extra?: ReactNode
  children?: ReactNode
}

/** A white card grouping related content under an optional heading. */
export default function Section({ title, extra, children }: SectionProps) {
  return (
    <View className='section'>
      {(title || extra) && (
        <View className='section__head'>
          {title && <Text className='section__title'>{title}</Text>}
          {extra && <View className='section__extra'>{extra}</View>}
        </View>
      )}
      {children}
    </View>
  )
}
