import { View } from '@tarojs/components'
import type { BirthdayCardView } from '@/core/greetings/views'
import BirthdayGreeting from '@/components/care/BirthdayGreeting'
import { openPage, ROUTES } from '@/components/routes'
import '../care/home.scss'

/** On a member's birthday, the union's card greets them at the top of 首页 all day; nothing on other days. */
export default function BirthdayCard({ card }: { card: BirthdayCardView | null }) {
  if (!card) return null
  return (
    <View onClick={() => openPage(ROUTES.messages)}>
      <BirthdayGreeting card={card} />
    </View>
  )
}
