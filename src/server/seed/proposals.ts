import { PC } from '@/core/proposals/collections'
import type { HistoryEntry, ProposalDoc, Rating, Resolution, SecondDoc, SessionDoc } from '@/core/proposals/model'
import { addDays, shanghaiDate, shanghaiDayEnd, shanghaiDayStart } from '@/core/shared/shanghai-time'
import { DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS } from '@/core/proposals/sessions'
import { SC } from '@/core/suggestions/collections'
import type { SuggestionDoc } from '@/core/suggestions/model'
import type { ServerPorts } from '../ports'
import { DEMO_UNION_ID } from './demo-school'

/** Ids the tests' fixtures rely on (see test/support/fixtures/proposals.ts). */
export const SEED = {
  pastSession: 'ps-2025',
  currentSession: 'ps-2026',
  submitted: 'pc-submitted',
  accepted: 'pc-accepted',
  assigned: 'pc-assigned',
  replied: 'pc-replied',
  draftReady: 'pc-draft',
  draftOpen: 'pc-open',
  draftFresh: 'pc-fresh',
  suggestion: 'sg-named',
} as const

const NAMES: Record<string, string> = {
  m01: '王建国',
  m03: '张丽华',
  m04: '陈志强',
  m05: '刘芳',
  m06: '赵明',
  m07: '孙强',
  m08: '周敏',
  m09: '郭婷',
  m10: '何平',
  m11: '马丽',
  m12: '杨帆',
  m13: '黄静',
  m14: '吴磊',
  m15: '徐慧',
  m16: '朱红',
}
const HEAD_OF: Record<string, string> = { 教务处: 'm06', 总务处: 'm07', 办公室: 'm08' }

type Stage = 'draft' | 'submitted' | 'accepted' | 'converted' | 'merged' | 'assigned' | 'replied' | 'closed'

interface Plan {
  id: string
  n?: number
  title: string
  category: string
  dept: string
  by: string
  seconders: string[]
  stage: Stage
  /** Days after the session opened that it was submitted. */
  day: number
  reject?: boolean
  mergeInto?: string
  /** Reply days after assignment (negative = never replied yet); reply date is assignment + 20. */
  replyAfter?: number
  resolution?: Resolution
  ratings?: { rating: Rating; comment: string }[]
  openForSeconds?: boolean
}

const REASONS: Record<string, string> = {
  后勤: '目前学校在这方面的条件与教职工的日常需要还有差距，不少老师反映问题已经存在较长时间，影响了工作和生活的便利，也影响了大家的工作情绪。经过在小组里的讨论，大家认为有必要提出来，请学校统筹考虑。',
  福利: '教职工工作强度大、压力大，身体和心理健康值得关注。与周边兄弟学校相比，我校在这方面的安排还比较少，老师们希望学校和工会能在经费允许的范围内多做一些实事，增强大家的获得感和归属感。',
  教学: '随着课程改革推进，老师们在备课、教研和课后服务上投入的时间越来越多，现有的安排有些地方不够合理，年轻教师和骨干教师都感到压力较大。希望学校在教学管理上进一步优化，让老师把精力用在教学上。',
  管理: '近年来学校各类通知、表格、检查较多，有些内容重复填报，占用了老师不少时间。老师们希望学校在管理上做减法，统一口径、减少重复，把时间还给课堂和学生，同时让制度更加透明公开。',
}

const SUGGESTION =
  '建议学校相关部门先做一次调查，听取一线老师的意见，制定切实可行的改进方案，并在下学期开学前落实，落实情况在教代会上通报。'

/** A history line; the store refuses `undefined`, so an empty note is left out. */
function line(at: string, byId: string, action: string, note?: string): HistoryEntry {
  return note ? { at, byId, byName: NAMES[byId], action, note } : { at, byId, byName: NAMES[byId], action }
}

