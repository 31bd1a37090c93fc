/**
 * 督办: the committee or the chair 催办 a proposal its department has not answered; the lead department asks
 * for 延期, which the committee or the chair grants (the reply date moves, and with it 逾期) or refuses; a
 * proposal long overdue is reported to the chair once per reply date. Everything is in the history.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { addDays, shanghaiDayStart } from '@/core/shared/shanghai-time'
import { demoOpenid } from '@/server/seed/demo-school'
import { SEED } from '@/server/seed/proposals'
import { makeTestCloud, type TestCloud } from '../support/test-cloud'

const CHAIR = demoOpenid('m01') // 王建国
const ZHANG = demoOpenid('m03') // 张丽华, committee
const LIU = demoOpenid('m05') // 刘芳, committee
const ZHAO = demoOpenid('m06') // 赵明, head of 教务处, which leads the proposal
const SUN = demoOpenid('m07') // 孙强, head of 总务处
const HE = demoOpenid('m10') // 何平, delegate, seconded it
const P = SEED.assigned // 关于合理控制学生作业量的建议: 教务处, by m13, seconded by m10 and m15

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async () => (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: P })) as ProposalDoc
const replyByNow = async () => (await stored()).assignment?.replyBy ?? ''
const actions = async () => (await cloud.ok(CHAIR, 'proposals.get', { proposalId: P })).history.map((h) => h.action)

/** The messages about the proposal a member got, oldest first: title and text. */
async function told(memberId: string): Promise<{ title: string; body: string }[]> {
  const all = await cloud.ports.store.find<StoredMessageDoc>(
    'messages',
    { memberId, kind: 'proposal' },
    { sort: { createdAt: 1 }, limit: 200 },
  )
  return all.filter((m) => m.link?.endsWith(`?id=${P}`)).map((m) => ({ title: m.title, body: m.body }))
}
const titles = async (memberId: string) => (await told(memberId)).map((m) => m.title)

/** Noon (Shanghai) of a day. */
const on = (date: string) => cloud.ports.clock.set(new Date(shanghaiDayStart(date).getTime() + 12 * 3600_000))

describe('催办', () => {
  test('the chair and the committee urge with a note: each urge is its own history line and its own message', async () => {
    const page = await cloud.ok(CHAIR, 'proposals.get', { proposalId: P })
    expect(page.supervision).toMatchObject({ urge: true, requestExtension: false, decideExtension: false })

    const after = await cloud.ok(CHAIR, 'proposals.urge', { proposalId: P, note: '临近期限，请抓紧办理' })
    expect(after.history.at(-1)).toMatchObject({ byName: '王建国', action: '催办：临近期限，请抓紧办理' })
    await cloud.ok(ZHANG, 'proposals.urge', { proposalId: P, note: '老师们很关心，请尽快答复。' })

    expect((await actions()).filter((a) => a.startsWith('催办：'))).toEqual([
      '催办：临近期限，请抓紧办理',
      '催办：老师们很关心，请尽快答复。',
    ])
    const heads = (await told('m06')).filter((m) => m.title === '提案催办')
    expect(heads).toHaveLength(2)
    expect(heads[0].body).toContain('王建国催办')
    expect(heads[0].body).toContain('临近期限，请抓紧办理。')
    // The note's own full stop is not doubled.
    expect(heads[1].body).toContain('老师们很关心，请尽快答复。答复期限是')
    expect(heads[1].body).not.toContain('。。')
    // Only the lead department hears it.
    expect(await titles('m07')).not.toContain('提案催办')
  })

  test('is refused with a short note, on a proposal already answered, and to anyone but the committee and the chair', async () => {
    expect(await cloud.refused(ZHANG, 'proposals.urge', { proposalId: P, note: '快点' })).toMatchObject({
      code: 'BAD_INPUT',
      message: '催办意见至少5个字',
    })
    expect(
      await cloud.refused(ZHANG, 'proposals.urge', { proposalId: SEED.replied, note: '请抓紧办理答复' }),
    ).toMatchObject({ code: 'CONFLICT', message: '部门已经答复（已答复，待评价），不需要催办' })
    expect(
      await cloud.refused(ZHANG, 'proposals.urge', { proposalId: SEED.accepted, note: '请抓紧办理答复' }),
    ).toMatchObject({ code: 'CONFLICT', message: '这份提案不在部门办理中（已立案，待交办），不能催办' })
    expect((await cloud.refused(ZHAO, 'proposals.urge', { proposalId: P, note: '请抓紧办理答复' })).code).toBe(
      'FORBIDDEN',
    )
    expect((await cloud.refused(HE, 'proposals.urge', { proposalId: P, note: '请抓紧办理答复' })).code).toBe(
      'FORBIDDEN',
    )
    expect((await actions()).some((a) => a.startsWith('催办'))).toBe(false)
  })
})

