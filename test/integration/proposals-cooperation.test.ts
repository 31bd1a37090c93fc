/**
 * 协办: a head of a 协办 department finds the proposal in the department's queue (and on 首页), gives its
 * 协办意见 once (a second one replaces it, said in the history), the 主办 department's heads are told and read
 * it while replying; the proposer and the committee read it too, nobody else. 回避 as for replies.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { afterGrace, atEveryKillPoint, type KilledOutcome, type KillPoint } from '../support/fault-injection'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

const ZHANG = demoOpenid('m03') // committee
const ZHAO = demoOpenid('m06') // head of 教务处: 协办
const SUN = demoOpenid('m07') // head of 总务处: 主办
const ZHOU = demoOpenid('m08') // head of 办公室: 协办
const PROPOSER = demoOpenid('m15') // 徐慧 proposed the 空调 proposal
const AIRCON = SEED.accepted // 关于改善教师办公室空调的建议, 立案, not yet assigned

const OPINION = '教务处可协调各年级调整课表，配合空调检修的时间安排，检修期间借用阅览室上课。'
const CHANGED = '教务处已与各年级组商定：空调检修安排在周三下午，当天下午的课调至阅览室进行。'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async (id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })) as ProposalDoc

/** Titles of the 协办 messages about the proposal a member got, in order (the test clock may not move). */
async function titlesFor(memberId: string, proposalId = AIRCON): Promise<string[]> {
  const mine = await cloud.ports.store.find<StoredMessageDoc>(
    'messages',
    { memberId, kind: 'proposal' },
    { limit: 200 },
  )
  return mine
    .filter((m) => m.link?.endsWith(`?id=${proposalId}`) && m.title.startsWith('协办意见'))
    .map((m) => m.title)
    .sort()
}

const assign = () =>
  cloud.ok(ZHANG, 'proposals.assign', {
    proposalId: AIRCON,
    lead: '总务处',
    cooperating: '教务处、办公室',
    replyBy: '2099-12-20',
  })

test('the 协办 head finds it in the queue and on 首页, gives the opinion; the 主办 heads are told and read it', async () => {
  await assign()
  // 首页 and the queue: waiting for 教务处's opinion.
  expect((await cloud.ok(ZHAO, 'proposals.todo', {})).toCooperate).toBe(1)
  const queue = await cloud.ok(ZHAO, 'proposals.cooperationQueue', {})
  expect(queue.department).toBe('教务处')
  expect(queue.waiting.map((r) => r.title)).toEqual(['关于改善教师办公室空调的建议'])
  expect(queue.others).toEqual([])
  // The page offers the form.
  expect((await cloud.ok(ZHAO, 'proposals.get', { proposalId: AIRCON })).cooperation).toEqual({
    departments: ['教务处', '办公室'],
    opinions: [],
    mine: { department: '教务处', may: true, recused: false },
  })

  const given = await cloud.ok(ZHAO, 'proposals.cooperate', { proposalId: AIRCON, opinion: OPINION })
  expect(given.cooperation?.opinions).toEqual([
    expect.objectContaining({ department: '教务处', text: OPINION, byName: '赵明' }),
  ])
  expect(given.history.at(-1)).toMatchObject({ byName: '赵明', action: '教务处提交协办意见' })

  // Off the waiting list and the count; still listed as given.
  expect((await cloud.ok(ZHAO, 'proposals.todo', {})).toCooperate).toBe(0)
  const after = await cloud.ok(ZHAO, 'proposals.cooperationQueue', {})
  expect(after.waiting).toEqual([])
  expect(after.others.map((r) => [r.title, r.given])).toEqual([['关于改善教师办公室空调的建议', true]])
  // 办公室 still has it to do.
  expect((await cloud.ok(ZHOU, 'proposals.todo', {})).toCooperate).toBe(1)

  // The 主办 head is told, and reads it on the page where he replies.
  expect(await titlesFor('m07')).toEqual(['协办意见已提交'])
  const lead = await cloud.ok(SUN, 'proposals.get', { proposalId: AIRCON })
  expect(lead.can.reply).toBe(true)
  expect(lead.cooperation).toEqual({
    departments: ['教务处', '办公室'],
    opinions: [expect.objectContaining({ department: '教务处', text: OPINION })],
  })
  // The proposer and the committee read it; a teacher on the public board does not.
  expect((await cloud.ok(PROPOSER, 'proposals.get', { proposalId: AIRCON })).cooperation?.opinions).toHaveLength(1)
  expect((await cloud.ok(ZHANG, 'proposals.get', { proposalId: AIRCON })).cooperation?.opinions).toHaveLength(1)
  expect((await cloud.ok(DEMO.teacher, 'proposals.get', { proposalId: AIRCON })).cooperation).toBeUndefined()
})