function historyOf(
  plan: Plan,
  opensOn: string,
  code: string | undefined,
): { doc: Partial<ProposalDoc>; history: HistoryEntry[] } {
  const at = (day: number, hour = 10) =>
    new Date(shanghaiDayStart(addDays(opensOn, day)).getTime() + hour * 3600_000).toISOString()
  const h: HistoryEntry[] = [{ at: at(plan.day - 2), byId: plan.by, byName: NAMES[plan.by], action: '起草' }]
  const doc: Partial<ProposalDoc> = {}
  if (plan.stage === 'draft') return { doc, history: h }
  doc.submittedAt = at(plan.day)
  doc.code = code
  h.push({
    at: at(plan.day),
    byId: plan.by,
    byName: NAMES[plan.by],
    action: '提交',
    note: `附议人：${plan.seconders.map((s) => NAMES[s]).join('、')}`,
  })
  if (plan.stage === 'submitted') return { doc, history: h }
  const reviewAt = at(plan.day + 3)
  if (plan.mergeInto) {
    doc.review = { decision: 'merge', reason: '与同类提案内容相近，并案办理', at: reviewAt, byName: '张丽华' }
    doc.mergedInto = plan.mergeInto
    h.push({ at: reviewAt, byId: 'm03', byName: '张丽华', action: '并案', note: '与同类提案内容相近，并案办理' })
    return { doc, history: h }
  }
  doc.review = plan.reject
    ? { decision: 'reject', reason: '属于日常管理事项，转为意见建议由部门办理', at: reviewAt, byName: '张丽华' }
    : { decision: 'accept', reason: '', at: reviewAt, byName: '张丽华' }
  h.push(line(reviewAt, 'm03', plan.reject ? '不予立案，转为意见建议' : '立案', doc.review.reason))
  if (plan.stage === 'accepted' || plan.stage === 'converted') return { doc, history: h }
  const assignedOn = addDays(opensOn, plan.day + 5)
  doc.assignment = { lead: plan.dept, cooperating: [], replyBy: addDays(assignedOn, 20), at: at(plan.day + 5) }
  h.push({
    at: at(plan.day + 5),
    byId: 'm04',
    byName: '陈志强',
    action: `交办：主办${plan.dept}`,
    note: `请于${doc.assignment.replyBy}前答复`,
  })
  if (plan.replyAfter === undefined || plan.replyAfter < 0) return { doc, history: h }
  const head = HEAD_OF[plan.dept]
  const reply = (day: number, text: string) => ({
    at: at(plan.day + 5 + day, 15),
    department: plan.dept,
    byId: head,
    byName: NAMES[head],
    method: '书面答复' as const,
    resolution: plan.resolution ?? '已解决',
    text,
  })
  doc.replies = [
    reply(
      plan.replyAfter,
      `感谢老师的建议。${plan.dept}已对相关情况进行了调研，${plan.resolution === '列入计划' ? '已列入下学年工作计划，将分步实施' : plan.resolution === '暂不具备条件' ? '受经费和场地限制，目前暂不具备条件，条件成熟时优先考虑' : '已制定改进措施并开始落实'}。`,
    ),
  ]
  h.push({
    at: doc.replies[0].at,
    byId: head,
    byName: NAMES[head],
    action: `${plan.dept}答复（${doc.replies[0].resolution}）`,
  })
  const ratings = plan.ratings ?? []
  doc.ratings = []
  ratings.forEach((r, i) => {
    const ratedAt = at(plan.day + 5 + (plan.replyAfter ?? 0) + 3 + i * 10)
    doc.ratings?.push({ at: ratedAt, rating: r.rating, comment: r.comment })
    const redo = r.rating === '不满意' && i === 0 && ratings.length > 1
    h.push(line(ratedAt, plan.by, `评价：${r.rating}，${redo ? '退回再办理' : '办结'}`, r.comment))
    if (redo) {
      doc.redone = true
      const again = reply((plan.replyAfter ?? 0) + 8, `根据老师的意见，${plan.dept}再次研究，调整了方案并已落实到位。`)
      doc.replies?.push(again)
      h.push({ at: again.at, byId: head, byName: NAMES[head], action: `${plan.dept}答复（${again.resolution}）` })
    }
  })
  if (plan.stage === 'closed') doc.closedAt = h[h.length - 1].at
  return { doc, history: h }
}

