import type { homeContract } from '@/core/home/contract'
import { openHome } from '@/core/home/open'
import type { HandlersFor } from './types'

export const homeHandlers: HandlersFor<typeof homeContract> = {
  'home.open': (ctx) => openHome(ctx),
}
