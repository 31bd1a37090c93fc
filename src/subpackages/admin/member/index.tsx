import { View, Text } from '@tarojs/components'
import './index.scss'

export default function Home() {
  return (
    <View className='home'>
      <Text className='home__title'>教工之家</Text>
    </View>
  )
}
