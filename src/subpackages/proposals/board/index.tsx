import { View, Text } from '@tarojs/components'

/** Placeholder until its issue lands. */
export default function Placeholder() {
  return (
    <View style={{ padding: '32px' }}>
      <Text>提案</Text>
    </View>
  )
}
