import { View, Text } from '@tarojs/components'

/** Placeholder until its issue lands. */
export default function Placeholder() {
  return (
    <View style={{ padding: '32px' }}>
      <Text>通知</Text>
    </View>
  )
}
