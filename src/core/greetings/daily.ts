import type { MemberDoc, UnionDoc } from '../members/model'
import { C } from '../shared/collections'
import type { JobCtx } from '../shared/context'
import { findAll } from '../shared/paging'
import type { OutgoingMessage } from '../shared/ports'
import { shanghaiDate } from '../reminders/shanghai-time'
import { birthdaysCelebratedOn, renderGreeting } from './birthdays'
import { GC } from './collections'
import type { GreetingSettingsDoc } from './model'
import { settingsOrDefault, type GreetingSettings } from './settings'
import type { DailyGreetingReport } from './views'

const UNION_PAGE = 100

/** The message key of a member's greeting on a date: one greeting per member per day, whatever reruns. */
export function birthdayKey(unionId: string, memberId: string, date: string): string {
  return `birthday:${unionId}:${memberId}:${date}`
}

export const BIRTHDAY_LINK = '/subpackages/messages/list/index'

/**
 * The 08:00 job. Unions are paged by _id; in each, members are found by the indexed (unionId, birthday)
 * pair, so the reads grow with the unions and today's birthdays, never with the roster. People who left are
 * never greeted, opted-out members are skipped, retired ones only if the chair chose so.
 */
export async function sendDailyGreetings(ctx: JobCtx): Promise<DailyGreetingReport> {
  const date = shanghaiDate(ctx.clock.now())
  const days = birthdaysCelebratedOn(date)
  const report: DailyGreetingReport = {
    date,
    unions: 0,
    birthdays: 0,
    sent: 0,
    alreadySent: 0,
    skipped: { optedOut: 0, retired: 0 },
  }
  let after: string | null = null
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
    for (const union of unions) {
      report.unions++
      await greetUnion(ctx, union, settingsOrDefault(settingsOf.get(union._id)), date, days, report)
    }
    if (unions.length < UNION_PAGE) break
    after = unions[unions.length - 1]._id
  }
  return report
}

async function greetUnion(
  ctx: JobCtx,
  union: UnionDoc,
  settings: GreetingSettings,
  date: string,
  days: string[],
  report: DailyGreetingReport,
): Promise<void> {
  // One equality query per MM-DD (one, or two on 28 Feb of a common year): it hits the (unionId, birthday)
  // index on every adapter, where an `$in` may not.
  const members: MemberDoc[] = []
  for (const birthday of days) {
    members.push(
      ...(await findAll<MemberDoc>(ctx.store, C.members, {
        unionId: union._id,
        birthday,
        status: { $in: ['active', 'retired'] },
      })),
    )
  }
  for (const m of members) {
    report.birthdays++
    if (m.privacy?.noGreetings) {
      report.skipped.optedOut++
      continue
    }
    if (m.status === 'retired' && !settings.includeRetired) {
      report.skipped.retired++
      continue
    }
    const sent = await ctx.notifier.send(greetingMessage(union, m, settings.template, date))
    if (sent) report.sent++
    else report.alreadySent++
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
