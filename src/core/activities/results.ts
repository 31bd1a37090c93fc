import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { checkTexts } from '../shared/content'
import { AppError } from '../shared/errors'
import { AC } from './collections'
import { captainTeams, loadActivity } from './load'
import { WHOLE_EVENT, type ActivityDoc, type ResultEntry, type SignupDoc } from './model'
import { activitySignups, peopleOf } from './read'
import { resultsRefusal } from './rules'
import type { RankingLine, ResultsView } from './views'

/**
 * The chair records one placing: a person in an item (or the whole event), or a 小组's team. Each entry is
 * its own field (results.<item>.<entrant>), so two people recording at once never overwrite each other.
 */
export async function recordResult(
  ctx: Ctx,
  input: { activityId: string; itemId: string; entrantId: string; place: number; score: string },
): Promise<ResultsView> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const notYet = resultsRefusal(a, ctx.clock.now())
  if (notYet) throw new AppError('CONFLICT', notYet)
  const key = input.itemId || WHOLE_EVENT
  if (input.itemId && !a.items.some((i) => i.id === input.itemId))
    throw new AppError('BAD_INPUT', '项目不存在', { itemId: '项目不存在' })
  const confirmed = (await activitySignups(ctx, a)).filter((s) => s.status === 'confirmed')
  const team = a.team.mode !== 'none' && !input.itemId && confirmed.some((s) => s.teamId === input.entrantId)
  const person = confirmed.find(
    (s) => s.memberId === input.entrantId && (!input.itemId || s.itemIds.includes(input.itemId)),
  )
  if (!team && !person)
    throw new AppError('BAD_INPUT', input.itemId ? '这位会员没有报这个项目' : '这位会员或小组没有报名这个活动', {
      entrantId: '请选择参赛者',
    })
  // Every member reads the results.
  await checkTexts(ctx, { score: input.score })
  const entry: ResultEntry = { team, place: input.place, score: input.score, recordedAt: nowIso(ctx) }
  await ctx.store.updateOne(
    AC.activities,
    { _id: a._id, unionId: a.unionId },
    { $set: { [`results.${key}.${input.entrantId}`]: entry, updatedAt: entry.recordedAt } },
  )
  return resultsOf(ctx, await loadActivity(ctx, caller.unionId, a._id), confirmed)
}

export async function results(ctx: Ctx, input: { activityId: string }): Promise<ResultsView> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const confirmed = (await activitySignups(ctx, a)).filter((s) => s.status === 'confirmed')
  return resultsOf(ctx, a, confirmed)
}

async function resultsOf(ctx: Ctx, a: ActivityDoc, confirmed: SignupDoc[]): Promise<ResultsView> {
  // The entrants and everyone placed (a placing may outlive its sign-up), not the whole union.
  const placed = Object.values(a.results ?? {}).flatMap((entries) => Object.keys(entries))
  const [{ members, groups }, teams] = await Promise.all([
    peopleOf(ctx, a.unionId, [...confirmed.map((s) => s.memberId), ...placed]),
    captainTeams(ctx, a),
  ])
  const teamNames = new Map(teams.map((t) => [t._id, t.name]))
  const captain = a.team.mode === 'captain'
  const pointsFor = (place: number) => a.points[place - 1] ?? 0
  const totals = new Map<string, number>()
  const sections: ResultsView['sections'] = []
  const keys = a.items.length > 0 ? a.items.map((i) => i.id) : [WHOLE_EVENT]
  for (const key of keys) {
    const entries = Object.entries(a.results?.[key] ?? {})
    const lines: RankingLine[] = entries
      .map(([entrantId, r]) => {
        // A captain-formed team belongs to no 小组, so it earns no 小组 points.
        const groupId = r.team ? (captain ? '' : entrantId) : (members.get(entrantId)?.groupId ?? '')
        const points = pointsFor(r.place)
        if (groupId && points > 0) totals.set(groupId, (totals.get(groupId) ?? 0) + points)
        return {
          place: r.place,
          name: r.team
            ? (teamNames.get(entrantId) ?? groups.get(entrantId)?.name ?? '')
            : (members.get(entrantId)?.name ?? ''),
          groupName: groups.get(groupId)?.name ?? '',
          score: r.score,
          points,
        }
      })
      .sort((x, y) => x.place - y.place)
    const title = key === WHOLE_EVENT ? a.title : (a.items.find((i) => i.id === key)?.name ?? '')
    sections.push({ itemId: key === WHOLE_EVENT ? '' : key, title, team: a.team.mode !== 'none', lines })
  }
  const entrants = keys.map((key) => {
    const itemId = key === WHOLE_EVENT ? '' : key
    if (a.team.mode !== 'none' && !itemId) {
      const teamIds = [...new Set(confirmed.map((s) => s.teamId).filter((t): t is string => Boolean(t)))]
      return {
        itemId,
        options: teamIds.map((id) => ({ id, name: teamNames.get(id) ?? groups.get(id)?.name ?? '', team: true })),
      }
    }
    const people = confirmed.filter((s) => !itemId || s.itemIds.includes(itemId))
    return {
      itemId,
      options: people.map((s) => ({ id: s.memberId, name: members.get(s.memberId)?.name ?? '', team: false })),
    }
  })
  return {
    title: a.title,
    sections,
    groupTotals:
      a.points.length > 0
        ? [...totals.entries()]
            .map(([groupId, points]) => ({ groupId, name: groups.get(groupId)?.name ?? '', points }))
            .sort((x, y) => y.points - x.points)
        : [],
    entrants,
  }
}
