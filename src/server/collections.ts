import { AC } from '@/core/activities/collections'
import { GC } from '@/core/greetings/collections'
import { MC } from '@/core/messages/collections'
import { NC } from '@/core/notices/collections'
import { PC } from '@/core/proposals/collections'
import { C } from '@/core/shared/collections'
import { SC } from '@/core/suggestions/collections'

/** Collections of the server itself. */
export const JC = {
  /** One record per job and period (`daily:2026-12-05T08:00`): who holds it, where it got to, its report. */
  runs: 'jobRuns',
} as const

/**
 * Every collection the product uses, each capability naming its own. On CloudBase a collection must exist
 * before the first read or write (-502005 otherwise), so `init` creates exactly these, and a test checks that
 * no code names a collection outside them.
 */
export const COLLECTION_MAPS = { C, AC, GC, MC, NC, PC, SC, JC }

export const COLLECTIONS: string[] = [
  ...new Set(Object.values(COLLECTION_MAPS).flatMap((map) => Object.values(map) as string[])),
].sort()
