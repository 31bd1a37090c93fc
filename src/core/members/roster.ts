import type { InferOutput } from 'valibot'
import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import {
  decodeCursor,
  encodeCursor,
  mergedPageAfter,
  prefixRange,
  type Keyset,
  type KeysetQuery,
} from '../shared/keyset'
import { DuplicateKeyError, type Filter, type Update } from '../shared/ports'
import type { MemberStatus, Role } from '../shared/roles'
import { ROLE_LABELS } from '../shared/roles'
import type { BindingAttemptDoc, GroupDoc, MemberDoc } from './model'
import { groupsOfUnion, loadGroupInUnion, loadMemberInUnion } from './lookup'
import type { memberInput, rosterQuery } from './contract'
import { isChair, keepASignedInChair, refuseUnlessMayChange, ROSTER_ROLES } from './powers'
import { toRosterEntry } from './present'
import { ROSTER_PAGE } from './model'
import type { BindingAttemptView, RosterEntry, RosterPage } from './views'

/** What the chair or an admin edits on a roster entry, exactly as the contract's schema outputs it. */
export type MemberFields = InferOutput<typeof memberInput>

/** The roster's filters and page, exactly as the contract's schema outputs them. */
export type RosterQuery = InferOutput<typeof rosterQuery>

/**
 * 会员名册, a page at a time in 工号 order (unique in a union, so the cursor is exact). A keyword is searched
 * in the query, as prefixes both stores (and CloudBase's indexes) answer without a regular expression: a
 * name (王 / 王小), a 工号 (T10, as typed or in capitals) or a phone number's first digits (138). Each kind
 * the keyword could be is one query, all run in parallel with the 小组 names and, when the list is one
 * query, the count for 「共 N 人」: one round trip after the caller's.
 */
export async function listRoster(ctx: Ctx, input: RosterQuery): Promise<RosterPage> {
  const viewer = me(ctx)
  const { unionId } = viewer
  const base: Filter = { unionId }
  if (input.status) base.status = input.status
  if (input.groupId) base.groupId = input.groupId
  const limit = input.limit ?? ROSTER_PAGE
  const after = rosterCursor(input.cursor)
  const queries = searchFilters(base, input.keyword?.trim() ?? '').map((filter): KeysetQuery => ({
    collection: C.members,
    filter,
    field: 'staffNo',
    dir: 1,
  }))
  const [found, groups, total] = await Promise.all([
    mergedPageAfter<MemberDoc>(ctx.store, queries, after, limit, (m) => m.staffNo),
    groupsOfUnion(ctx.store, unionId),
    after === null && queries.length === 1 ? ctx.store.count(C.members, queries[0].filter) : undefined,
  ])
  const names = new Map(groups.map((g) => [g._id, g.name]))
  const rows = found.slice(0, limit)
  const page: RosterPage = {
    items: rows.map((m) => toRosterEntry(m, names.get(m.groupId) ?? '', viewer)),
    more: found.length > limit,
  }
  const last = rows[rows.length - 1]
  if (page.more && last) page.next = encodeCursor('s', { value: last.staffNo, id: last._id })
  if (total !== undefined) page.total = total
  return page
}

function rosterCursor(cursor: string | undefined): Keyset | null {
  if (cursor === undefined) return null
  const at = decodeCursor(cursor)
  if (!at || at.tag !== 's') throw new AppError('BAD_INPUT', '页码不正确，请刷新后重试', { cursor: '页码不正确' })
  return at.at
}

/** One filter per field the keyword could name; none but the roster's own without a keyword. */
function searchFilters(base: Filter, keyword: string): Filter[] {
  if (!keyword) return [base]
  const filters: Filter[] = []
  if (/^[A-Za-z0-9-]+$/.test(keyword)) {
    // 工号 are letters, digits and dashes, stored as typed: try the keyword as typed and in capitals.
    for (const staffNo of new Set([keyword, keyword.toUpperCase()]))
      filters.push({ ...base, staffNo: prefixRange(staffNo) })
  }
  if (/^\d{3,11}$/.test(keyword)) filters.push({ ...base, phone: prefixRange(keyword) })
  if (!/^\d+$/.test(keyword)) filters.push({ ...base, name: prefixRange(keyword) })
  return filters
}

export async function getMember(ctx: Ctx, input: { memberId: string }): Promise<RosterEntry> {
  const { unionId } = me(ctx)
  return entryWithGroup(ctx, await loadMemberInUnion(ctx.store, unionId, input.memberId))
}

export async function createMember(ctx: Ctx, input: MemberFields): Promise<RosterEntry> {
  const actor = me(ctx)
  const group = await loadGroupInUnion(ctx.store, actor.unionId, input.groupId)
  const doc = await insertMember(ctx, actor.unionId, input, 'active')
  await audit(ctx, 'members.create', doc._id, `添加会员 ${doc.name}`)
  return toRosterEntry(doc, group.name, actor)
}

