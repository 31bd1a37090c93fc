import { markGift, quarterRoster, upcomingBirthdays } from '@/core/greetings/chair'
import type { greetingsContract } from '@/core/greetings/contract'
import { greetingSettings, saveGreetingSettings } from '@/core/greetings/settings'
import { todaysBirthdayCard } from '@/core/greetings/today'
import type { HandlersFor } from './types'

export const greetingsHandlers: HandlersFor<typeof greetingsContract> = {
  'greetings.today': (ctx) => todaysBirthdayCard(ctx),
  'greetings.upcoming': upcomingBirthdays,
  'greetings.quarter': quarterRoster,
  'greetings.markGift': markGift,
  'greetings.settings': (ctx) => greetingSettings(ctx),
  'greetings.saveSettings': saveGreetingSettings,
}
