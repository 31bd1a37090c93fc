import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { C } from '../shared/collections'
import { findAll } from '../shared/paging'
import type { GroupDoc, MemberDoc } from '../members/model'
import { groupsOfUnion } from '../members/lookup'
import { AC } from './collections'
import { coverUrls } from './covers'
import { captainTeams, isManager, loadActivity, mayActFor } from './load'
import {
  ACTIVE_STATUSES,
  signupId,
  WHOLE_EVENT,
  type ActivityDoc,
  type CheckinFailureDoc,
  type SignupDoc,
  type TeamDoc,
} from './model'
import {
  AUDIENCE_LABELS,
  audienceRefusal,
  cancelRefusal,
  CHECKIN_FAILURE_LIMIT,
  checkinFailureWindow,
  phaseOf,
  signupWindowRefusal,
  teamPlaceRefusal,
  teamProblems,
} from './rules'
import { waitPosition } from './seats'
import type {
  ActivityDetail,
  CaptainTeamView,
  ActivitySummary,
  GroupCandidate,
  MyActivities,
  RosterLine,
  RosterView,
  TeamView,
} from './views'

export function toSummary(a: ActivityDoc, now: Date, mine?: SignupDoc | null, coverUrl?: string): ActivitySummary {
  return {
    id: a._id,
    title: a.title,
    startAt: a.startAt,
    endAt: a.endAt,
    place: a.place,
    signupCloseAt: a.signupCloseAt,
    phase: phaseOf(a, now),
    quota: a.quota,
    seatsLeft: a.quota > 0 ? Math.max(0, a.quota - a.taken) : null,
    audienceLabel: AUDIENCE_LABELS[a.audience.kind],
    ...(mine ? { myStatus: mine.status } : {}),
    ...(coverUrl ? { coverUrl } : {}),
  }
}

export async function activityDetail(ctx: Ctx, activityId: string): Promise<ActivityDetail> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, activityId)
  const now = ctx.clock.now()
  const s = await ctx.store.findOne<SignupDoc>(AC.signups, {
    _id: signupId(a._id, caller._id),
    unionId: caller.unionId,
  })
  const [confirmedCount, waitlistCount] = await Promise.all([
    ctx.store.count(AC.signups, { unionId: a.unionId, activityId: a._id, status: 'confirmed' }),
    ctx.store.count(AC.signups, { unionId: a.unionId, activityId: a._id, status: 'waitlisted' }),
  ])
  const cover = (await coverUrls(ctx, [a])).get(a._id)
  const active = s && ACTIVE_STATUSES.includes(s.status)
  const blockedReason = active
    ? undefined
    : (signupWindowRefusal(phaseOf(a, now)) ?? audienceRefusal(a.audience, caller) ?? undefined)
  return {
    ...toSummary(a, now, s, cover),
    description: a.description,
    ...(a.coverFileId ? { coverFileId: a.coverFileId } : {}),
    signupOpenAt: a.signupOpenAt,
    audience: a.audience,
    cancelPolicy: a.cancelPolicy,
    needsApproval: a.needsApproval,
    rosterPublic: a.rosterPublic,
    maxGuests: a.maxGuests,
    items: a.items.map((i) => ({ ...i, taken: a.itemTaken[i.id] ?? 0 })),
    itemCap: a.itemCap,
    team: a.team,
    points: a.points,
    confirmedCount,
    waitlistCount,
    ...(s
      ? {
          mine: {
            status: s.status,
            ...(s.status === 'waitlisted' ? { position: await waitPosition(ctx, s) } : {}),
            itemIds: s.itemIds,
            guests: s.guests,
            ...(s.teamId ? { teamId: s.teamId } : {}),
            ...(s.checkedInAt ? { checkedInAt: s.checkedInAt } : {}),
            ...(s.cancelReason ? { cancelReason: s.cancelReason } : {}),
            canCancel:
              s.status === 'waitlisted' ||
              s.status === 'applied' ||
              (s.status === 'confirmed' && cancelRefusal(a, now) === null),
          },
        }
      : {}),
    ...(blockedReason ? { blockedReason } : {}),
    canManage: isManager(caller),
    canSignUpOthers: a.team.mode !== 'captain' && (isManager(caller) || caller.roles.includes('groupLeader')),
    teams: await captainTeamCards(ctx, a, caller, active ? s : null, now),
    ...(a.cancelReason !== undefined ? { cancelReason: a.cancelReason } : {}),
    ...(a.cancelledAt ? { cancelledAt: a.cancelledAt } : {}),
  }
}

