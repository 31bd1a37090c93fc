import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { fontScaleStyle } from '@/styles/font-scale'

interface PageProps {
  /** Big heading at the top; the nav bar title is often cut short on small phones. */
  title?: string
  /** One plain sentence under the title saying what this page is for. */
  intro?: string
  children?: ReactNode
}

/**
 * Every page's outer frame: page padding, optional heading, room at the bottom for the tab bar. It carries
 * the phone's WeChat font-size setting to every style under it (styles/font-scale.ts).
 */
export default function Page({ title, intro, children }: PageProps) {
  return (
    <View className='page' style={fontScaleStyle()}>
      {title && <Text className='page__title'>{title}</Text>}
      {intro && <Text className='page__intro'>{intro}</Text>}
      {children}
    </View>
  )
}
