import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { checkTexts } from '../shared/content'
import { AppError } from '../shared/errors'
import { DuplicateKeyError, type Filter } from '../shared/ports'
import { loadGroupInUnion } from '../members/lookup'
import { AC } from './collections'
import { resolveCover } from './covers'
import { loadActivity } from './load'
import { findAll } from '../shared/paging'
import type { ActivityDoc, ActivityItem, GenderRule, SecretDoc, SignupDoc, TeamDoc } from './model'
import { notifyMember } from './notify'
import { activityDetail } from './read'
import { activityProblems } from './rules'
import { fillFromWaitlist } from './complete'
import { formatSpan } from '../shared/shanghai-time'
import type { ActivityDetail } from './views'

export interface ActivityInput {
  title: string
  description: string
  startAt: string
  endAt: string
  place: string
  signupOpenAt: string
  signupCloseAt: string
  audience: ActivityDoc['audience']['kind']
  audienceGroupId?: string
  quota: number
  cancelPolicy: ActivityDoc['cancelPolicy']
  needsApproval: boolean
  rosterPublic: boolean
  maxGuests: number
  items: { id?: string; name: string; quota: number; gender: GenderRule }[]
  itemCap: number
  teamMode: 'none' | 'byGroup' | 'captain'
  teamSizeMin: number
  teamSizeMax: number
  teamMinWomen: number
  points: number[]
  coverFileId?: string
}

async function checkInput(ctx: Ctx, unionId: string, input: ActivityInput): Promise<void> {
  const problems = activityProblems(input)
  const first = Object.values(problems)[0]
  if (first) throw new AppError('BAD_INPUT', first, problems)
  if (input.audience === 'group' && input.audienceGroupId)
    await loadGroupInUnion(ctx.store, unionId, input.audienceGroupId)
}

function settings(input: ActivityInput, items: ActivityItem[]) {
  return {
    title: input.title,
    description: input.description,
    startAt: input.startAt,
    endAt: input.endAt,
    place: input.place,
    signupOpenAt: input.signupOpenAt,
    signupCloseAt: input.signupCloseAt,
    audience:
      input.audience === 'group' ? { kind: input.audience, groupId: input.audienceGroupId } : { kind: input.audience },
    quota: input.quota,
    cancelPolicy: input.cancelPolicy,
    needsApproval: input.needsApproval,
    rosterPublic: input.rosterPublic,
    maxGuests: input.maxGuests,
    items,
    itemCap: items.length > 0 ? input.itemCap || items.length : 0,
    team:
      input.teamMode !== 'none'
        ? {
            mode: input.teamMode,
            sizeMin: input.teamSizeMin,
            sizeMax: input.teamSizeMax,
            minWomen: input.teamMinWomen,
          }
        : { mode: 'none' as const, sizeMin: 0, sizeMax: 0, minWomen: 0 },
    points: input.points,
  }
}

const newItemId = (ctx: Ctx) => ctx.ids.inviteCode().toLowerCase()

/**
 * The words a chair publishes with an activity, by form field, for the content check: all of them on create,
 * on update only those that changed (an item counts when it is new or renamed).
 */
function publishedTexts(input: ActivityInput, before?: ActivityDoc): Record<string, string> {
  const changed = (field: 'title' | 'description' | 'place') =>
    before && before[field] === input[field] ? '' : input[field]
  const items = input.items.filter((i) => !before?.items.some((old) => old.id === i.id && old.name === i.name))
  return {
    title: changed('title'),
    description: changed('description'),
    place: changed('place'),
    items: items.map((i) => i.name).join('\n'),
  }
}

export async function createActivity(ctx: Ctx, input: ActivityInput): Promise<ActivityDetail> {
  const caller = me(ctx)
  await checkInput(ctx, caller.unionId, input)
  const cover = await resolveCover(ctx, caller.unionId, input.coverFileId || undefined)
  await checkTexts(ctx, publishedTexts(input))
  const items = input.items.map((i) => ({ id: newItemId(ctx), name: i.name, quota: i.quota, gender: i.gender }))
  const at = nowIso(ctx)
  const doc: ActivityDoc = {
    _id: ctx.ids.newId(),
    unionId: caller.unionId,
    ...settings(input, items),
    ...cover,
    taken: 0,
    itemTaken: Object.fromEntries(items.map((i) => [i.id, 0])),
    teamTaken: {},
    results: {},
    status: 'active',
    createdBy: caller._id,
    createdAt: at,
    updatedAt: at,
  }
  await ensureSecret(ctx, caller.unionId)
  await ctx.store.insert(AC.activities, doc)
  return activityDetail(ctx, doc._id)
}

/** The union's check-in secret, made once (insert by _id = unionId; a racing twin is harmless). */
async function ensureSecret(ctx: Ctx, unionId: string): Promise<void> {
  if (await ctx.store.findOne<SecretDoc>(AC.secrets, { _id: unionId })) return
  const secret = Array.from({ length: 4 }, () => ctx.ids.inviteCode()).join('')
  try {
    await ctx.store.insert(AC.secrets, { _id: unionId, unionId, secret, createdAt: nowIso(ctx) })
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e
  }
}

/**
 * Edits where safe: the quota never below the seats taken, an item with entrants never removed nor cut
 * below its entrants — enforced by the update's own filter, so a sign-up racing the edit cannot slip under.
 * Changed words pass the content check before anything is written. People signed up are told when the time
 * or place changes.
 */
