import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import { decodeCursor, encodeCursor, pageAfter, type Keyset } from '../shared/keyset'
import { findAll } from '../shared/paging'
import type { Filter } from '../shared/ports'
import type { GroupDoc, MemberDoc } from '../members/model'
import { groupsOfUnion } from '../members/lookup'
import { AC } from './collections'
import { coverUrls } from './covers'
import { activeTeams, isManager, loadActivity, mayActFor } from './load'
import {
  ACTIVE_STATUSES,
  DEFAULT_ACTIVITY_PAGE,
  ofActivity,
  signupId,
  WHOLE_EVENT,
  type ActivityDoc,
  type CheckinFailureDoc,
  type SignupDoc,
  type TeamDoc,
} from './model'
import {
  audienceKindsOf,
  audienceRefusal,
  cancelRefusal,
  CHECKIN_FAILURE_LIMIT,
  checkinFailureWindow,
  checkinWindowRefusal,
  phaseOf,
  signupWindowRefusal,
  teamPlaceRefusal,
  teamProblems,
} from './rules'
import { placeOnJoining, waitPosition } from './seats'
import type {
  ActivityDetail,
  ActivityPage,
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
    place: a.place,
    phase: phaseOf(a, now),
    seatsLeft: a.quota > 0 ? Math.max(0, a.quota - a.taken) : null,
    ...(mine ? { myStatus: mine.status } : {}),
    ...(mine?.checkedInAt ? { myCheckedIn: true as const } : {}),
    ...(coverUrl ? { coverUrl } : {}),
  }
}

/**
 * 活动详情 in two round trips: the activity, the caller's sign-up and the activity's teams at once, then
 * everything that depends on them (counts, cover, place in line, team members' names) at once.
 */
export async function activityDetail(ctx: Ctx, activityId: string): Promise<ActivityDetail> {
  const caller = me(ctx)
  const [a, s, teams] = await Promise.all([
    loadActivity(ctx, caller.unionId, activityId),
    ctx.store.findOne<SignupDoc>(AC.signups, { _id: signupId(activityId, caller._id), unionId: caller.unionId }),
    // Read with the activity (not after it) so a captain-formed event costs no extra round trip; empty otherwise.
    activeTeams(ctx, caller.unionId, activityId),
  ])
  return detailView(ctx, a, s, a.team.mode === 'captain' ? teams : [])
}

/**
 * The page's view of activity `a` for the caller whose sign-up is `s`, as the caller knows them — read a
 * moment ago, or just written by a change (which then passes them as it wrote them). The reads it adds run
 * at once, and leave the caller's own sign-up (and `settled` ones) out, counting them from what is passed, so
 * a write may run this beside its last step and the view already shows that step.
 */