/** The teams of a captain-formed event with who is in each and whether the caller may join; theirs first. */
async function captainTeamCards(
  ctx: Ctx,
  a: ActivityDoc,
  caller: MemberDoc,
  mine: SignupDoc | null | undefined,
  now: Date,
): Promise<CaptainTeamView[]> {
  const teams = await captainTeams(ctx, a)
  if (teams.length === 0) return []
  const confirmed = await findAll<SignupDoc>(ctx.store, AC.signups, {
    unionId: a.unionId,
    activityId: a._id,
    status: 'confirmed',
  })
  const { members } = await unionPeople(ctx, a.unionId)
  const windowProblem = signupWindowRefusal(phaseOf(a, now))
  const cards = teams.map((t): CaptainTeamView => {
    const joinRefusal = mine
      ? '您已经在一支队伍里了'
      : (windowProblem ?? audienceRefusal(a.audience, caller) ?? teamPlaceRefusal(t, a.team, caller.gender))
    return {
      id: t._id,
      name: t.name,
      captainId: t.captainId,
      captainName: members.get(t.captainId)?.name ?? '',
      size: t.size,
      women: t.women,
      members: confirmed
        .filter((s) => s.teamId === t._id)
        .sort((x, y) => (x.memberId === t.captainId ? -1 : y.memberId === t.captainId ? 1 : 0))
        .map((s) => ({ memberId: s.memberId, name: members.get(s.memberId)?.name ?? '' })),
      ...(joinRefusal ? { joinRefusal } : {}),
      problems: teamProblems(t, a.team),
    }
  })
  return cards.sort((x, y) => Number(y.id === mine?.teamId) - Number(x.id === mine?.teamId))
}

/** Activities the caller may join (the chair sees all), current ones soonest first, past ones latest first. */
export async function listActivities(ctx: Ctx, input: { scope: 'current' | 'past' }): Promise<ActivitySummary[]> {
  const caller = me(ctx)
  const now = ctx.clock.now()
  const t = now.toISOString()
  const list =
    input.scope === 'current'
      ? await ctx.store.find<ActivityDoc>(
          AC.activities,
          { unionId: caller.unionId, endAt: { $gt: t } },
          { sort: { startAt: 1 }, limit: 200 },
        )
      : await ctx.store.find<ActivityDoc>(
          AC.activities,
          { unionId: caller.unionId, endAt: { $lte: t } },
          { sort: { startAt: -1 }, limit: 50 },
        )
  const mine = await mySignups(ctx, caller)
  const shown = list.filter((a) => isManager(caller) || mine.has(a._id) || audienceRefusal(a.audience, caller) === null)
  const covers = await coverUrls(ctx, shown)
  return shown.map((a) => toSummary(a, now, mine.get(a._id), covers.get(a._id)))
}

async function mySignups(ctx: Ctx, caller: MemberDoc): Promise<Map<string, SignupDoc>> {
  const list = await findAll<SignupDoc>(ctx.store, AC.signups, { unionId: caller.unionId, memberId: caller._id })
  return new Map(list.map((s) => [s.activityId, s]))
}

