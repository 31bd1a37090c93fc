// Many proposals of one session, shaped as the demo seed's (src/server/seed/proposals.ts): every stage of the
// lifecycle with its history, review, assignment, replies and ratings. For the board2000 bench and the
// board's paging tests; written straight into the store, as the seed is.
import type {
  HistoryEntry,
  ProposalDoc,
  ProposalStatus,
  RatingEntry,
  ReplyEntry,
  SessionDoc,
} from '../../../src/core/proposals/model'
import { proposalCode } from '../../../src/core/proposals/rules'
import { addDays, shanghaiDate } from '../../../src/core/shared/shanghai-time'

const PEOPLE: [string, string][] = [
  ['m09', '郭婷'],
  ['m10', '何平'],
  ['m11', '马丽'],
  ['m12', '杨帆'],
  ['m13', '黄静'],
  ['m14', '吴磊'],
  ['m15', '徐慧'],
  ['m16', '朱红'],
]
const HEADS: Record<string, [string, string]> = {
  教务处: ['m06', '赵明'],
  总务处: ['m07', '孙强'],
  办公室: ['m08', '周敏'],
}
const TOPICS = [
  '教师午餐',
  '办公室空调',
  '课后服务排班',
  '教职工体检',
  '校园停车',
  '集体教研时间',
  '饮水设施',
  '图书馆开放',
]
const CATEGORIES = ['后勤', '后勤', '教学', '福利', '后勤', '教学', '后勤', '教学']
const DEPARTMENTS = ['总务处', '总务处', '教务处', '办公室', '总务处', '教务处', '总务处', '教务处']
/** Minutes in a day. */
const DAY = 24 * 60
const STAGES: ProposalStatus[] = ['submitted', 'accepted', 'converted', 'assigned', 'replied', 'closed', 'withdrawn']
const REASONS =
  '目前学校在这方面的条件与教职工的日常需要还有差距，不少老师反映问题已经存在较长时间，影响了工作和生活的便利，也影响了大家的工作情绪。经过在小组里的讨论，大家认为有必要提出来，请学校统筹考虑。'
const SUGGESTION =
  '建议学校相关部门先做一次调查，听取一线老师的意见，制定切实可行的改进方案，并在下学期开学前落实，落实情况在教代会上通报。'

/**
 * `count` submitted proposals of `session`, numbered from `firstNumber`. Two proposals share each submission
 * instant (as two submissions in one millisecond would), so lists ordered by it must break ties.
 */
export function manyProposals(session: SessionDoc, count: number, firstNumber: number): ProposalDoc[] {
  const opens = new Date(session.opensAt).getTime()
  const opensOn = shanghaiDate(new Date(session.opensAt))
  const out: ProposalDoc[] = []
  for (let i = 0; i < count; i += 1) {
    const n = firstNumber + i
    const [by, name] = PEOPLE[i % PEOPLE.length]
    const seconders = [PEOPLE[(i + 1) % PEOPLE.length], PEOPLE[(i + 2) % PEOPLE.length]].map(([memberId, who]) => ({
      memberId,
      name: who,
    }))
    const topic = i % TOPICS.length
    const status = STAGES[i % STAGES.length]
    // Submitted from the session's fourth day on (after the demo's own), a minute apart; later steps follow
    // within days, all before today.
    const at = (minutes: number) => new Date(opens + (3 * DAY + Math.floor(i / 2) + minutes) * 60_000).toISOString()
    const submittedAt = at(0)
    const history: HistoryEntry[] = [
      { at: at(-60), byId: by, byName: name, action: '起草' },
      {
        at: submittedAt,
        byId: by,
        byName: name,
        action: '提交',
        note: `附议人：${seconders.map((s) => s.name).join('、')}`,
      },
    ]
    const p: ProposalDoc = {
      _id: `bench-p${String(n).padStart(5, '0')}`,
      unionId: session.unionId,
      sessionId: session._id,
      status,
      title: `关于改善${TOPICS[topic]}的建议（${n}）`,
      reasons: REASONS,
      suggestion: SUGGESTION,
      category: CATEGORIES[topic],
      suggestedDept: DEPARTMENTS[topic],
      proposerId: by,
      proposerName: name,
      openForSeconds: false,
      code: proposalCode(session.codePrefix, n),
      submittedAt,
      seconders,
      mergedFrom: [],
      replies: [],
      replyReturned: false,
      ratings: [],
      redone: false,
      history,
      createdAt: at(-60),
      updatedAt: submittedAt,
    }
    if (status === 'withdrawn') {
      p.withdrawal = { at: at(30), reason: '学校已经在解决这个问题了', stage: 'submitted' }
      history.push({ at: at(30), byId: by, byName: name, action: '撤回提案', note: p.withdrawal.reason })
    }
    if (status !== 'submitted' && status !== 'withdrawn') {
      const reject = status === 'converted'
      p.review = {
        decision: reject ? 'reject' : 'accept',
        reason: reject ? '属于日常管理事项，转为意见建议由部门办理' : '',
        at: at(DAY),
        byName: '张丽华',
      }
      history.push({
        at: p.review.at,
        byId: 'm03',
        byName: '张丽华',
        action: reject ? '不予立案，转为意见建议' : '立案',
      })
    }
    if (status === 'assigned' || status === 'replied' || status === 'closed') {
      const lead = DEPARTMENTS[topic]
      p.assignment = { lead, cooperating: [], replyBy: addDays(opensOn, 20 + (i % 10)), at: at(2 * DAY) }
      history.push({
        at: p.assignment.at,
        byId: 'm04',
        byName: '陈志强',
        action: `交办：主办${lead}`,
        note: `请于${p.assignment.replyBy}前答复`,
      })
      if (status !== 'assigned') {
        const [headId, headName] = HEADS[lead]
        const reply: ReplyEntry = {
          at: at((3 + (i % 3)) * DAY),
          department: lead,
          byId: headId,
          byName: headName,
          method: '书面答复',
          resolution: i % 3 === 0 ? '列入计划' : '已解决',
          text: `感谢老师的建议。${lead}已对相关情况进行了调研，已制定改进措施并开始落实。`,
        }
        p.replies = [reply]
        history.push({ at: reply.at, byId: headId, byName: headName, action: `${lead}答复（${reply.resolution}）` })
      }
      if (status === 'closed') {
        const rating: RatingEntry = { at: at(6 * DAY), rating: i % 4 === 0 ? '基本满意' : '满意', comment: '' }
        p.ratings = [rating]
        p.closedAt = rating.at
        history.push({ at: rating.at, byId: by, byName: name, action: `评价：${rating.rating}，办结` })
      }
    }
    p.updatedAt = history[history.length - 1].at
    out.push(p)
  }
  return out
}