/** Inserts a roster entry with a fresh invite code; a taken 工号 is the database's call, not a prior read. */
export async function insertMember(
  ctx: Ctx,
  unionId: string,
  input: MemberFields,
  status: MemberStatus,
): Promise<MemberDoc> {
  const at = nowIso(ctx)
  for (let attempt = 0; ; attempt++) {
    const doc = newMemberDoc({ _id: ctx.ids.newId(), unionId, inviteCode: ctx.ids.inviteCode(), at }, input, status)
    try {
      await ctx.store.insert(C.members, doc)
      return doc
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
      const taken = await ctx.store.findOne(C.members, { unionId, staffNo: input.staffNo })
      if (taken) throw new AppError('CONFLICT', `工号 ${input.staffNo} 已存在`, { staffNo: '工号已存在' })
      // Otherwise the random invite code collided; a fresh one will do.
      if (attempt >= 3) throw e
    }
  }
}

/** The roster fields a form or an import sets (the birth year has rules of its own). */
function profileOf(input: MemberFields) {
  const { name, staffNo, gender, phone, birthday, groupId, department } = input
  return { name, staffNo, gender, phone, birthday, groupId, department }
}

/** A new, unbound roster entry as stored; the caller picks its _id (fresh, or fixed by an import's plan). */
export function newMemberDoc(
  key: { _id: string; unionId: string; inviteCode: string; at: string },
  input: MemberFields,
  status: MemberStatus,
): MemberDoc {
  const doc: MemberDoc = {
    _id: key._id,
    unionId: key.unionId,
    ...profileOf(input),
    roles: ['member'],
    status,
    inviteCode: key.inviteCode,
    privacy: { hideBirthday: false, noGreetings: false },
    createdAt: key.at,
    updatedAt: key.at,
  }
  if (typeof input.birthYear === 'number') doc.birthYear = input.birthYear
  return doc
}

export async function updateMember(ctx: Ctx, input: MemberFields & { memberId: string }): Promise<RosterEntry> {
  const actor = me(ctx)
  const { unionId } = actor
  const current = await loadMemberInUnion(ctx.store, unionId, input.memberId)
  refuseUnlessMayChange(actor, current)
  // Clearing a year the caller cannot see would be a blind edit; a year they type is theirs to know.
  if (input.birthYear === null && !isChair(actor)) {
    throw new AppError('FORBIDDEN', '您不能删除出生年份，只有工会主席可以', {
      birthYear: '只有工会主席可以删除出生年份',
    })
  }
  const group = await loadGroupInUnion(ctx.store, unionId, input.groupId)
  if (input.staffNo !== current.staffNo) {
    const taken = await ctx.store.findOne(C.members, { unionId, staffNo: input.staffNo })
    if (taken) throw new AppError('CONFLICT', `工号 ${input.staffNo} 已存在`, { staffNo: '工号已存在' })
  }
  const changes = { ...profileOf(input), updatedAt: nowIso(ctx) }
  // Absent keeps the stored year: an admin's form never carries it.
  const update: Update = { $set: input.birthYear == null ? changes : { ...changes, birthYear: input.birthYear } }
  if (input.birthYear === null) update.$unset = { birthYear: true }
  try {
    await ctx.store.updateOne(C.members, { _id: current._id, unionId }, update)
  } catch (e) {
    if (e instanceof DuplicateKeyError)
      throw new AppError('CONFLICT', `工号 ${input.staffNo} 已存在`, { staffNo: '工号已存在' })
    throw e
  }
  await audit(ctx, 'members.update', current._id, `修改 ${input.name} 的资料`)
  const updated: MemberDoc = { ...current, ...changes }
  if (input.birthYear === null) delete updated.birthYear
  else if (input.birthYear !== undefined) updated.birthYear = input.birthYear
  return toRosterEntry(updated, group.name, actor)
}

export async function setStatus(ctx: Ctx, input: { memberId: string; status: MemberStatus }): Promise<RosterEntry> {
  const actor = me(ctx)
  const { unionId } = actor
  const current = await loadMemberInUnion(ctx.store, unionId, input.memberId)
  refuseUnlessMayChange(actor, current)
  if (input.status === 'left')
    await keepASignedInChair(ctx, current, '不能设为调离。请先把主席角色交给另一位会员，等 TA 绑定微信后再操作')
  await ctx.store.updateOne(
    C.members,
    { _id: current._id, unionId },
    { $set: { status: input.status, updatedAt: nowIso(ctx) } },
  )
  await audit(ctx, 'members.setStatus', current._id, `${current.name} 状态改为 ${input.status}`)
  return entryWithGroup(ctx, { ...current, status: input.status })
}

