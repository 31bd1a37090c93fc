import type { GroupDoc, MemberDoc } from '../members/model'
import { groupsOfUnion, loadMemberInUnion } from '../members/lookup'
import { seesBirthYear } from '../members/powers'
import { C } from '../shared/collections'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import type { Filter } from '../shared/ports'
import { daysBetween, shanghaiDate } from '../shared/shanghai-time'
import {
  ageTurning,
  birthdaysCelebratedWithin,
  birthdaysOfQuarter,
  celebrationDate,
  nextCelebration,
} from './birthdays'
import { GC } from './collections'
import type { BirthdayGiftDoc, GiftKind } from './model'
import type { BirthdayRow, QuarterRoster, UpcomingBirthdays, UpcomingRange } from './views'

const RANGE_DAYS: Record<UpcomingRange, number> = { week: 7, month: 30, quarter: 90 }

/** Members the chair prepares for: everyone not gone. hideBirthday members are listed here on purpose. */
const NOT_LEFT = { $in: ['active', 'retired'] }

/**
 * Birthdays in the next 7 / 30 / 90 days, soonest first, found through the (unionId, birthday) index. 「7天内」
 * reads as today and the 7 days after it (today is day 0), so a birthday a week from today is on the list:
 * the chair buys the cake a week ahead. Days are Shanghai calendar days.
 */
export async function upcomingBirthdays(ctx: Ctx, input: { range: UpcomingRange }): Promise<UpcomingBirthdays> {
  const actor = me(ctx)
  const today = shanghaiDate(ctx.clock.now())
  const days = RANGE_DAYS[input.range]
  const members = await findAll<MemberDoc>(ctx.store, C.members, {
    unionId: actor.unionId,
    birthday: { $in: birthdaysCelebratedWithin(today, days + 1) },
    status: NOT_LEFT,
  })
  const dated = members
    .map((m) => ({ m, date: nextCelebration(m.birthday, today) }))
    .filter(({ date }) => daysBetween(today, date) <= days)
  const rows = await toRows(ctx, actor, dated, today)
  return {
    today,
    range: input.range,
    days,
    rows: rows.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'zh')),
  }
}

/** The 季度生日会 roster: everyone with a birthday in the quarter of `year`, by month, with gift marks. */
export async function quarterRoster(ctx: Ctx, input: { year: number; quarter: number }): Promise<QuarterRoster> {
  const actor = me(ctx)
  const today = shanghaiDate(ctx.clock.now())
  const { from, to } = birthdaysOfQuarter(input.quarter)
  const filter: Filter = { unionId: actor.unionId, birthday: { $gte: from, $lte: to }, status: NOT_LEFT }
  const members = await findAll<MemberDoc>(ctx.store, C.members, filter)
  const dated = members.map((m) => ({ m, date: celebrationDate(m.birthday, input.year) }))
  const rows = (await toRows(ctx, actor, dated, today)).sort(
    (a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'zh'),
  )
  const firstMonth = (input.quarter - 1) * 3 + 1
  const months = [firstMonth, firstMonth + 1, firstMonth + 2].map((month) => ({
    month,
    rows: rows.filter((r) => Number(r.date.slice(5, 7)) === month),
  }))
  return {
    year: input.year,
    quarter: input.quarter,
    months,
    total: rows.length,
    giftsGiven: rows.filter((r) => r.gift?.given).length,
  }
}

/**
 * Marks (or un-marks) a birthday gift for a member and year. One document per member per year by its _id;
 * un-marking keeps the history of what was marked.
 */
export async function markGift(
  ctx: Ctx,
  input: { memberId: string; year: number; given: boolean; kind: GiftKind; note: string },
): Promise<BirthdayRow> {
  const actor = me(ctx)
  const member = await loadMemberInUnion(ctx.store, actor.unionId, input.memberId)
  if (member.status === 'left') throw new AppError('CONFLICT', `${member.name}已调离，无需登记生日礼物`)
  const at = nowIso(ctx)
  const entry = { given: input.given, kind: input.kind, note: input.note, at, by: actor._id }
  const _id = `${member._id}_${input.year}`
  const updated = await ctx.store.updateOne(
    GC.gifts,
    { _id, unionId: actor.unionId },
    {
      $set: { given: input.given, kind: input.kind, note: input.note, at, by: actor._id },
      $push: { history: [entry] },
    },
  )
  if (!updated) {
    const doc: BirthdayGiftDoc = {
      _id,
      unionId: actor.unionId,
      memberId: member._id,
      year: input.year,
      ...entry,
      history: [entry],
    }
    await ctx.store.insert(GC.gifts, doc)
  }
  const today = shanghaiDate(ctx.clock.now())
  const [row] = await toRows(ctx, actor, [{ m: member, date: celebrationDate(member.birthday, input.year) }], today)
  return row
}

async function toRows(
  ctx: Ctx,
  actor: MemberDoc,
  dated: { m: MemberDoc; date: string }[],
  today: string,
): Promise<BirthdayRow[]> {
  if (dated.length === 0) return []
  const [groups, gifts] = await Promise.all([
    groupsOfUnion(ctx.store, actor.unionId),
    giftsFor(ctx, actor.unionId, dated),
  ])
  const groupName = new Map(groups.map((g: GroupDoc) => [g._id, g.name]))
  const giftOf = new Map(gifts.map((g) => [g._id, g]))
  // Birth years stay on the server; only who may see them (the chair) is told the age.
  const showAge = seesBirthYear(actor)
  return dated.map(({ m, date }) => {
    const gift = giftOf.get(`${m._id}_${date.slice(0, 4)}`)
    const row: BirthdayRow = {
      memberId: m._id,
      name: m.name,
      groupName: groupName.get(m.groupId) ?? '',
      status: m.status,
      birthday: m.birthday,
      date,
      daysAway: daysBetween(today, date),
      hideBirthday: Boolean(m.privacy?.hideBirthday),
      noGreetings: Boolean(m.privacy?.noGreetings),
    }
    const age = showAge ? ageTurning(m.birthYear, Number(date.slice(0, 4))) : undefined
    if (age !== undefined) row.age = age
    if (gift) row.gift = { given: gift.given, kind: gift.kind, note: gift.note }
    return row
  })
}

/** Gift marks by their deterministic ids, 100 ids per read, the reads at once (a school's quarter is a few). */
async function giftsFor(
  ctx: Ctx,
  unionId: string,
  dated: { m: MemberDoc; date: string }[],
): Promise<BirthdayGiftDoc[]> {
  const ids = dated.map(({ m, date }) => `${m._id}_${date.slice(0, 4)}`)
  const reads: Promise<BirthdayGiftDoc[]>[] = []
  for (let i = 0; i < ids.length; i += 100) {
    reads.push(
      ctx.store.find<BirthdayGiftDoc>(GC.gifts, { unionId, _id: { $in: ids.slice(i, i + 100) } }, { limit: 100 }),
    )
  }
  return (await Promise.all(reads)).flat()
}
