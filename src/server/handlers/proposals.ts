import type { proposalsContract } from '@/core/proposals/contract'
import type { HandlersFor } from './types'

export const proposalsHandlers: HandlersFor<typeof proposalsContract> = {}