describe('延期', () => {
  test('the lead head asks with a reason and a new date; the committee and the chair are asked to decide', async () => {
    const replyBy = await replyByNow()
    const newDate = addDays(replyBy, 14)
    const waitingBefore = (await cloud.ok(ZHANG, 'proposals.todo', {})).extensionsToDecide ?? 0
    expect((await cloud.ok(ZHAO, 'proposals.get', { proposalId: P })).supervision).toMatchObject({
      urge: false,
      requestExtension: true,
    })
    const asked = await cloud.ok(ZHAO, 'proposals.requestExtension', {
      proposalId: P,
      newReplyBy: newDate,
      reason: '需要先听取各年级组的意见',
    })
    expect(asked.history.at(-1)).toMatchObject({
      byName: '赵明',
      action: `申请延期至${newDate}：需要先听取各年级组的意见`,
    })
    expect(asked.supervision).toMatchObject({
      requestExtension: false,
      extension: { fromReplyBy: replyBy, newReplyBy: newDate, byName: '赵明' },
    })
    expect(asked.supervision?.extension?.decided).toBeUndefined()
    // The date holds until someone decides.
    expect(asked.assignment?.replyBy).toBe(replyBy)

    for (const overseer of ['m01', 'm03', 'm04', 'm05']) {
      const asks = (await told(overseer)).filter((m) => m.title === '提案申请延期')
      expect({ overseer, asks: asks.map((m) => m.body) }).toEqual({
        overseer,
        asks: [
          expect.stringContaining(`答复期限由${replyBy}延至${newDate}，理由：需要先听取各年级组的意见。请您审批。`),
        ],
      })
    }
    expect((await cloud.ok(ZHANG, 'proposals.get', { proposalId: P })).supervision).toMatchObject({
      decideExtension: true,
    })
    // 首页 counts it for the committee until it is decided.
    expect((await cloud.ok(ZHANG, 'proposals.todo', {})).extensionsToDecide).toBe(waitingBefore + 1)

    // One request at a time.
    expect(
      await cloud.refused(ZHAO, 'proposals.requestExtension', {
        proposalId: P,
        newReplyBy: addDays(replyBy, 20),
        reason: '还需要更多时间调研',
      }),
    ).toMatchObject({ code: 'CONFLICT', message: '已有一项延期申请在等待审批，请等提案委员会或工会主席处理后再申请' })
  })

  test('is refused to another department, for a date not after the current one or more than 60 days after it, and without a reason', async () => {
    const replyBy = await replyByNow()
    const ask = (openid: string, newReplyBy: string, reason = '需要先听取各年级组的意见') =>
      cloud.refused(openid, 'proposals.requestExtension', { proposalId: P, newReplyBy, reason })
    expect(await ask(SUN, addDays(replyBy, 7))).toMatchObject({
      code: 'FORBIDDEN',
      message: '这份提案由教务处主办，只有教务处的负责人可以申请延期',
    })
    expect(await ask(ZHAO, replyBy)).toMatchObject({
      code: 'BAD_INPUT',
      message: `新的答复期限应晚于现在的期限${replyBy}`,
      fields: { newReplyBy: `新的答复期限应晚于现在的期限${replyBy}` },
    })
    expect(await ask(ZHAO, addDays(replyBy, 61))).toMatchObject({
      code: 'BAD_INPUT',
      message: `最多延期60天，新的答复期限不能晚于${addDays(replyBy, 60)}`,
    })
    expect(await ask(ZHAO, addDays(replyBy, 7), '忙')).toMatchObject({
      code: 'BAD_INPUT',
      message: '延期理由至少5个字',
    })
    expect(
      (
        await cloud.refused(ZHANG, 'proposals.requestExtension', {
          proposalId: P,
          newReplyBy: addDays(replyBy, 7),
          reason: '需要先听取各年级组的意见',
        })
      ).code,
    ).toBe('FORBIDDEN')
    expect(await stored()).not.toHaveProperty('extension')
  })

  test('refused: the date stays, the department is told why, and it may ask again', async () => {
    const replyBy = await replyByNow()
    expect(
      await cloud.refused(CHAIR, 'proposals.decideExtension', { proposalId: P, approve: true, note: '' }),
    ).toMatchObject({ code: 'CONFLICT', message: '现在没有待审批的延期申请' })
    await cloud.ok(ZHAO, 'proposals.requestExtension', {
      proposalId: P,
      newReplyBy: addDays(replyBy, 30),
      reason: '需要先听取各年级组的意见',
    })
    expect(
      await cloud.refused(ZHANG, 'proposals.decideExtension', { proposalId: P, approve: false, note: '' }),
    ).toMatchObject({ code: 'BAD_INPUT', message: '不同意延期请写明理由（至少5个字）' })

    const refused = await cloud.ok(ZHANG, 'proposals.decideExtension', {
      proposalId: P,
      approve: false,
      note: '期限已经比较宽松，请按时答复',
    })
    expect(refused.history.at(-1)).toMatchObject({
      byName: '张丽华',
      action: '不同意延期：期限已经比较宽松，请按时答复',
    })
    expect(refused.assignment?.replyBy).toBe(replyBy)
    // Decided: no longer waiting on 首页.
    expect((await cloud.ok(ZHANG, 'proposals.todo', {})).extensionsToDecide).toBe(0)
    expect((await told('m06')).filter((m) => m.title === '延期申请未同意').map((m) => m.body)).toEqual([
      expect.stringContaining(`意见：期限已经比较宽松，请按时答复。请按原期限${replyBy}答复。`),
    ])
    // Decided once: a second decision is refused, saying by whom.
    expect(
      await cloud.refused(CHAIR, 'proposals.decideExtension', { proposalId: P, approve: true, note: '' }),
    ).toMatchObject({ code: 'CONFLICT', message: '这项延期申请已经由张丽华不同意了，请刷新后再看' })

    // A new request may follow.
    await cloud.ok(ZHAO, 'proposals.requestExtension', {
      proposalId: P,
      newReplyBy: addDays(replyBy, 10),
      reason: '缩短了延期时间，请再考虑',
    })
    expect((await stored()).extension?.decided).toBeUndefined()
  })

  test('approved: the reply date moves, so the proposal is no longer overdue and leaves the overdue list', async () => {
    const replyBy = await replyByNow()
    on(addDays(replyBy, 2))
    expect(
      (await cloud.ok(CHAIR, 'proposals.overdue', { sessionId: SEED.currentSession })).items.map((i) => i.id),
    ).toContain(P)
    expect((await cloud.ok(CHAIR, 'proposals.get', { proposalId: P })).overdue).toBe(true)

    const newDate = addDays(replyBy, 30)
    await cloud.ok(ZHAO, 'proposals.requestExtension', {
      proposalId: P,
      newReplyBy: newDate,
      reason: '需要先听取各年级组的意见',
    })
    // Who asked does not decide (赵明 is no overseer anyway: the gate refuses him).
    expect(
      (await cloud.refused(ZHAO, 'proposals.decideExtension', { proposalId: P, approve: true, note: '' })).code,
    ).toBe('FORBIDDEN')
    const approved = await cloud.ok(CHAIR, 'proposals.decideExtension', { proposalId: P, approve: true, note: '' })
    expect(approved.history.at(-1)).toMatchObject({ byName: '王建国', action: `同意延期至${newDate}` })
    expect(approved.assignment?.replyBy).toBe(newDate)
    expect(approved.overdue).toBe(false)
    expect(approved.supervision?.extension?.decided).toMatchObject({ approve: true, byName: '王建国' })
    expect(
      (await cloud.ok(CHAIR, 'proposals.overdue', { sessionId: SEED.currentSession })).items.map((i) => i.id),
    ).not.toContain(P)
    expect((await told('m06')).filter((m) => m.title === '延期申请已同意').map((m) => m.body)).toEqual([
      expect.stringContaining(`答复期限延至${newDate}。`),
    ])
  })

  test.each([
    ['the chair approves while another refuses', true],
    ['two overseers refuse', false],
  ])('two decisions at once (%s): one wins, the other is told it was already decided', async (_, chairApproves) => {
    const replyBy = await replyByNow()
    await cloud.ok(ZHAO, 'proposals.requestExtension', {
      proposalId: P,
      newReplyBy: addDays(replyBy, 20),
      reason: '需要先听取各年级组的意见',
    })
    const [a, b] = await Promise.all([
      cloud.call(CHAIR, 'proposals.decideExtension', {
        proposalId: P,
        approve: chairApproves,
        note: chairApproves ? '' : '期限已经比较宽松，请按时答复',
      }),
      cloud.call(LIU, 'proposals.decideExtension', { proposalId: P, approve: false, note: '请按原期限答复，不再延期' }),
    ])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const loser = a.ok ? b : a
    expect(loser).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringMatching(/^这项延期申请已经由(王建国同意|王建国不同意|刘芳不同意)了，请刷新后再看$/),
    })
    const decisions = (await actions()).filter((x) => x.startsWith('同意延期') || x.startsWith('不同意延期'))
    expect(decisions).toHaveLength(1)
    const p = await stored()
    expect(p.assignment?.replyBy).toBe(a.ok && chairApproves ? addDays(replyBy, 20) : replyBy)
  })
})

