import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A list with nothing in it says so plainly, and offers the next step if there is one. */
export default function Empty({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className='state-block state-block--empty'>
      <Text className='state-block__text'>{text}</Text>
      {children}
    </View>
  )
}