export async function detailView(
  ctx: Ctx,
  a: ActivityDoc,
  s: SignupDoc | null,
  teams: TeamDoc[],
  /** Other sign-ups the change leaves in a known state (a promotion): counted from here, like the caller's. */
  settled: Pick<SignupDoc, '_id' | 'status'>[] = [],
  /** `s` has this moment joined the line (and `settled` is empty): the line is counted as placeOnJoining does. */
  joined = false,
): Promise<ActivityDetail> {
  const caller = me(ctx)
  const now = ctx.clock.now()
  const known = [{ _id: signupId(a._id, caller._id), status: s?.status }, ...settled]
  const others = async (status: 'confirmed' | 'waitlisted') =>
    (await ctx.store.count(AC.signups, ofActivity(a, { status, _id: { $nin: known.map((k) => k._id) } }))) +
    known.filter((k) => k.status === status).length
  const line = async (): Promise<{ waiting: number; position?: number }> => {
    if (s?.status !== 'waitlisted') return { waiting: await others('waitlisted') }
    if (joined) return placeOnJoining(ctx, s)
    const [waiting, position] = await Promise.all([others('waitlisted'), waitPosition(ctx, s)])
    return { waiting, position }
  }
  const active = s && ACTIVE_STATUSES.includes(s.status) ? s : null
  const [confirmedCount, { waiting: waitlistCount, position }, covers, cards] = await Promise.all([
    confirmedByLedger(a) ?? others('confirmed'),
    line(),
    coverUrls(ctx, [a]),
    captainTeamCards(ctx, a, teams, caller, active, now),
  ])
  const blockedReason = active
    ? undefined
    : (signupWindowRefusal(phaseOf(a, now)) ?? audienceRefusal(a.audience, caller) ?? undefined)
  return {
    ...toSummary(a, now, s, covers.get(a._id)),
    endAt: a.endAt,
    signupCloseAt: a.signupCloseAt,
    quota: a.quota,
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
            ...(position !== undefined ? { position } : {}),
            itemIds: s.itemIds,
            guests: s.guests,
            ...(s.teamId ? { teamId: s.teamId } : {}),
            ...(s.checkedInAt ? { checkedInAt: s.checkedInAt } : {}),
            ...(s.cancelReason ? { cancelReason: s.cancelReason } : {}),
            canCancel:
              s.status === 'waitlisted' ||
              s.status === 'applied' ||
              (s.status === 'confirmed' && !s.checkedInAt && cancelRefusal(a, now) === null),
            ...(s.status === 'confirmed' && !s.checkedInAt && checkinWindowRefusal(a, now) === null
              ? { canCheckIn: true as const }
              : {}),
          },
        }
      : {}),
    ...(blockedReason ? { blockedReason } : {}),
    canManage: isManager(caller),
    canSignUpOthers: a.team.mode !== 'captain' && (isManager(caller) || caller.roles.includes('groupLeader')),
    teams: cards,
    ...(a.cancelReason !== undefined ? { cancelReason: a.cancelReason } : {}),
    ...(a.cancelledAt ? { cancelledAt: a.cancelledAt } : {}),
  }
}

/**
 * How many are confirmed, straight from the seat ledger when it accounts for every seat taken (each confirmed
 * sign-up holds one entry; its sum is `taken`): no count to ask. Undefined for an activity whose seats were
 * taken before the ledger, and for captain-formed teams (the ledger holds teams, not people).
 */
function confirmedByLedger(a: ActivityDoc): number | undefined {
  if (a.team.mode === 'captain') return undefined
  const holds = Object.values(a.seats ?? {})
  return holds.reduce((n, h) => n + h.n, 0) === a.taken ? holds.length : undefined
}

/**
 * The page after a change that touched only the caller's sign-up `s` (null: read it): built from what the
 * change holds, except for a captain-formed event, whose teams the change may have moved (read afresh).
 */
export function detailAfter(ctx: Ctx, a: ActivityDoc, s: SignupDoc | null): Promise<ActivityDetail> {
  return a.team.mode === 'captain' || s === null ? activityDetail(ctx, a._id) : detailView(ctx, a, s, [])
}

/**
 * The teams of a captain-formed event with who is in each (the team's own ledger of places names them) and
 * whether the caller may join; theirs first. Only the names are read: one read of the people in teams.
 */
async function captainTeamCards(
  ctx: Ctx,
  a: ActivityDoc,
  teams: TeamDoc[],
  caller: MemberDoc,
  mine: SignupDoc | null,
  now: Date,
): Promise<CaptainTeamView[]> {
  if (teams.length === 0) return []
  const players = await teamPlayers(ctx, a, teams)
  const names = await membersByIds(ctx, a.unionId, [...teams.map((t) => t.captainId), ...players.values()].flat())
  const windowProblem = signupWindowRefusal(phaseOf(a, now))
  const cards = teams.map((t): CaptainTeamView => {
    const joinRefusal = mine
      ? '您已经在一支队伍里了'
      : (windowProblem ?? audienceRefusal(a.audience, caller) ?? teamPlaceRefusal(t, a.team, caller.gender))
    const ids = [...(players.get(t._id) ?? [])].sort((x, y) => Number(y === t.captainId) - Number(x === t.captainId))
    return {
      id: t._id,
      name: t.name,
      captainId: t.captainId,
      captainName: names.get(t.captainId)?.name ?? '',
      size: t.size,
      women: t.women,
      members: ids.map((memberId) => ({ memberId, name: names.get(memberId)?.name ?? '' })),
      ...(joinRefusal ? { joinRefusal } : {}),
      problems: teamProblems(t, a.team),
    }
  })
  return cards.sort((x, y) => Number(y.id === mine?.teamId) - Number(x.id === mine?.teamId))
}