export async function setRoles(
  ctx: Ctx,
  input: { memberId: string; roles: Role[]; department: string },
): Promise<RosterEntry> {
  const actor = me(ctx)
  const current = await loadMemberInUnion(ctx.store, actor.unionId, input.memberId)
  refuseUnlessMayChange(actor, current)
  const roles = Array.from(new Set<Role>(['member', ...input.roles]))
  const touchesPower = ROSTER_ROLES.some((r) => roles.includes(r) !== current.roles.includes(r))
  if (touchesPower && !isChair(actor)) {
    throw new AppError('FORBIDDEN', `只有${ROLE_LABELS.chair}可以授予或撤销主席、管理员角色`)
  }
  if (!roles.includes('chair')) {
    await keepASignedInChair(
      ctx,
      current,
      '不能撤销自己的主席角色。请先把主席角色交给另一位会员，等 TA 绑定微信后再操作',
    )
  }
  if (roles.includes('deptHead') && !input.department) {
    throw new AppError('BAD_INPUT', '部门负责人需填写所负责的部门', { department: '请填写部门，如 教务处' })
  }
  await ctx.store.updateOne(
    C.members,
    { _id: current._id, unionId: actor.unionId },
    { $set: { roles, department: input.department, updatedAt: nowIso(ctx) } },
  )
  await audit(
    ctx,
    'members.setRoles',
    current._id,
    `${current.name} 角色：${roles.map((r) => ROLE_LABELS[r]).join('、')}`,
  )
  return entryWithGroup(ctx, { ...current, roles, department: input.department })
}

/** Frees the entry for its rightful owner (new phone, or a wrong person bound it) and retires the old code. */
export async function resetBinding(ctx: Ctx, input: { memberId: string }): Promise<RosterEntry> {
  const actor = me(ctx)
  const { unionId } = actor
  const current = await loadMemberInUnion(ctx.store, unionId, input.memberId)
  refuseUnlessMayChange(actor, current)
  await keepASignedInChair(
    ctx,
    current,
    '解除自己的微信绑定后就没有主席能登录了。如需换微信，请先把主席角色交给另一位会员，等 TA 绑定微信后再解除',
  )
  const inviteCode = ctx.ids.inviteCode()
  await ctx.store.updateOne(
    C.members,
    { _id: current._id, unionId },
    { $unset: { openid: true, boundAt: true }, $set: { inviteCode, updatedAt: nowIso(ctx) } },
  )
  await audit(ctx, 'members.resetBinding', current._id, `解除 ${current.name} 的微信绑定`)
  const { openid: _dropped, boundAt: _alsoDropped, ...rest } = current
  return entryWithGroup(ctx, { ...rest, inviteCode } as MemberDoc)
}

export async function listBindingAttempts(ctx: Ctx): Promise<BindingAttemptView[]> {
  const { unionId } = me(ctx)
  const attempts = await ctx.store.find<BindingAttemptDoc>(
    C.bindingAttempts,
    { unionId },
    { sort: { at: -1 }, limit: 100 },
  )
  const ids = Array.from(new Set(attempts.map((a) => a.memberId).filter((id): id is string => Boolean(id))))
  const members = ids.length
    ? await ctx.store.find<MemberDoc>(C.members, { unionId, _id: { $in: ids } }, { limit: 100 })
    : []
  const names = new Map(members.map((m) => [m._id, m.name]))
  return attempts.map((a) => ({
    at: a.at,
    method: a.method,
    reason: a.reason,
    memberName: a.memberId ? names.get(a.memberId) : undefined,
  }))
}

async function entryWithGroup(ctx: Ctx, m: MemberDoc): Promise<RosterEntry> {
  const group = await ctx.store.findOne<GroupDoc>(C.groups, { _id: m.groupId, unionId: m.unionId })
  return toRosterEntry(m, group?.name ?? '', me(ctx))
}

/** Chair actions on the roster are kept: who changed whom, when. */
export interface AuditDoc {
  _id: string
  unionId: string
  actorId: string
  action: string
  subjectId: string
  text: string
  at: string
  [key: string]: unknown
}

/** One entry by the signed-in caller, under a fresh id. */
export async function audit(ctx: Ctx, action: string, subjectId: string, text: string): Promise<void> {
  const actor = me(ctx)
  const entry: AuditDoc = {
    _id: ctx.ids.newId(),
    unionId: actor.unionId,
    actorId: actor._id,
    action,
    subjectId,
    text,
    at: nowIso(ctx),
  }
  await ctx.store.insert(C.audit, entry)
}
