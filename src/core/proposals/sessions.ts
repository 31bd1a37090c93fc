import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { AppError } from '../shared/errors'
import type { Filter } from '../shared/ports'
import { PC } from './collections'
import { loadSession, sessionsOfUnion } from './lookup'
import type { HistoryEntry, SessionDoc } from './model'
import { toSessionView } from './present'
import { splitList } from './rules'
import { shanghaiDayEnd, shanghaiDayStart } from '../shared/shanghai-time'
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
  replySignOff?: 'none' | 'committee'
  autoCloseDays?: number
}

/** The two handling rules as stored: 'none' and 0 are the defaults, kept absent like on older sessions. */
function handlingRules(input: { replySignOff?: 'none' | 'committee'; autoCloseDays?: number }) {
  return {
    ...(input.replySignOff === 'committee' ? { replySignOff: 'committee' as const } : {}),
    ...(input.autoCloseDays ? { autoCloseDays: input.autoCloseDays } : {}),
  }
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
    opensAt: shanghaiDayStart(input.opensOn).toISOString(),
    closesAt: shanghaiDayEnd(input.closesOn).toISOString(),
    secondsRequired: input.secondsRequired,
    categories: categories.length ? categories : DEFAULT_CATEGORIES,
    departments: departments.length ? departments : DEFAULT_DEPARTMENTS,
    counter: 0,
    ...handlingRules(input),
    createdBy: caller._id,
    createdAt: nowIso(ctx),
  }
  await ctx.store.insert(PC.sessions, doc)
  return toSessionView(doc, ctx.clock.now())
}

export interface SessionChanges {
  sessionId: string
  name: string
  opensOn: string
  closesOn: string
  secondsRequired: number
  categories: string
  departments: string
  /** Absent: unchanged. */
  replySignOff?: 'none' | 'committee'
  autoCloseDays?: number
}

/**
 * Which of `categories` and `departments` some proposal of the session names (drafts and handling included):
 * one count per name, all at once, instead of reading the session's proposals.
 */
async function namesInUse(
  ctx: Ctx,
  session: SessionDoc,
  categories: string[],
  departments: string[],
): Promise<{ category?: string; department?: string }> {
  const scope = { unionId: session.unionId, sessionId: session._id }
  const used = (filter: Filter) => ctx.store.count(PC.proposals, { ...scope, ...filter }).then((n) => n > 0)
  const [categoryUse, departmentUse] = await Promise.all([
    Promise.all(categories.map((c) => used({ category: c }))),
    Promise.all(
      departments.map((d) =>
        Promise.all([
          used({ suggestedDept: d }),
          used({ 'assignment.lead': d }),
          // Array-contains by equality.
          used({ 'assignment.cooperating': d }),
        ]).then((uses) => uses.some(Boolean)),
      ),
    ),
  ])
  return {
    category: categories.find((_, i) => categoryUse[i]),
    department: departments.find((_, i) => departmentUse[i]),
  }
}

/**
 * The chair corrects a session after creating it. Only safe edits: the start date only before the window
 * opens; the close date freely (closing early included, never before the start); 附议人数 only while no
 * proposal has been submitted (checked again by the update itself, on the number counter); a category or
 * department that some proposal uses cannot be removed. Each change is recorded on the session.
 */