describe('逾期报主席', () => {
  const runReminders = () => cloud.runJob('reminders')
  const escalations = async () => (await told('m01')).filter((m) => m.title === '提案逾期已超过7天')
  const lines = async () => (await actions()).filter((a) => a === '逾期7天，已报工会主席')

  test('more than 7 days overdue: the chair is told once, with the lead department, and the history says so', async () => {
    const replyBy = await replyByNow()
    on(addDays(replyBy, 7))
    await runReminders()
    expect(await escalations()).toEqual([])

    on(addDays(replyBy, 8))
    await runReminders()
    await runReminders()
    expect((await escalations()).map((m) => m.body)).toEqual([
      expect.stringMatching(new RegExp(`由教务处主办，答复期限${replyBy}，已逾期8天仍未答复，请您督办。$`)),
    ])
    expect(await lines()).toHaveLength(1)

    // A day later still once.
    on(addDays(replyBy, 9))
    await runReminders()
    expect(await escalations()).toHaveLength(1)
    expect(await lines()).toHaveLength(1)
  })

  test('an approved 延期 gives a new reply date, which may be reported again once it too is long past', async () => {
    const replyBy = await replyByNow()
    on(addDays(replyBy, 8))
    await runReminders()
    const newDate = addDays(replyBy, 20)
    await cloud.ok(ZHAO, 'proposals.requestExtension', {
      proposalId: P,
      newReplyBy: newDate,
      reason: '需要先听取各年级组的意见',
    })
    await cloud.ok(ZHANG, 'proposals.decideExtension', { proposalId: P, approve: true, note: '' })
    await runReminders()
    expect(await escalations()).toHaveLength(1)

    on(addDays(newDate, 8))
    await runReminders()
    await runReminders()
    expect((await escalations()).map((m) => m.body)).toEqual([
      expect.stringContaining(`答复期限${replyBy}，`),
      expect.stringContaining(`答复期限${newDate}，`),
    ])
    expect(await lines()).toHaveLength(2)
  })
})