const PAST: Plan[] = [
  {
    id: 'pp-01',
    n: 1,
    title: '关于改善教师午餐质量的建议',
    category: '后勤',
    dept: '总务处',
    by: 'm09',
    seconders: ['m10', 'm11'],
    stage: 'closed',
    day: 1,
    replyAfter: 12,
    ratings: [{ rating: '满意', comment: '菜品明显改善，谢谢' }],
  },
  {
    id: 'pp-02',
    n: 2,
    title: '关于增设教师健身活动室的建议',
    category: '福利',
    dept: '办公室',
    by: 'm12',
    seconders: ['m13', 'm14'],
    stage: 'closed',
    day: 2,
    replyAfter: 15,
    resolution: '列入计划',
    ratings: [{ rating: '基本满意', comment: '希望尽快落实' }],
  },
  {
    id: 'pp-03',
    n: 3,
    title: '关于减少非教学事务性工作的建议',
    category: '管理',
    dept: '办公室',
    by: 'm10',
    seconders: ['m09', 'm15'],
    stage: 'closed',
    day: 2,
    replyAfter: 18,
    ratings: [{ rating: '满意', comment: '' }],
  },
  {
    id: 'pp-04',
    n: 4,
    title: '关于完善青年教师培养机制的建议',
    category: '教学',
    dept: '教务处',
    by: 'm13',
    seconders: ['m11', 'm12'],
    stage: 'closed',
    day: 3,
    replyAfter: 10,
    ratings: [{ rating: '满意', comment: '师徒结对很有帮助' }],
  },
  {
    id: 'pp-05',
    n: 5,
    title: '关于教师午餐增加菜品选择的建议',
    category: '后勤',
    dept: '总务处',
    by: 'm14',
    seconders: ['m15', 'm16'],
    stage: 'merged',
    day: 3,
    mergeInto: 'pp-01',
  },
  {
    id: 'pp-06',
    n: 6,
    title: '关于缓解校园停车位紧张问题的建议',
    category: '后勤',
    dept: '总务处',
    by: 'm15',
    seconders: ['m09', 'm13'],
    stage: 'closed',
    day: 4,
    replyAfter: 25,
    resolution: '暂不具备条件',
    ratings: [{ rating: '基本满意', comment: '理解学校的难处' }],
  },
  {
    id: 'pp-07',
    n: 7,
    title: '关于优化课后服务排班的建议',
    category: '教学',
    dept: '教务处',
    by: 'm11',
    seconders: ['m10', 'm12'],
    stage: 'closed',
    day: 5,
    replyAfter: 9,
    ratings: [{ rating: '满意', comment: '' }],
  },
  {
    id: 'pp-08',
    n: 8,
    title: '关于提高教职工体检标准的建议',
    category: '福利',
    dept: '办公室',
    by: 'm16',
    seconders: ['m14', 'm09'],
    stage: 'closed',
    day: 5,
    replyAfter: 14,
    resolution: '列入计划',
    ratings: [{ rating: '满意', comment: '' }],
  },
  {
    id: 'pp-09',
    n: 9,
    title: '关于更新办公室电脑设备的建议',
    category: '后勤',
    dept: '总务处',
    by: 'm12',
    seconders: ['m13', 'm10'],
    stage: 'assigned',
    day: 6,
  },
  {
    id: 'pp-10',
    n: 10,
    title: '关于规范各类检查评比的建议',
    category: '管理',
    dept: '办公室',
    by: 'm14',
    seconders: ['m11', 'm16'],
    stage: 'closed',
    day: 6,
    reject: true,
    replyAfter: 16,
    ratings: [{ rating: '基本满意', comment: '' }],
  },
  {
    id: 'pp-11',
    n: 11,
    title: '关于改善教学楼饮水设施的建议',
    category: '后勤',
    dept: '总务处',
    by: 'm13',
    seconders: ['m09', 'm15'],
    stage: 'replied',
    day: 7,
    replyAfter: 19,
  },
  {
    id: 'pp-12',
    n: 12,
    title: '关于增加集体教研活动时间的建议',
    category: '教学',
    dept: '教务处',
    by: 'm10',
    seconders: ['m11', 'm13'],
    stage: 'closed',
    day: 7,
    replyAfter: 11,
    ratings: [
      { rating: '不满意', comment: '教研时间仍被其他事务挤占' },
      { rating: '满意', comment: '调整后好多了' },
    ],
  },
]

