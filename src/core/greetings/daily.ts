import type { MemberDoc, UnionDoc } from '../members/model'
import { C } from '../shared/collections'
import type { JobCtx } from '../shared/context'
import { findAll } from '../shared/paging'
import { untilDeadline } from '../shared/time-box'
import type { OutgoingMessage } from '../shared/ports'
import { shanghaiDate } from '../shared/shanghai-time'
import { birthdaysCelebratedOn } from './birthdays'
import { inOrderBounded } from './bounded'
import { GC } from './collections'
import type { GreetingSettingsDoc } from './model'
import { greetingTitle, renderGreeting } from './template'
import { settingsOrDefault, type GreetingSettings } from './settings'
import type { DailyGreetingReport } from './views'
import { ROUTES } from '../shared/routes'

const UNION_PAGE = 100
/** Unions whose birthdays are read at once (one read each, two on 28 Feb of a common year). */
const READS_AT_ONCE = 20
/**
 * Greetings in flight at once, across the unions of a page: each is a chain of a few requests (the message,
 * the member's openid, a credit, WeChat, the outcome), so a district's ~50 birthdays take three chains' time.
 */
const SENDS_AT_ONCE = 20

/** The message key of a member's greeting on a date: one greeting per member per day, whatever reruns. */
export function birthdayKey(unionId: string, memberId: string, date: string): string {
  return `birthday:${unionId}:${memberId}:${date}`
}

export const BIRTHDAY_LINK = ROUTES.messages

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
 * Round trips: a page of unions is one read; its settings and every union's birthdays are read together; then
 * the page's greetings go out in one queue (unions by _id, members by _id), SENDS_AT_ONCE at a time, so the
 * morning costs a few chains of requests however the birthdays fall over the unions.
 *
 * Time-boxed: once the first SENDS_AT_ONCE greetings are under way it takes no new one after the deadline,
 * lets those in flight settle, and returns a cursor at the last one taken (what was taken is a prefix of the
 * queue). The cursor only saves work; what makes a rerun harmless is the message key (one greeting per member
 * and date).
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
  // Every run does one round of sends before it looks at the clock, so every run moves on.
  let taken = 0
  const more = () => taken < SENDS_AT_ONCE || !box.over()
  for (;;) {
    const unions: UnionDoc[] = await ctx.store.find<UnionDoc>(C.unions, after === null ? {} : { _id: { $gt: after } }, {
      sort: { _id: 1 },
      limit: UNION_PAGE,
    })
    if (unions.length === 0) break
    const birthdays: MemberDoc[][] = []
    const [saved] = await Promise.all([
      ctx.store.find<GreetingSettingsDoc>(
        GC.settings,
        { unionId: { $in: unions.map((u) => u._id) } },
        { limit: UNION_PAGE },
      ),
      inOrderBounded(unions, READS_AT_ONCE, async (u, j) => {
        birthdays[j] = await birthdayMembers(ctx, u._id, days)
      }),
    ])
    const settingsOf = new Map(saved.map((s) => [s.unionId, settingsOrDefault(s)]))
    const resumed = partial
    const queue: Greeting[] = unions.flatMap((union, j) => {
      const settings = settingsOf.get(union._id) ?? settingsOrDefault(null)
      const members =
        resumed?.unionId === union._id ? birthdays[j].filter((m) => m._id > resumed.memberAfter) : birthdays[j]
      return members.map((member) => ({ union, unionIndex: j, member, settings }))
    })
    const sent = await inOrderBounded(
      queue,
      SENDS_AT_ONCE,
      async (g) => {
        taken++
        await greet(ctx, g, date, report)
      },
      more,
    )
    // Unions are counted once, by the run that starts them (a resumed one was counted by its first run).
    const counted = (upTo: number) => unions.slice(0, upTo).filter((u) => u._id !== resumed?.unionId).length
    if (sent < queue.length) {
      // The deadline came while this page's birthdays were read: it starts over next time.
      if (sent === 0) return { ...report, next: { unionsAfter: after, partial: resumed } }
      const last = queue[sent - 1]
      report.unions += counted(last.unionIndex + 1)
      const unionsAfter = last.unionIndex === 0 ? after : unions[last.unionIndex - 1]._id
      return { ...report, next: { unionsAfter, partial: { unionId: last.union._id, memberAfter: last.member._id } } }
    }
    report.unions += counted(unions.length)
    partial = null
    after = unions[unions.length - 1]._id
    if (unions.length < UNION_PAGE) break
    if (box.over()) return { ...report, next: { unionsAfter: after, partial: null } }
  }
  return { ...report, next: null }
}

interface Greeting {
  union: UnionDoc
  /** Where its union is on the page of unions. */
  unionIndex: number
  member: MemberDoc
  settings: GreetingSettings
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

async function greet(ctx: JobCtx, g: Greeting, date: string, report: DailyGreetingReport): Promise<void> {
  const { member: m, settings } = g
  report.birthdays++
  if (m.privacy?.noGreetings) {
    report.skipped.optedOut++
    return
  }
  if (m.status === 'retired' && !settings.includeRetired) {
    report.skipped.retired++
    return
  }
  if (await ctx.notifier.send(greetingMessage(g.union, m, settings.template, date))) report.sent++
  else report.alreadySent++
}

export function greetingMessage(union: UnionDoc, m: MemberDoc, template: string, date: string): OutgoingMessage {
  const body = renderGreeting(template, m.name)
  return {
    key: birthdayKey(union._id, m._id, date),
    unionId: union._id,
    memberId: m._id,
    kind: 'birthday',
    title: greetingTitle(m.name),
    body,
    link: BIRTHDAY_LINK,
    template: 'birthday',
    templateData: { title: `${union.name}祝您生日快乐`, greeting: body, name: m.name, union: union.name, date },
  }
}
