import type { activitiesContract } from '@/core/activities/contract'
import type { HandlersFor } from './types'

export const activitiesHandlers: HandlersFor<typeof activitiesContract> = {}
