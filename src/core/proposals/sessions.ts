import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import { PC } from './collections'
import { sessionsOfUnion } from './lookup'
import type { SessionDoc } from './model'
import { toSessionView } from './present'
import { endOfShanghaiDay, splitList, startOfShanghaiDay } from './rules'
import type { SessionView } from './views'

export const DEFAULT_CATEGORIES = ['教学', '后勤', '福利', '管理', '其他']
export const DEFAULT_DEPARTMENTS = ['教务处', '总务处', '办公室']

export async function listSessions(ctx: Ctx): Promise<SessionView[]> {
  const { unionId } = me(ctx)
  const now = ctx.clock.now()
  return (await sessionsOfUnion(ctx.store, unionId)).map((s) => toSessionView(s, now))
}

export interface NewSession {
  name: string
  codePrefix: string
  opensOn: string
  closesOn: string
  secondsRequired: number
  categories: string
  departments: string
}

export async function createSession(ctx: Ctx, input: NewSession): Promise<SessionView> {
  const caller = me(ctx)
  if (input.closesOn < input.opensOn) {
    throw new AppError('BAD_INPUT', '征集截止日期不能早于开始日期', { closesOn: '截止日期不能早于开始日期' })
  }
  const categories = splitList(input.categories)
  const departments = splitList(input.departments)
  if (categories.some((c) => c.length > 10))
    throw new AppError('BAD_INPUT', '每个类别不超过10个字', { categories: '每个类别不超过10个字' })
  if (departments.some((d) => d.length > 20))
    throw new AppError('BAD_INPUT', '每个部门名称不超过20个字', { departments: '部门名称太长' })
  const taken = await ctx.store.count(PC.sessions, { unionId: caller.unionId, codePrefix: input.codePrefix })
  if (taken > 0)
    throw new AppError('CONFLICT', `编号前缀 ${input.codePrefix} 已被其他届次使用`, { codePrefix: '编号前缀已被使用' })
  const doc: SessionDoc = {
    _id: ctx.ids.newId(),
    unionId: caller.unionId,
    name: input.name,
    codePrefix: input.codePrefix,
    opensAt: startOfShanghaiDay(input.opensOn).toISOString(),
    closesAt: endOfShanghaiDay(input.closesOn).toISOString(),
    secondsRequired: input.secondsRequired,
    categories: categories.length ? categories : DEFAULT_CATEGORIES,
    departments: departments.length ? departments : DEFAULT_DEPARTMENTS,
    counter: 0,
    createdBy: caller._id,
    createdAt: nowIso(ctx),
  }
  await ctx.store.insert(PC.sessions, doc)
  return toSessionView(doc, ctx.clock.now())
}
