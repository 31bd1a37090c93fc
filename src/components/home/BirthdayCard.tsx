import { View } from '@tarojs/components'
import BirthdayGreeting from '@/components/care/BirthdayGreeting'
import { CARE_ROUTES } from '@/components/care/routes'
import { openPage } from '@/components/routes'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import '../care/home.scss'

/** On a member's birthday, the union's card greets them at the top of 首页 all day; nothing on other days. */
export default function BirthdayCard() {
  const bound = useSession().whoami?.bound ?? false
  const query = useQuery(() => (bound ? call('greetings.today', {}) : Promise.resolve(null)), [bound])
  if (!query.data) return null
  return (
    <View onClick={() => openPage(CARE_ROUTES.messages)}>
      <BirthdayGreeting card={query.data} />
    </View>
  )
}
