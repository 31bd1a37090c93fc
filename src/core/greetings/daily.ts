import type { MemberDoc, UnionDoc } from '../members/model'
import { C } from '../shared/collections'
import type { JobCtx } from '../shared/context'
import { findAll } from '../shared/paging'
import { untilDeadline } from '../shared/time-box'
import type { OutgoingMessage } from '../shared/ports'
import { shanghaiDate } from '../reminders/shanghai-time'
import { birthdaysCelebratedOn, renderGreeting } from './birthdays'
import { GC } from './collections'
import type { GreetingSettingsDoc } from './model'
import { settingsOrDefault, type GreetingSettings } from './settings'
import type { DailyGreetingReport } from './views'

const UNION_PAGE = 100
/** Unions whose birthdays are read at once (one or two reads each). */
const UNIONS_AT_ONCE = 5
/** Greetings sent at once: each is a few requests, and a district's morning has hundreds. */
const SENDS_AT_ONCE = 10

/** The message key of a member's greeting on a date: one greeting per member per day, whatever reruns. */
export function birthdayKey(unionId: string, memberId: string, date: string): string {
  return `birthday:${unionId}:${memberId}:${date}`
}

export const BIRTHDAY_LINK = '/subpackages/messages/list/index'

/** Where a run stopped: unions in `_id` order, and in a union its birthday members in `_id` order. */
export interface GreetingCursor {
  /** Unions up to this `_id` are done; null when none is. */
  unionsAfter: string | null
  /** The union after those, partly done: its members up to `memberAfter` are greeted. */
  partial: { unionId: string; memberAfter: string } | null
}

export interface DailyGreetingOptions {
  /** The Shanghai date to greet for; today by default. */
  date?: string
  /** Stop before this instant (epoch ms) once a batch is sent, returning where to go on. */
  deadline?: number
  /** Where an earlier run for the same date stopped. */
  from?: GreetingCursor | null
}

export interface DailyGreetingRun extends DailyGreetingReport {
  /** Where the next run goes on when the deadline came first; null when every union is done. */
  next: GreetingCursor | null
}

/**
 * The 08:00 job. Unions are paged by _id; in each, members are found by the indexed (unionId, birthday)
 * pair, so the reads grow with the unions and today's birthdays, never with the roster. People who left are
 * never greeted, opted-out members are skipped, retired ones only if the chair chose so.
 *
 * Time-boxed: after each batch it checks the deadline and may stop, returning a cursor. The cursor only
 * saves work; what makes a rerun harmless is the message key (one greeting per member and date).
 */
export async function sendDailyGreetings(ctx: JobCtx, options: DailyGreetingOptions = {}): Promise<DailyGreetingRun> {
  const date = options.date ?? shanghaiDate(ctx.clock.now())
  const days = birthdaysCelebratedOn(date)
  const box = untilDeadline(options.deadline)
  const report: DailyGreetingReport = {
    date,
    unions: 0,
    birthdays: 0,
    sent: 0,
    alreadySent: 0,
    skipped: { optedOut: 0, retired: 0 },
  }
  let after: string | null = options.from?.unionsAfter ?? null
  let partial = options.from?.partial ?? null
  for (;;) {
    const unions: UnionDoc[] = await ctx.store.find<UnionDoc>(C.unions, after === null ? {} : { _id: { $gt: after } }, {
      sort: { _id: 1 },
      limit: UNION_PAGE,
    })
    if (unions.length === 0) break
    const saved = await ctx.store.find<GreetingSettingsDoc>(
      GC.settings,
      { unionId: { $in: unions.map((u) => u._id) } },
      { limit: UNION_PAGE },
    )
    const settingsOf = new Map(saved.map((s) => [s.unionId, s]))
    const lastPage = unions.length < UNION_PAGE
    for (let i = 0; i < unions.length; i += UNIONS_AT_ONCE) {
      const group = unions.slice(i, i + UNIONS_AT_ONCE)
      const birthdays = await Promise.all(group.map((u) => birthdayMembers(ctx, u._id, days)))
      for (const [j, union] of group.entries()) {
        const resumeAfter = partial?.unionId === union._id ? partial.memberAfter : null
        if (resumeAfter === null) report.unions++
        const members = resumeAfter === null ? birthdays[j] : birthdays[j].filter((m) => m._id > resumeAfter)
        const settings = settingsOrDefault(settingsOf.get(union._id))
        for (let k = 0; k < members.length; k += SENDS_AT_ONCE) {
          const batch = members.slice(k, k + SENDS_AT_ONCE)
          await greetBatch(ctx, union, settings, date, batch, report)
          if (k + SENDS_AT_ONCE < members.length && box.over()) {
            const memberAfter = batch[batch.length - 1]._id
            return { ...report, next: { unionsAfter: after, partial: { unionId: union._id, memberAfter } } }
          }
        }
        partial = null
        after = union._id
        const lastUnion = lastPage && i + j === unions.length - 1
        if (!lastUnion && box.over()) return { ...report, next: { unionsAfter: after, partial: null } }
      }
    }
    if (lastPage) break
  }
  return { ...report, next: null }
}

/**
 * Today's birthday members of a union who are still in it, in `_id` order (the cursor's order). One equality
 * query per MM-DD (one, or two on 28 Feb of a common year): it hits the (unionId, birthday) index on every
 * adapter, where an `$in` may not.
 */
async function birthdayMembers(ctx: JobCtx, unionId: string, days: string[]): Promise<MemberDoc[]> {
  const found = await Promise.all(
    days.map((birthday) =>
      findAll<MemberDoc>(ctx.store, C.members, { unionId, birthday, status: { $in: ['active', 'retired'] } }),
    ),
  )
  return found.flat().sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}

async function greetBatch(
  ctx: JobCtx,
  union: UnionDoc,
  settings: GreetingSettings,
  date: string,
  members: MemberDoc[],
  report: DailyGreetingReport,
): Promise<void> {
  const outcomes = await Promise.allSettled(
    members.map(async (m) => {
      report.birthdays++
      if (m.privacy?.noGreetings) {
        report.skipped.optedOut++
        return
      }
      if (m.status === 'retired' && !settings.includeRetired) {
        report.skipped.retired++
        return
      }
      if (await ctx.notifier.send(greetingMessage(union, m, settings.template, date))) report.sent++
      else report.alreadySent++
    }),
  )
  // The whole batch settles first, so a failure never leaves a send of it in flight behind the error.
  for (const outcome of outcomes) {
    if (outcome.status !== 'rejected') continue
    throw outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason))
  }
}

export function greetingMessage(union: UnionDoc, m: MemberDoc, template: string, date: string): OutgoingMessage {
  const body = renderGreeting(template, m.name)
  return {
    key: birthdayKey(union._id, m._id, date),
    unionId: union._id,
    memberId: m._id,
    kind: 'birthday',
    title: `${m.name}老师，生日快乐！`,
    body,
    link: BIRTHDAY_LINK,
    template: 'birthday',
    templateData: { title: `${union.name}祝您生日快乐`, greeting: body, name: m.name, union: union.name, date },
  }
}