export async function myActivities(ctx: Ctx): Promise<MyActivities> {
  const caller = me(ctx)
  const now = ctx.clock.now()
  const signups = [...(await mySignups(ctx, caller)).values()]
  const ids = signups.map((s) => s.activityId)
  const activities: ActivityDoc[] = []
  for (let i = 0; i < ids.length; i += 100) {
    activities.push(
      ...(await ctx.store.find<ActivityDoc>(
        AC.activities,
        { unionId: caller.unionId, _id: { $in: ids.slice(i, i + 100) } },
        { limit: 100 },
      )),
    )
  }
  const byId = new Map(activities.map((a) => [a._id, a]))
  const covers = await coverUrls(ctx, activities)
  const out: MyActivities = { upcoming: [], waitlisted: [], past: [] }
  for (const s of signups) {
    const a = byId.get(s.activityId)
    if (!a) continue
    const summary = toSummary(a, now, s, covers.get(a._id))
    const ended = summary.phase === 'ended'
    if (ended && s.status === 'confirmed') out.past.push({ ...summary, results: resultLines(a, caller, s) })
    else if (!ended && (s.status === 'confirmed' || s.status === 'applied')) out.upcoming.push(summary)
    else if (!ended && s.status === 'waitlisted')
      out.waitlisted.push({ ...summary, position: await waitPosition(ctx, s) })
  }
  out.upcoming.sort((x, y) => x.startAt.localeCompare(y.startAt))
  out.waitlisted.sort((x, y) => x.startAt.localeCompare(y.startAt))
  out.past.sort((x, y) => y.startAt.localeCompare(x.startAt))
  return out
}

/** "跳绳 第1名（120个）" for the caller, and their 小组's team placing. */
function resultLines(a: ActivityDoc, m: MemberDoc, s: SignupDoc): string[] {
  const lines: string[] = []
  for (const [key, entries] of Object.entries(a.results ?? {})) {
    const label = key === WHOLE_EVENT ? '' : `${a.items.find((i) => i.id === key)?.name ?? ''} `
    const mine = entries[m._id]
    if (mine) lines.push(`${label}第${mine.place}名${mine.score ? `（${mine.score}）` : ''}`)
    // A 小组 team by groupId, a captain-formed team by its id (the sign-up's teamId).
    const team = entries[s.teamId ?? m.groupId]
    if (team?.team)
      lines.push(
        `${label}${a.team.mode === 'captain' ? '队伍' : '小组'}第${team.place}名${team.score ? `（${team.score}）` : ''}`,
      )
  }
  return lines
}

export async function unionPeople(
  ctx: Ctx,
  unionId: string,
): Promise<{ members: Map<string, MemberDoc>; groups: Map<string, GroupDoc> }> {
  const [members, groups] = await Promise.all([
    findAll<MemberDoc>(ctx.store, C.members, { unionId }),
    groupsOfUnion(ctx.store, unionId),
  ])
  return { members: new Map(members.map((m) => [m._id, m])), groups: new Map(groups.map((g) => [g._id, g])) }
}

export async function activitySignups(ctx: Ctx, a: ActivityDoc): Promise<SignupDoc[]> {
  const list = await findAll<SignupDoc>(ctx.store, AC.signups, { unionId: a.unionId, activityId: a._id })
  return list.sort((x, y) => x.queueKey.localeCompare(y.queueKey))
}

/**
 * Who signed up. Everyone sees the list when the chair made it public, otherwise only counts; cancelled
 * sign-ups show for the chair only; phone numbers for the chair and the union office only.
 */