test('a second opinion of the department replaces the first, says so in the history and tells the 主办 heads', async () => {
  await assign()
  await cloud.ok(ZHAO, 'proposals.cooperate', { proposalId: AIRCON, opinion: OPINION })
  // The same words again (a retry) change nothing and tell nobody again.
  await cloud.ok(ZHAO, 'proposals.cooperate', { proposalId: AIRCON, opinion: OPINION })
  const changed = await cloud.ok(ZHAO, 'proposals.cooperate', { proposalId: AIRCON, opinion: CHANGED })
  expect(changed.cooperation?.opinions.map((o) => o.text)).toEqual([CHANGED])
  expect(changed.history.slice(-2).map((h) => h.action)).toEqual(['教务处提交协办意见', '教务处修改协办意见'])
  expect(await titlesFor('m07')).toEqual(['协办意见已修改', '协办意见已提交'])
  // Another department's opinion stands beside it, in the committee's order.
  await cloud.ok(ZHOU, 'proposals.cooperate', { proposalId: AIRCON, opinion: '办公室负责通知各年级组检修时间安排。' })
  const both = await cloud.ok(SUN, 'proposals.get', { proposalId: AIRCON })
  expect(both.cooperation?.opinions.map((o) => o.department)).toEqual(['教务处', '办公室'])
})

test('only a head of a 协办 department, only while the departments handle it; 回避 as for replies', async () => {
  const input = { proposalId: AIRCON, opinion: OPINION }
  // Not yet assigned.
  expect(await cloud.refused(ZHAO, 'proposals.cooperate', input)).toMatchObject({
    code: 'CONFLICT',
    message: '这份提案现在不在部门办理中（已立案，待交办），不能提交协办意见',
  })
  await assign()
  // The 主办 head answers with a reply, not a 协办意见.
  expect(await cloud.refused(SUN, 'proposals.cooperate', input)).toMatchObject({
    code: 'FORBIDDEN',
    message: '这份提案的协办部门是教务处、办公室，只有协办部门的负责人可以提交协办意见',
  })
  // Checked like every text others read; nothing is written.
  const risky = await cloud.refused(ZHAO, 'proposals.cooperate', {
    proposalId: AIRCON,
    opinion: '建议严查教师参与赌博的问题。',
  })
  expect(risky.code).toBe('CONTENT_REJECTED')
  expect(risky.fields?.opinion).toBeTruthy()
  // A head who seconded it is recused; her page says so instead of offering the form.
  await cloud.ports.store.updateOne(
    PC.proposals,
    { _id: AIRCON },
    { $push: { seconders: [{ memberId: 'm08', name: '周敏' }] } },
  )
  expect((await cloud.ok(ZHOU, 'proposals.get', { proposalId: AIRCON })).cooperation?.mine).toEqual({
    department: '办公室',
    may: false,
    recused: true,
  })
  expect(await cloud.refused(ZHOU, 'proposals.cooperate', input)).toMatchObject({
    code: 'FORBIDDEN',
    message: '这是您提出或附议的提案，请由本部门其他负责人提交协办意见',
  })
  // Once the reply is in, the 协办意见 is closed (it opens again if the reply is sent back).
  await cloud.ok(SUN, 'proposals.reply', {
    proposalId: AIRCON,
    method: '书面答复',
    resolution: '列入计划',
    text: '总务处已联系厂家，暑假期间更换全部办公室空调。',
  })
  expect(await cloud.refused(ZHAO, 'proposals.cooperate', input)).toMatchObject({
    code: 'CONFLICT',
    message: '主办部门已经答复（已答复，待评价），不能再提交协办意见',
  })
  expect((await stored(AIRCON)).cooperation).toBeUndefined()
})

onEmulator('a 协办意见 cut short at any request', () => {
  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? 'the head retrying' : 'the follow-ups job'}: stored once, the 主办 head told once`, async () => {
      await assign()
      cloud.emulator!.openapi.grantConsent(demoOpenid('m07'), 'tpl-proposal', 100)
      for (let i = 0; i < 3; i++) await cloud.ok(SUN, 'messages.recordConsent', { templates: ['proposal'] })
      const input = { proposalId: AIRCON, opinion: OPINION }
      let sentAt = 0
      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        sentAt = cloud.emulator!.openapi.sent.length
        const body = { action: 'proposals.cooperate', data: input }
        return kill ? cloud.callKilledAt(ZHAO, body, kill) : cloud.raw(ZHAO, body)
      }
      const check = async (point: KillPoint) => {
        if (recovery === 'retry' || (await stored(AIRCON)).cooperation === undefined) {
          await cloud.ok(ZHAO, 'proposals.cooperate', input)
        } else {
          await afterGrace(cloud)
        }
        const p = await stored(AIRCON)
        const pushes = new Map<string, number>()
        for (const m of cloud.emulator!.openapi.sent.slice(sentAt)) {
          const key = `${m.touser} ${m.page ?? ''} ${JSON.stringify(m.data)}`
          pushes.set(key, (pushes.get(key) ?? 0) + 1)
        }
        expect({
          point: point.label,
          opinions: Object.values(p.cooperation ?? {}).map((o) => o.text),
          lines: p.history.filter((h) => h.action.endsWith('协办意见')).map((h) => h.action),
          marked: p.followUpAt !== undefined,
          told: await titlesFor('m07'),
          pushedTwice: [...pushes.values()].filter((n) => n > 1).length,
        }).toEqual({
          point: point.label,
          opinions: [OPINION],
          lines: ['教务处提交协办意见'],
          marked: false,
          told: ['协办意见已提交'],
          pushedTwice: 0,
        })
      }
      expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(3)
    }, 600_000)
  }
})