export async function updateActivity(ctx: Ctx, input: ActivityInput & { activityId: string }): Promise<ActivityDetail> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  if (a.status === 'cancelled') throw new AppError('CONFLICT', '这个活动已取消，不能再修改')
  await checkInput(ctx, caller.unionId, input)
  const cover = await resolveCover(ctx, caller.unionId, input.coverFileId)
  const fail = (field: string, message: string): never => {
    throw new AppError('BAD_INPUT', message, { [field]: message })
  }
  if (input.quota > 0 && input.quota < a.taken) fail('quota', `已有${a.taken}个名额被占用，名额不能少于${a.taken}`)
  const items: ActivityItem[] = []
  for (const i of input.items) {
    const existing = i.id ? a.items.find((x) => x.id === i.id) : undefined
    if (i.id && !existing) fail('items', '项目不存在，请刷新后再改')
    const entrants = existing ? (a.itemTaken[existing.id] ?? 0) : 0
    if (i.quota > 0 && i.quota < entrants) fail('items', `「${i.name}」已有${entrants}人报名，名额不能少于${entrants}`)
    items.push({ id: existing ? existing.id : newItemId(ctx), name: i.name, quota: i.quota, gender: i.gender })
  }
  for (const old of a.items) {
    if ((a.itemTaken[old.id] ?? 0) > 0 && !items.some((i) => i.id === old.id))
      fail('items', `「${old.name}」已有人报名，不能删除`)
  }
  const captainTeams =
    a.team.mode === 'captain'
      ? await findAll<TeamDoc>(ctx.store, AC.teams, { unionId: a.unionId, activityId: a._id, status: 'active' })
      : []
  const hasTeams = Object.values(a.teamTaken).some((n) => n > 0) || captainTeams.length > 0
  if (hasTeams && input.teamMode !== a.team.mode) fail('teamMode', '已有人组队报名，不能更改组队方式')
  const biggestTeam = Math.max(0, ...Object.values(a.teamTaken), ...captainTeams.map((t) => t.size))
  if (input.teamMode !== 'none' && input.teamSizeMax < biggestTeam)
    fail('teamSizeMax', `已有队伍报了${biggestTeam}人，每队最多人数不能少于${biggestTeam}`)
  await checkTexts(ctx, publishedTexts(input, a))

  const guard: Filter = { _id: a._id, unionId: a.unionId, status: 'active' }
  if (input.quota > 0) guard.taken = { $lte: input.quota }
  for (const i of items)
    if (i.quota > 0 && a.itemTaken[i.id] !== undefined) guard[`itemTaken.${i.id}`] = { $lte: i.quota }
  const at = nowIso(ctx)
  const newCounters = Object.fromEntries(
    items.filter((i) => a.itemTaken[i.id] === undefined).map((i) => [`itemTaken.${i.id}`, 0]),
  )
  const ok = await ctx.store.updateOne(AC.activities, guard, {
    $set: { ...settings(input, items), ...cover, ...newCounters, updatedAt: at },
  })
  if (!ok) throw new AppError('CONFLICT', '刚刚有人报名，名额已变化，请刷新后再改')
  const updated = await loadActivity(ctx, caller.unionId, a._id)
  if (updated.quota === 0 || updated.quota > a.quota) await fillFromWaitlist(ctx, updated)
  if (a.startAt !== updated.startAt || a.endAt !== updated.endAt || a.place !== updated.place)
    await tellChange(ctx, updated, at)
  return activityDetail(ctx, a._id)
}

async function tellChange(ctx: Ctx, a: ActivityDoc, at: string): Promise<void> {
  const people = await ctx.store.find<SignupDoc>(
    AC.signups,
    { unionId: a.unionId, activityId: a._id, status: { $in: ['confirmed', 'waitlisted', 'applied'] } },
    { limit: 1000 },
  )
  for (const s of people) {
    await notifyMember(
      ctx,
      a,
      s.memberId,
      `changed:${at}`,
      '活动时间或地点有变化',
      `「${a.title}」已调整：${formatSpan(a.startAt, a.endAt)}，地点：${a.place}。`,
    )
  }
}

/**
 * The chair calls the whole activity off (因雨取消): status, reason, time and who — nothing deleted, every
 * sign-up kept as it was and shown under a cancelled activity. Everyone holding a seat, waiting or applying
 * is told. Only one of two racing cancels wins; an ended activity is history and stays as it was.
 */
export async function cancelActivity(ctx: Ctx, input: { activityId: string; reason: string }): Promise<ActivityDetail> {
  const caller = me(ctx)
  const a = await loadActivity(ctx, caller.unionId, input.activityId)
  if (a.status === 'cancelled') throw new AppError('CONFLICT', '这个活动已经取消了')
  const at = nowIso(ctx)
  if (at >= a.endAt) throw new AppError('CONFLICT', '活动已经结束，不能再取消')
  // The reason goes to everyone signed up.
  await checkTexts(ctx, { reason: input.reason })
  const done = await ctx.store.updateOne(
    AC.activities,
    { _id: a._id, unionId: a.unionId, status: 'active' },
    {
      $set: {
        status: 'cancelled',
        cancelledAt: at,
        cancelledBy: caller._id,
        cancelReason: input.reason,
        updatedAt: at,
      },
    },
  )
  if (!done) throw new AppError('CONFLICT', '这个活动已经取消了')
  const people = await findAll<SignupDoc>(ctx.store, AC.signups, {
    unionId: a.unionId,
    activityId: a._id,
    status: { $in: ['confirmed', 'waitlisted', 'applied'] },
  })
  for (const s of people) {
    await notifyMember(
      ctx,
      a,
      s.memberId,
      'cancelled',
      '活动已取消',
      `「${a.title}」（${formatSpan(a.startAt, a.endAt)}）已取消。原因：${input.reason}。`,
    )
  }
  return activityDetail(ctx, a._id)
}
