import { View, Text } from '@tarojs/components'
import type { BirthdayCardView } from '@/core/greetings/views'

/** The birthday card itself: the chair's words, signed by the chair (README), in large warm type. */
export default function BirthdayGreeting({ card }: { card: BirthdayCardView }) {
  return (
    <View className='birthday-card'>
      <Text className='birthday-card__seal'>寿</Text>
      <Text className='birthday-card__title'>{card.title}</Text>
      <Text className='birthday-card__body'>{card.body}</Text>
      {card.signature && <Text className='birthday-card__from'>—— {card.signature}</Text>}
    </View>
  )
}
