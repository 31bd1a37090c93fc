import type { JobCtx } from './context'
import type { OutgoingMessage } from './ports'

/**
 * A kind of reminder the `reminders` job sends (activity tomorrow, sign-up closing, 提案 reply due…). Sources
 * derive what is due from the current state, so nothing has to be scheduled in advance and a changed
 * activity time simply changes what is due. Each message carries a key (member + subject + occasion), so
 * re-running the job, or two overlapping runs, deliver nothing twice.
 */
export interface ReminderSource {
  name: string
  /** Messages due at `now`; reads in pages of at most 100 documents. */
  collect(ctx: JobCtx, now: Date): Promise<OutgoingMessage[]>
}