const CURRENT: Plan[] = [
  {
    id: SEED.submitted,
    n: 1,
    title: '关于延长图书馆开放时间的建议',
    category: '教学',
    dept: '教务处',
    by: 'm14',
    seconders: ['m12', 'm16'],
    stage: 'submitted',
    day: 2,
  },
  {
    id: SEED.accepted,
    n: 2,
    title: '关于改善教师办公室空调的建议',
    category: '后勤',
    dept: '总务处',
    by: 'm15',
    seconders: ['m13', 'm14'],
    stage: 'accepted',
    day: 1,
  },
  {
    id: SEED.assigned,
    n: 3,
    title: '关于合理控制学生作业量的建议',
    category: '教学',
    dept: '教务处',
    by: 'm13',
    seconders: ['m10', 'm15'],
    stage: 'assigned',
    day: 0,
  },
  {
    id: SEED.replied,
    n: 4,
    title: '关于设立教职工子女托管班的建议',
    category: '福利',
    dept: '教务处',
    by: 'm09',
    seconders: ['m11', 'm12'],
    stage: 'replied',
    day: 0,
    replyAfter: 3,
    resolution: '列入计划',
  },
  {
    id: SEED.draftReady,
    title: '关于增设教师休息室的建议',
    category: '福利',
    dept: '总务处',
    by: 'm09',
    seconders: ['m10', 'm11'],
    stage: 'draft',
    day: 8,
  },
  {
    id: SEED.draftFresh,
    title: '关于控制校内会议时长的建议',
    category: '管理',
    dept: '办公室',
    by: 'm09',
    seconders: [],
    stage: 'draft',
    day: 9,
  },
  {
    id: SEED.draftOpen,
    title: '关于完善教师培训学分管理的建议',
    category: '管理',
    dept: '教务处',
    by: 'm12',
    seconders: ['m13'],
    stage: 'draft',
    day: 8,
    openForSeconds: true,
  },
]

async function seedSession(ports: ServerPorts, session: SessionDoc, plans: Plan[]): Promise<void> {
  await ports.store.insert(PC.sessions, session)
  const opensOn = shanghaiDate(new Date(session.opensAt))
  for (const plan of plans) {
    const code = plan.n ? `${session.codePrefix}-${String(plan.n).padStart(2, '0')}` : undefined
    const { doc, history } = historyOf(plan, opensOn, code)
    const status = plan.stage === 'accepted' && plan.reject ? 'converted' : plan.stage
    const last = history[history.length - 1].at
    const submitted = plan.stage !== 'draft'
    const p: ProposalDoc = {
      _id: plan.id,
      unionId: DEMO_UNION_ID,
      sessionId: session._id,
      status,
      title: plan.title,
      reasons: REASONS[plan.category],
      suggestion: SUGGESTION,
      category: plan.category,
      suggestedDept: plan.dept,
      proposerId: plan.by,
      proposerName: NAMES[plan.by],
      openForSeconds: plan.openForSeconds ?? false,
      seconders: submitted ? plan.seconders.map((m) => ({ memberId: m, name: NAMES[m] })) : [],
      mergedFrom: [],
      replies: [],
      replyReturned: false,
      ratings: [],
      redone: false,
      history,
      createdAt: history[0].at,
      updatedAt: last,
      ...doc,
    }
    await ports.store.insert(PC.proposals, p)
    for (const m of plan.seconders) {
      const second: SecondDoc = {
        _id: `${plan.id}_${m}`,
        unionId: DEMO_UNION_ID,
        proposalId: plan.id,
        memberId: m,
        memberName: NAMES[m],
        status: 'accepted',
        locked: submitted,
        createdAt: history[0].at,
        updatedAt: history[0].at,
      }
      await ports.store.insert(PC.seconds, second)
    }
  }
  for (const plan of plans.filter((x) => x.mergeInto)) {
    await ports.store.updateOne(PC.proposals, { _id: plan.mergeInto as string }, { $push: { mergedFrom: [plan.id] } })
    // A main proposal already 办结 took the merged one with it, as the app does (follow-up.ts, closeMerged).
    const main = await ports.store.findOne<ProposalDoc>(PC.proposals, { _id: plan.mergeInto as string })
    if (main?.status === 'closed' && main.closedAt) {
      const closing = main.history[main.history.length - 1]
      await ports.store.updateOne(
        PC.proposals,
        { _id: plan.id, status: 'merged' },
        {
          $set: { status: 'closed', closedAt: main.closedAt, closedWithMain: true, updatedAt: main.closedAt },
          $push: {
            history: [
              {
                at: main.closedAt,
                byId: closing.byId,
                byName: closing.byName,
                action: '随主提案办结',
                note: `${main.code}号提案「${main.title}」已办结`,
              },
            ],
          },
        },
      )
    }
  }
}