/**
 * Team id → its players in arrival order, from each team's ledger of places. A team made before the ledger
 * has none: its players are its confirmed sign-ups (one read, for those teams only).
 */
async function teamPlayers(ctx: Ctx, a: ActivityDoc, teams: TeamDoc[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  const unledgered: string[] = []
  for (const t of teams) {
    if (!t.places) unledgered.push(t._id)
    else
      out.set(
        t._id,
        Object.entries(t.places)
          .sort(([, x], [, y]) => x.q.localeCompare(y.q))
          .map(([memberId]) => memberId),
      )
  }
  if (unledgered.length > 0) {
    const signups = await findAll<SignupDoc>(
      ctx.store,
      AC.signups,
      ofActivity(a, { status: 'confirmed', teamId: { $in: unledgered } }),
    )
    for (const id of unledgered)
      out.set(
        id,
        signups.filter((s) => s.teamId === id).map((s) => s.memberId),
      )
  }
  return out
}

/** Members of one union by id, read 100 at a time, all at once. */
export async function membersByIds(
  ctx: Pick<Ctx, 'store'>,
  unionId: string,
  ids: string[],
): Promise<Map<string, MemberDoc>> {
  const unique = [...new Set(ids)]
  const pages: Promise<MemberDoc[]>[] = []
  for (let i = 0; i < unique.length; i += 100) {
    const page = unique.slice(i, i + 100)
    pages.push(ctx.store.find<MemberDoc>(C.members, { unionId, _id: { $in: page } }, { limit: page.length }))
  }
  return new Map((await Promise.all(pages)).flat().map((m) => [m._id, m]))
}

/** The named members and the union's 小组 (a few dozen), read at once. */
export async function peopleOf(
  ctx: Pick<Ctx, 'store'>,
  unionId: string,
  memberIds: string[],
): Promise<{ members: Map<string, MemberDoc>; groups: Map<string, GroupDoc> }> {
  const [members, groups] = await Promise.all([
    membersByIds(ctx, unionId, memberIds),
    groupsOfUnion(ctx.store, unionId),
  ])
  return { members, groups: new Map(groups.map((g) => [g._id, g])) }
}

/**
 * The filter conditions that keep a list to the activities this member may join — the same rule as
 * audienceRefusal, asked of the database so a page is never thinned out after it was read.
 */
function audienceFilter(m: MemberDoc): Filter {
  return { 'audience.kind': { $in: audienceKindsOf(m) }, 'audience.groupId': { $in: [null, m.groupId] } }
}

const LIST_TAGS = { current: 'c', past: 'p' } as const

/**
 * 活动列表, one page at a time: current ones soonest first, past ones latest first, only those the caller may
 * join (the chair sees all). Two round trips: the page (keyset: it starts after the last row of the previous
 * one, so rows never repeat or go missing), then the caller's sign-ups for these rows and their covers.
 */
export async function listActivities(
  ctx: Ctx,
  input: { scope: 'current' | 'past'; limit?: number; cursor?: string },
): Promise<ActivityPage> {
  const caller = me(ctx)
  const now = ctx.clock.now()
  const t = now.toISOString()
  const tag = LIST_TAGS[input.scope]
  const limit = input.limit ?? DEFAULT_ACTIVITY_PAGE
  let after: Keyset | null = null
  if (input.cursor !== undefined) {
    const decoded = decodeCursor(input.cursor)
    if (!decoded || decoded.tag !== tag) throw new AppError('BAD_INPUT', '页码不正确，请刷新', { cursor: '页码不正确' })
    after = decoded.at
  }
  const filter: Filter = {
    unionId: caller.unionId,
    endAt: input.scope === 'current' ? { $gt: t } : { $lte: t },
    ...(isManager(caller) ? {} : audienceFilter(caller)),
  }
  const rows = await pageAfter<ActivityDoc>(
    ctx.store,
    { collection: AC.activities, filter, field: 'startAt', dir: input.scope === 'current' ? 1 : -1 },
    after,
    limit,
  )
  const shown = rows.slice(0, limit)
  const [mine, covers] = await Promise.all([mySignupsFor(ctx, caller, shown), coverUrls(ctx, shown)])
  const last = shown[shown.length - 1]
  const more = rows.length > limit && last !== undefined
  return {
    items: shown.map((a) => toSummary(a, now, mine.get(a._id), covers.get(a._id))),
    more,
    ...(more ? { next: encodeCursor(tag, { value: last.startAt, id: last._id }) } : {}),
  }
}

/** 首页's 近期活动: the first three current activities, as the list's first page shows them (2 round trips). */
export function homeActivities(ctx: Ctx): Promise<ActivityPage> {
  return listActivities(ctx, { scope: 'current', limit: 3 })
}

/** The caller's sign-ups for these activities, by their deterministic ids (never every sign-up they made). */
async function mySignupsFor(ctx: Ctx, caller: MemberDoc, list: ActivityDoc[]): Promise<Map<string, SignupDoc>> {
  if (list.length === 0) return new Map()
  const ids = list.map((a) => signupId(a._id, caller._id))
  const found = await ctx.store.find<SignupDoc>(
    AC.signups,
    { unionId: caller.unionId, _id: { $in: ids } },
    { limit: ids.length },
  )
  return new Map(found.map((s) => [s.activityId, s]))
}

/** Sign-ups per page of 我的活动. */
const MINE_PAGE = 30

/**
 * 我的活动, a page of the caller's sign-ups at a time, latest first (by arrival key): what they signed up for,
 * where they wait in line, and what they took part in, with their results. A teacher's current sign-ups are
 * their latest ones, so the first page holds them; older pages add past activities.
 */
export async function myActivities(ctx: Ctx, input: { cursor?: string } = {}): Promise<MyActivities> {
  const caller = me(ctx)
  const now = ctx.clock.now()
  let before: string | undefined
  if (input.cursor !== undefined) {
    const decoded = decodeCursor(input.cursor)
    if (!decoded || decoded.tag !== 'm') throw new AppError('BAD_INPUT', '页码不正确，请刷新', { cursor: '页码不正确' })
    before = decoded.at.value
  }
  const rows = await ctx.store.find<SignupDoc>(
    AC.signups,
    { unionId: caller.unionId, memberId: caller._id, ...(before ? { queueKey: { $lt: before } } : {}) },
    { sort: { queueKey: -1 }, limit: MINE_PAGE + 1 },
  )
  const signups = rows.slice(0, MINE_PAGE)
  const waiting = signups.filter((s) => s.status === 'waitlisted')
  const [activities, positions] = await Promise.all([
    ctx.store.find<ActivityDoc>(
      AC.activities,
      { unionId: caller.unionId, _id: { $in: signups.map((s) => s.activityId) } },
      { limit: MINE_PAGE },
    ),
    Promise.all(waiting.map((s) => waitPosition(ctx, s))),
  ])
  const byId = new Map(activities.map((a) => [a._id, a]))
  const positionOf = new Map(waiting.map((s, i) => [s._id, positions[i]]))
  const covers = await coverUrls(ctx, activities)
  const last = signups[signups.length - 1]
  const more = rows.length > MINE_PAGE && last !== undefined
  const out: MyActivities = {
    upcoming: [],
    waitlisted: [],
    past: [],
    more,
    ...(more ? { next: encodeCursor('m', { value: last.queueKey, id: last._id }) } : {}),
  }
  for (const s of signups) {
    const a = byId.get(s.activityId)
    if (!a) continue
    const summary = toSummary(a, now, s, covers.get(a._id))
    const ended = summary.phase === 'ended'
    if (ended && s.status === 'confirmed') out.past.push({ ...summary, results: resultLines(a, caller, s) })
    else if (!ended && (s.status === 'confirmed' || s.status === 'applied')) out.upcoming.push(summary)
    else if (!ended && s.status === 'waitlisted')
      out.waitlisted.push({ ...summary, position: positionOf.get(s._id) ?? 1 })
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

/**
 * Every sign-up of one activity, in arrival order. Bounded by the activity itself: one sign-up per member
 * (its _id), so never more than the union has members, read 100 at a time.
 */
export async function activitySignups(ctx: Pick<Ctx, 'store'>, a: ActivityDoc): Promise<SignupDoc[]> {
  const list = await findAll<SignupDoc>(ctx.store, AC.signups, ofActivity(a))
  return list.sort((x, y) => x.queueKey.localeCompare(y.queueKey))
}

/**
 * Who signed up. Everyone sees the list when the chair made it public, otherwise only counts; cancelled
 * sign-ups show for the chair only; phone numbers for the chair and the union office only. The list is the
 * activity's own (its sign-ups, bounded by the union's members), with the names of those in it.
 */
export async function roster(ctx: Ctx, input: { activityId: string }): Promise<RosterView> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  const manager = isManager(caller)
  const [signups, teams, locked] = await Promise.all([
    activitySignups(ctx, a),
    a.team.mode === 'captain' ? activeTeams(ctx, a.unionId, a._id) : Promise.resolve([]),
    manager ? lockedOut(ctx, a) : Promise.resolve(new Set<string>()),
  ])
  const visible = manager || a.rosterPublic
  const named = signups.filter((s) => visible || s.status === 'confirmed').map((s) => s.memberId)
  const { members, groups } = await peopleOf(ctx, a.unionId, [...named, ...teams.map((t) => t.captainId)])
  const confirmed = signups.filter((s) => s.status === 'confirmed')
  const waiting = signups.filter((s) => s.status === 'waitlisted')
  const teamNames = new Map(teams.map((t) => [t._id, t.name]))
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

/**
 * The members a 小组长 may sign up (their own 小组; the chair: everyone), with where each stands: the
 * candidates are read by 小组 (the union only for the chair), their sign-ups by id.
 */
export async function groupCandidates(ctx: Ctx, input: { activityId: string }): Promise<GroupCandidate[]> {
  const caller = me(ctx)
  const scope: Filter = isManager(caller)
    ? { unionId: caller.unionId }
    : { unionId: caller.unionId, groupId: caller.groupId }
  const [a, people] = await Promise.all([
    loadActivity(ctx, caller.unionId, input.activityId),
    findAll<MemberDoc>(ctx.store, C.members, scope),
  ])
  const candidates = people.filter((m) => m.status !== 'left' && m._id !== caller._id && mayActFor(caller, m))
  const signups = await signupsById(
    ctx,
    a,
    candidates.map((m) => m._id),
  )
  return candidates.map((m) => {
    const s = signups.get(m._id)
    return { memberId: m._id, name: m.name, ...(s ? { status: s.status } : {}) }
  })
}

/** These members' sign-ups for activity `a` (memberId → sign-up), by their ids, 100 at a time, at once. */
async function signupsById(ctx: Ctx, a: ActivityDoc, memberIds: string[]): Promise<Map<string, SignupDoc>> {
  const pages: Promise<SignupDoc[]>[] = []
  for (let i = 0; i < memberIds.length; i += 100) {
    const ids = memberIds.slice(i, i + 100).map((m) => signupId(a._id, m))
    pages.push(ctx.store.find<SignupDoc>(AC.signups, { unionId: a.unionId, _id: { $in: ids } }, { limit: ids.length }))
  }
  return new Map((await Promise.all(pages)).flat().map((s) => [s.memberId, s]))
}
