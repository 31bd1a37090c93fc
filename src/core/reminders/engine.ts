import type { JobCtx } from '../shared/context'
import type { Notifier, OutgoingMessage } from '../shared/ports'
import type { ReminderSource } from '../shared/reminders'
import { untilDeadline, type TimeBox } from '../shared/time-box'

export interface SourceReport {
  name: string
  due: number
  sent: number
  alreadySent: number
  /** Set when the source or a send failed; the next run retries, keys make that harmless. */
  error?: string
}

/** Where a run stopped: sources in order, and in a source its due messages in key order. */
export interface RemindersCursor {
  /** Index of the source to go on with; the ones before it are done. */
  source: number
  /** Its messages up to this key are done; null when none is. */
  after: string | null
}

export interface RemindersReport {
  sent: number
  alreadySent: number
  sources: SourceReport[]
  /** Where the next run goes on when the deadline came first. */
  next?: RemindersCursor
}

export interface RemindersOptions {
  /** Stop before this instant (epoch ms) once a batch is sent, returning where to go on. */
  deadline?: number
  /** Where an earlier run stopped (its `next`). */
  from?: RemindersCursor | null
  /**
   * Which of these keys were delivered already, in one read: a rerun then skips them without a request each.
   * Only a shortcut: the notifier's key is what keeps a message from being sent twice.
   */
  delivered?: (keys: string[]) => Promise<ReadonlySet<string>>
}

/** Messages sent at once. */
const SENDS_AT_ONCE = 10
/** Keys asked about at once (a read returns at most 100 documents on CloudBase). */
const LOOKUP = 100
const NONE: ReadonlySet<string> = new Set()

/**
 * One run of the `reminders` job: asks every source what is due now and sends it. A source that fails is
 * reported and the others still run; anything it did not send is due again in ten minutes, and what was
 * sent is not sent again, because the notifier refuses a key it has seen.
 */
export async function runReminders(
  ctx: JobCtx,
  sources: readonly ReminderSource[],
  options: RemindersOptions = {},
): Promise<RemindersReport> {
  const now = ctx.clock.now()
  const box = untilDeadline(options.deadline)
  const from = options.from ?? { source: 0, after: null }
  const report: RemindersReport = { sent: 0, alreadySent: 0, sources: [] }
  for (let i = from.source; i < sources.length; i++) {
    const source = sources[i]
    const line: SourceReport = { name: source.name, due: 0, sent: 0, alreadySent: 0 }
    report.sources.push(line)
    let stoppedAt: string | null = null
    try {
      const due = await source.collect(ctx, now)
      line.due = due.length
      const after = i === from.source ? from.after : null
      const todo = [...due].sort(byKey).filter((m) => after === null || m.key > after)
      stoppedAt = await sendUntil(ctx.notifier, todo, line, box, options.delivered)
    } catch (e) {
      line.error = e instanceof Error ? e.message : String(e)
    }
    report.sent += line.sent
    report.alreadySent += line.alreadySent
    if (stoppedAt !== null) return { ...report, next: { source: i, after: stoppedAt } }
    if (i < sources.length - 1 && box.over()) return { ...report, next: { source: i + 1, after: null } }
  }
  return report
}

/**
 * Sends `todo` (in key order) a batch at a time, counting into `line`. Resolves the key it stopped after when
 * the deadline came with messages left, null when it got through them all.
 */
async function sendUntil(
  notifier: Notifier,
  todo: OutgoingMessage[],
  line: SourceReport,
  box: TimeBox,
  delivered: RemindersOptions['delivered'],
): Promise<string | null> {
  for (let b = 0; b < todo.length; b += LOOKUP) {
    const block = todo.slice(b, b + LOOKUP)
    const known = delivered ? await delivered(block.map((m) => m.key)) : NONE
    const fresh = block.filter((m) => !known.has(m.key))
    line.alreadySent += block.length - fresh.length
    for (let k = 0; k < fresh.length; k += SENDS_AT_ONCE) {
      const batch = fresh.slice(k, k + SENDS_AT_ONCE)
      const outcomes = await Promise.allSettled(batch.map((m) => notifier.send(m)))
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') continue
        if (outcome.value) line.sent++
        else line.alreadySent++
      }
      // The whole batch settled first, so no send of it is still in flight behind the error.
      const failed = outcomes.find((o) => o.status === 'rejected')
      if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason))
      if (k + SENDS_AT_ONCE < fresh.length && box.over()) return batch[batch.length - 1].key
    }
    if (b + LOOKUP < todo.length && box.over()) return block[block.length - 1].key
  }
  return null
}

function byKey(a: OutgoingMessage, b: OutgoingMessage): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0
}

export function describeReminders(report: RemindersReport): string {
  const failed = report.sources.filter((s) => s.error)
  const parts = [`发送提醒 ${report.sent} 条`, `已发过 ${report.alreadySent} 条`]
  if (failed.length) parts.push(`出错 ${failed.map((s) => `${s.name}（${s.error}）`).join('；')}`)
  return parts.join('，')
}
