import type { JobCtx } from './context'
import type { Doc } from './ports'

/**
 * Crash safety for writes of several steps. A cloud function can be killed at any `await` (CloudBase's
 * timeout, a redeploy), so a use case that writes more than one document marks the document that carries its
 * intent with `followUpAt` (ISO time) in its *first* step's own update, and removes the mark in its *last*
 * step's. Every step in between is idempotent (conditional updates, deterministic _ids), so finishing an
 * interrupted write is running its remaining steps again.
 *
 * Who finishes: the caller's own retry where the action allows it (a second tap on 报名 resumes), and
 * otherwise the `follow-ups` job, once the mark is older than FOLLOW_UP_GRACE_MS — longer than any
 * function's timeout, so a write still running is never raced.
 */
export const FOLLOW_UP_FIELD = 'followUpAt'

/** cron runs up to 60 s and api up to 10 s (scripts/functions.ts); twice the longest is safely over. */
export const FOLLOW_UP_GRACE_MS = 2 * 60_000

export interface FollowUpMarked extends Doc {
  followUpAt?: string
}

/** One kind of interrupted write the job can finish: documents of `collection` carrying the mark. */
export interface FollowUp {
  /** For logs and the job's report, e.g. "报名". */
  name: string
  collection: string
  /** Runs the remaining steps; the last one removes the mark. Must be safe to run twice, or concurrently. */
  finish(ctx: JobCtx, doc: FollowUpMarked): Promise<void>
}

/** Marks older than this (ISO) belong to writes that can no longer be running. */
export function followUpCutoff(now: Date): string {
  return new Date(now.getTime() - FOLLOW_UP_GRACE_MS).toISOString()
}