/** A past 教代会 with a dozen proposals in every state, and the current one open for proposals right now. */
export async function seedProposals(ports: ServerPorts): Promise<void> {
  const now = ports.clock.now()
  const today = shanghaiDate(now)
  const createdAt = now.toISOString()
  const session = (
    id: string,
    name: string,
    codePrefix: string,
    opensOn: string,
    closesOn: string,
    counter: number,
  ): SessionDoc => ({
    _id: id,
    unionId: DEMO_UNION_ID,
    name,
    codePrefix,
    opensAt: shanghaiDayStart(opensOn).toISOString(),
    closesAt: shanghaiDayEnd(closesOn).toISOString(),
    secondsRequired: 2,
    categories: DEFAULT_CATEGORIES,
    departments: DEFAULT_DEPARTMENTS,
    counter,
    createdBy: 'm01',
    createdAt,
  })
  const pastOpens = addDays(today, -400)
  await seedSession(
    ports,
    session(
      SEED.pastSession,
      '五届四次教代会',
      String(Number(today.slice(0, 4)) - 1),
      pastOpens,
      addDays(pastOpens, 20),
      PAST.length,
    ),
    PAST,
  )
  const curOpens = addDays(today, -10)
  await seedSession(
    ports,
    session(SEED.currentSession, '五届五次教代会', today.slice(0, 4), curOpens, addDays(today, 20), 4),
    CURRENT,
  )

  const suggestions: SuggestionDoc[] = [
    {
      _id: SEED.suggestion,
      unionId: DEMO_UNION_ID,
      title: '教学楼走廊增加座椅',
      content: '课间和放学等家长时，老师和学生常在走廊站着，建议在走廊合适位置增加几组座椅。',
      anonymous: false,
      authorId: 'm17',
      authorName: '胡军',
      submittedOn: addDays(today, -3),
      status: 'open',
    },
    {
      _id: 'k7m2q9x4w8r3t6ya',
      unionId: DEMO_UNION_ID,
      title: '食堂窗口错峰开放',
      content: '中午各年级同时下课，食堂窗口排队很长，建议按年级错峰开放或增加一个窗口。',
      anonymous: true,
      submittedOn: addDays(today, -5),
      status: 'answered',
      answer: {
        text: '已与总务处沟通，下周起增设一个临时窗口并按年级错峰就餐。',
        at: new Date(now.getTime() - 2 * 86400_000).toISOString(),
        byName: '刘芳',
      },
    },
    {
      _id: 'p3v8n2c6h9d4f7zb',
      unionId: DEMO_UNION_ID,
      title: '打印室延长开放时间',
      content: '早上七点半前打印室不开门，建议提前到七点开放，方便早到的老师打印材料。',
      anonymous: true,
      submittedOn: addDays(today, -1),
      status: 'open',
    },
  ]
  for (const s of suggestions) await ports.store.insert(SC.suggestions, s)
}