export async function roster(ctx: Ctx, input: { activityId: string }): Promise<RosterView> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const manager = isManager(caller)
  const signups = await activitySignups(ctx, a)
  const { members, groups } = await unionPeople(ctx, a.unionId)
  const confirmed = signups.filter((s) => s.status === 'confirmed')
  const waiting = signups.filter((s) => s.status === 'waitlisted')
  const visible = manager || a.rosterPublic
  const teams = await captainTeams(ctx, a)
  const teamNames = new Map(teams.map((t) => [t._id, t.name]))
  const locked = manager ? await lockedOut(ctx, a) : new Set<string>()
  const lines: RosterLine[] = []
  if (visible) {
    for (const s of signups) {
      if (!manager && !['confirmed', 'waitlisted'].includes(s.status)) continue
      const m = members.get(s.memberId)
      if (!m) continue
      lines.push({
        memberId: m._id,
        name: m.name,
        groupName: groups.get(m.groupId)?.name ?? '',
        gender: m.gender,
        status: s.status,
        ...(s.status === 'waitlisted' ? { position: waiting.indexOf(s) + 1 } : {}),
        itemNames: s.itemIds.map((id) => a.items.find((i) => i.id === id)?.name ?? '').filter(Boolean),
        guests: s.guests,
        ...(s.teamId ? { teamName: teamNames.get(s.teamId) ?? groups.get(s.teamId)?.name ?? '' } : {}),
        signedUpAt: s.signedUpAt,
        ...(s.checkedInAt ? { checkedInAt: s.checkedInAt } : {}),
        ...(locked.has(s.memberId) && !s.checkedInAt ? { checkinLocked: true } : {}),
        ...(manager ? { phone: m.phone } : {}),
      })
    }
  }
  return {
    visible,
    confirmedCount: confirmed.length,
    waitlistCount: waiting.length,
    checkedInCount: confirmed.filter((s) => s.checkedInAt).length,
    lines,
    teams: a.team.mode === 'captain' ? captainTeamViews(a, teams, members) : teamViews(a, confirmed, members, groups),
  }
}

/** Members who typed too many wrong check-in codes in the current window. */
async function lockedOut(ctx: Ctx, a: ActivityDoc): Promise<Set<string>> {
  const list = await ctx.store.find<CheckinFailureDoc>(
    AC.checkinFailures,
    {
      unionId: a.unionId,
      activityId: a._id,
      window: checkinFailureWindow(ctx.clock.now()),
      count: { $gte: CHECKIN_FAILURE_LIMIT },
    },
    { limit: 1000 },
  )
  return new Set(list.map((f) => f.memberId))
}

function captainTeamViews(a: ActivityDoc, teams: TeamDoc[], members: Map<string, MemberDoc>): TeamView[] {
  return teams.map((t) => ({
    id: t._id,
    name: t.name,
    captainName: members.get(t.captainId)?.name ?? '',
    size: t.size,
    women: t.women,
    problems: teamProblems(t, a.team),
  }))
}

export function teamViews(
  a: ActivityDoc,
  confirmed: SignupDoc[],
  members: Map<string, MemberDoc>,
  groups: Map<string, GroupDoc>,
): TeamView[] {
  if (a.team.mode !== 'byGroup') return []
  const byTeam = new Map<string, SignupDoc[]>()
  for (const s of confirmed) if (s.teamId) byTeam.set(s.teamId, [...(byTeam.get(s.teamId) ?? []), s])
  return [...byTeam.entries()].map(([groupId, list]) => {
    const women = list.filter((s) => members.get(s.memberId)?.gender === 'F').length
    const problems = teamProblems({ size: list.length, women }, a.team)
    return { id: groupId, name: groups.get(groupId)?.name ?? '', size: list.length, women, problems }
  })
}

/** The members a 小组长 may sign up (their own 小组; the chair: everyone), with where each stands. */
export async function groupCandidates(ctx: Ctx, input: { activityId: string }): Promise<GroupCandidate[]> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const { members } = await unionPeople(ctx, a.unionId)
  const signups = new Map((await activitySignups(ctx, a)).map((s) => [s.memberId, s]))
  return [...members.values()]
    .filter((m) => m.status !== 'left' && m._id !== caller._id && mayActFor(caller, m))
    .map((m) => {
      const s = signups.get(m._id)
      return { memberId: m._id, name: m.name, ...(s ? { status: s.status } : {}) }
    })
}
