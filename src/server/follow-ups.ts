import { followUpCutoff, type FollowUp, type FollowUpMarked } from '@/core/shared/follow-up'
import type { JobCtx } from '@/core/shared/context'
import { untilDeadline } from '@/core/shared/time-box'
import { signupFollowUp } from '@/core/activities/complete'
import { memberImportFollowUp } from '@/core/members/import-follow-up'
import { noticeCorrectionFollowUp } from '@/core/notices/correct'
import { proposalsFollowUp, secondsFollowUp } from '@/core/proposals/follow-up'
import { suggestionConversionFollowUp } from '@/core/suggestions/suggestions'

/** Every capability's interrupted writes the `follow-ups` job finishes (src/core/shared/follow-up.ts). */
export const FOLLOW_UPS: readonly FollowUp[] = [
  signupFollowUp,
  memberImportFollowUp,
  noticeCorrectionFollowUp,
  proposalsFollowUp,
  secondsFollowUp,
  suggestionConversionFollowUp,
]

export interface FollowUpReport {
  /** Finished per kind, e.g. { 报名: 2 }. */
  finished: Record<string, number>
  failed: number
  /** True when the deadline came first; the next run goes on (the marks are still there). */
  stopped: boolean
}

/** Pages of this many, a few at a time: each finish is a handful of requests. */
const PAGE = 50
const PARALLEL = 5

/**
 * Finishes marked writes older than the grace period, oldest first, until `deadline` (epoch ms). One that
 * fails is logged and left marked for the next run; the others go on.
 */
export async function finishFollowUps(
  ctx: JobCtx,
  deadline: number,
  kinds: readonly FollowUp[] = FOLLOW_UPS,
): Promise<FollowUpReport> {
  const report: FollowUpReport = { finished: {}, failed: 0, stopped: false }
  const box = untilDeadline(deadline)
  for (const kind of kinds) {
    const cutoff = followUpCutoff(ctx.clock.now())
    // Each document once per run: one that stays marked (it failed) is not retried until the next run.
    const seen = new Set<string>()
    while (seen.size < 1000 - PAGE) {
      if (box.over()) return { ...report, stopped: true }
      const page = (
        await ctx.store.find<FollowUpMarked>(
          kind.collection,
          { followUpAt: { $lt: cutoff } },
          { sort: { followUpAt: 1 }, limit: PAGE + seen.size },
        )
      ).filter((d) => !seen.has(d._id))
      if (page.length === 0) break
      for (const doc of page) seen.add(doc._id)
      for (let i = 0; i < page.length; i += PARALLEL) {
        await Promise.all(
          page.slice(i, i + PARALLEL).map(async (doc) => {
            try {
              await kind.finish(ctx, doc)
              report.finished[kind.name] = (report.finished[kind.name] ?? 0) + 1
            } catch (e) {
              report.failed += 1
              console.error(`[follow-ups] ${kind.name} ${doc._id}:`, e)
            }
          }),
        )
        if (box.over()) return { ...report, stopped: true }
      }
    }
  }
  return report
}
