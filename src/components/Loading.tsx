import { View, Text } from '@tarojs/components'

/** What a list shows while its first answer is on the way. */
export default function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='state-block state-block--loading'>
      <Text className='state-block__text'>{text}</Text>
    </View>
  )
}