export async function updateSession(ctx: Ctx, input: SessionChanges): Promise<SessionView> {
  const caller = me(ctx)
  const session = await loadSession(ctx.store, caller.unionId, input.sessionId)
  const now = ctx.clock.now()
  const was = toSessionView(session, now)
  if (input.closesOn < input.opensOn) {
    throw new AppError('BAD_INPUT', '征集截止日期不能早于开始日期', { closesOn: '截止日期不能早于开始日期' })
  }
  if (input.opensOn !== was.opensOn && was.phase !== 'upcoming') {
    throw new AppError('CONFLICT', `征集已于${was.opensOn}开始，开始日期不能再改`, { opensOn: '征集已经开始' })
  }
  const secondsChange = input.secondsRequired !== session.secondsRequired
  if (secondsChange && session.counter > 0) {
    throw new AppError(
      'CONFLICT',
      `已有${session.counter}件提案按附议${session.secondsRequired}人提交，附议人数不能再改`,
      {
        secondsRequired: '已有提案提交，不能再改',
      },
    )
  }
  const categories = splitList(input.categories)
  const departments = splitList(input.departments)
  if (categories.length === 0)
    throw new AppError('BAD_INPUT', '请至少填写一个类别', { categories: '请至少填写一个类别' })
  if (departments.length === 0)
    throw new AppError('BAD_INPUT', '请至少填写一个承办部门', { departments: '请至少填写一个承办部门' })
  if (categories.some((c) => c.length > 10))
    throw new AppError('BAD_INPUT', '每个类别不超过10个字', { categories: '每个类别不超过10个字' })
  if (departments.some((d) => d.length > 20))
    throw new AppError('BAD_INPUT', '每个部门名称不超过20个字', { departments: '部门名称太长' })
  const removedCategories = session.categories.filter((c) => !categories.includes(c))
  const removedDepartments = session.departments.filter((d) => !departments.includes(d))
  if (removedCategories.length || removedDepartments.length) {
    const { category, department } = await namesInUse(ctx, session, removedCategories, removedDepartments)
    if (category)
      throw new AppError('CONFLICT', `已有提案属于「${category}」类别，不能删除这个类别`, {
        categories: `「${category}」正在使用`,
      })
    if (department)
      throw new AppError('CONFLICT', `已有提案涉及${department}，不能删除这个承办部门`, {
        departments: `「${department}」正在使用`,
      })
  }
  const rules = {
    replySignOff: input.replySignOff ?? session.replySignOff ?? 'none',
    autoCloseDays: input.autoCloseDays ?? session.autoCloseDays ?? 0,
  }
  const next = {
    ...handlingRules(rules),
    name: input.name,
    opensAt: shanghaiDayStart(input.opensOn).toISOString(),
    closesAt: shanghaiDayEnd(input.closesOn).toISOString(),
    secondsRequired: input.secondsRequired,
    categories,
    departments,
  }
  const changes = [
    ...describeChanges(was, { ...input, categories, departments }),
    ...describeRuleChanges(session, rules),
  ]
  if (changes.length === 0) return was
  const edit: HistoryEntry = { at: nowIso(ctx), byId: caller._id, byName: caller.name, action: changes.join('；') }
  // 附议人数 moves only while the number counter is still 0, so a submission at this moment wins cleanly.
  const matched = await ctx.store.updateOne(
    PC.sessions,
    secondsChange
      ? { _id: session._id, unionId: caller.unionId, counter: 0 }
      : { _id: session._id, unionId: caller.unionId },
    {
      $set: next,
      // 'none' and 0 are stored as absent (handlingRules).
      ...(rules.replySignOff === 'none' || !rules.autoCloseDays
        ? {
            $unset: {
              ...(rules.replySignOff === 'none' ? { replySignOff: true as const } : {}),
              ...(!rules.autoCloseDays ? { autoCloseDays: true as const } : {}),
            },
          }
        : {}),
      $push: { edits: [edit] },
    },
  )
  if (!matched) throw new AppError('CONFLICT', '刚有提案提交，附议人数不能再改，请刷新后再看')
  return toSessionView(await loadSession(ctx.store, caller.unionId, session._id), now)
}

function describeChanges(
  was: SessionView,
  next: Omit<SessionChanges, 'categories' | 'departments'> & { categories: string[]; departments: string[] },
): string[] {
  const out: string[] = []
  if (next.name !== was.name) out.push(`名称：${was.name} → ${next.name}`)
  if (next.opensOn !== was.opensOn) out.push(`开始日期：${was.opensOn} → ${next.opensOn}`)
  if (next.closesOn !== was.closesOn) out.push(`截止日期：${was.closesOn} → ${next.closesOn}`)
  if (next.secondsRequired !== was.secondsRequired)
    out.push(`附议人数：${was.secondsRequired} → ${next.secondsRequired}`)
  if (next.categories.join('、') !== was.categories.join('、'))
    out.push(`类别：${was.categories.join('、')} → ${next.categories.join('、')}`)
  if (next.departments.join('、') !== was.departments.join('、'))
    out.push(`承办部门：${was.departments.join('、')} → ${next.departments.join('、')}`)
  return out
}

function describeRuleChanges(
  was: SessionDoc,
  next: { replySignOff: 'none' | 'committee'; autoCloseDays: number },
): string[] {
  const out: string[] = []
  const signOff = (v?: string) => (v === 'committee' ? '须经提案工作委员会审核' : '直接发给提案人')
  if ((was.replySignOff ?? 'none') !== next.replySignOff)
    out.push(`答复：${signOff(was.replySignOff)} → ${signOff(next.replySignOff)}`)
  const days = (n?: number) => (n ? `${n}天未评价视为满意` : '不自动办结')
  if ((was.autoCloseDays ?? 0) !== next.autoCloseDays)
    out.push(`逾期未评价：${days(was.autoCloseDays)} → ${days(next.autoCloseDays)}`)
  return out
}
