/**
 * 转为提案草稿: the delegate lands on their editable draft holding the suggestion's words; the public line
 * 「已由…领办」 links only to what its reader can open; a conversion cut short at any request is finished by
 * the same tap again (or the follow-ups job), leaving one draft and one message.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { SC } from '@/core/suggestions/collections'
import type { SuggestionDoc } from '@/core/suggestions/model'
import { finishFollowUps } from '@/server/follow-ups'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { atEveryKillPoint, atPoint, type KilledOutcome } from '../support/fault-injection'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

const ZHANG = DEMO.committee
const HE = 'm10' // 何平, delegate
const REASONS =
  '课间和放学等家长时，老师和学生常在走廊站着，建议在走廊合适位置增加几组座椅，方便老师和学生短暂休息，也让等候的家长有地方坐。'
const SUGGESTION = '建议总务处在寒假期间为每层走廊增加两组座椅，并在开学前完成安装和安全检查。'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const convert = () =>
  cloud.ok(ZHANG, 'suggestions.convert', {
    suggestionId: SEED.suggestion,
    delegateId: HE,
    sessionId: SEED.currentSession,
  })

async function messagesTo(memberId: string, title: string): Promise<StoredMessageDoc[]> {
  const all = await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId }, { limit: 200 })
  return all.filter((m) => m.title === title)
}

describe('转为提案草稿', () => {
  test("the delegate's message opens their editable draft holding the suggestion's words", async () => {
    const reply = await convert()
    // The committee member who converted cannot open someone else's draft: the page must not send them there.
    expect(reply.can.edit).toBe(false)
    const [message] = await messagesTo(HE, '请您领办一条合理化建议')
    expect(message.link).toBe(`/subpackages/proposals/edit/index?id=${reply.id}`)
    const draft = await cloud.ok(demoOpenid(HE), 'proposals.get', { proposalId: reply.id })
    expect(draft).toMatchObject({
      status: 'draft',
      title: '教学楼走廊增加座椅',
      reasons: '课间和放学等家长时，老师和学生常在走廊站着，建议在走廊合适位置增加几组座椅。',
      can: { edit: true },
    })
    // What the committee member's page opened before: the detail of a draft that is not theirs.
    expect((await cloud.refused(ZHANG, 'proposals.get', { proposalId: reply.id })).message).toBe('找不到这份提案')
  })

  test('a committee member who is a delegate may adopt it themselves and is taken to the editable draft', async () => {
    const reply = await cloud.ok(ZHANG, 'suggestions.convert', {
      suggestionId: SEED.suggestion,
      delegateId: 'm03',
      sessionId: SEED.currentSession,
    })
    expect(reply).toMatchObject({ proposerName: '张丽华', title: '教学楼走廊增加座椅', can: { edit: true } })
  })

  test('「已由…领办」 is a link only for whom the proposal opens: the delegate, then everyone once submitted', async () => {
    const reply = await convert()
    const line = async (openid: string) => {
      const page = await cloud.ok(openid, 'suggestions.list', {})
      return [...page.items, ...(page.mine ?? [])].find((s) => s.id === SEED.suggestion)?.convertedTo
    }
    const inboxLine = async () =>
      (await cloud.ok(ZHANG, 'suggestions.inbox', {})).items.find((s) => s.id === SEED.suggestion)?.convertedTo
    // A draft is the delegate's alone: for everyone else the line is plain text.
    expect(await line(DEMO.retired)).toEqual({ delegateName: '何平' })
    expect(await line(DEMO.teacher)).toEqual({ delegateName: '何平' })
    expect(await inboxLine()).toEqual({ delegateName: '何平' })
    expect(await line(demoOpenid(HE))).toEqual({ delegateName: '何平', proposalId: reply.id })

    // 何平 completes it, gathers 附议 and submits: now everyone may open it.
    await cloud.ok(demoOpenid(HE), 'proposals.saveDraft', {
      proposalId: reply.id,
      sessionId: SEED.currentSession,
      title: '关于教学楼走廊增加座椅的建议',
      reasons: REASONS,
      suggestion: SUGGESTION,
      category: '后勤',
      suggestedDept: '总务处',
      openForSeconds: true,
    })
    for (const m of ['m09', 'm11'])
      await cloud.ok(demoOpenid(m), 'proposals.second', { proposalId: reply.id, accept: true })
    await cloud.ok(demoOpenid(HE), 'proposals.submit', { proposalId: reply.id })
    expect(await line(DEMO.retired)).toEqual({ delegateName: '何平', proposalId: reply.id })
    expect(await inboxLine()).toEqual({ delegateName: '何平', proposalId: reply.id })
    expect((await cloud.ok(DEMO.retired, 'proposals.get', { proposalId: reply.id })).title).toBe(
      '关于教学楼走廊增加座椅的建议',
    )
  })

  test('the same tap again answers with the same draft; another delegate is refused', async () => {
    const first = await convert()
    const again = await convert()
    expect(again.id).toBe(first.id)
    expect(await cloud.ports.store.count(PC.proposals, { fromSuggestionId: SEED.suggestion })).toBe(1)
    expect(await messagesTo(HE, '请您领办一条合理化建议')).toHaveLength(1)
    const other = await cloud.refused(ZHANG, 'suggestions.convert', {
      suggestionId: SEED.suggestion,
      delegateId: 'm11',
      sessionId: SEED.currentSession,
    })
    expect(other).toMatchObject({ code: 'CONFLICT', message: '这条建议已转为提案，不能再处理' })
  })

  test('a conversion nobody retried is finished by the follow-ups job', async () => {
    const s = (await cloud.ports.store.findOne<SuggestionDoc>(SC.suggestions, {
      _id: SEED.suggestion,
    })) as SuggestionDoc
    const at = '2026-01-01T00:00:00.000Z'
    // As a kill right after the first write leaves it: marked converted, no draft, nobody told.
    await cloud.ports.store.updateOne(
      SC.suggestions,
      { _id: s._id },
      {
        $set: {
          status: 'converted',
          followUpAt: at,
          convertedTo: {
            proposalId: `from-${s._id}`,
            delegateId: HE,
            delegateName: '何平',
            sessionId: SEED.currentSession,
            at,
            byId: 'm03',
            byName: '张丽华',
          },
        },
      },
    )
    // Every kind the job knows, as the timer runs it: the conversion must be among them.
    const report = await finishFollowUps(cloud.ports, Date.now() + 30_000)
    expect(report.finished).toEqual({ 建议转为提案: 1 })
    const draft = await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: `from-${s._id}` })
    expect(draft).toMatchObject({ status: 'draft', proposerId: HE, title: '教学楼走廊增加座椅' })
    expect(await messagesTo(HE, '请您领办一条合理化建议')).toHaveLength(1)
    expect((await cloud.ports.store.findOne<SuggestionDoc>(SC.suggestions, { _id: s._id }))?.followUpAt).toBeUndefined()
  })
})

onEmulator('转为提案草稿 cut short at any request', () => {
  test('the same tap again leaves one draft, the suggestion converted to it, the delegate told once', async () => {
    // 何平 allowed proposal messages, so a push is attempted and could go twice.
    cloud.emulator!.openapi.grantConsent(demoOpenid(HE), 'tpl-proposal', 50)
    for (let i = 0; i < 3; i++) await cloud.ok(demoOpenid(HE), 'messages.recordConsent', { templates: ['proposal'] })
    let sentAt = 0
    const body = {
      action: 'suggestions.convert',
      data: { suggestionId: SEED.suggestion, delegateId: HE, sessionId: SEED.currentSession },
    }
    const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
      sentAt = cloud.emulator!.openapi.sent.length
      return kill ? cloud.callKilledAt(ZHANG, body, kill) : cloud.raw(ZHANG, body)
    }
    const points = await atEveryKillPoint(cloud, act, async (point) => {
      await atPoint(point, async () => {
        const again = await convert()
        const s = (await cloud.ports.store.findOne<SuggestionDoc>(SC.suggestions, {
          _id: SEED.suggestion,
        })) as SuggestionDoc
        const drafts = await cloud.ports.store.find<ProposalDoc>(
          PC.proposals,
          { fromSuggestionId: SEED.suggestion },
          { limit: 10 },
        )
        const pushes = cloud.emulator!.openapi.sent.slice(sentAt).filter((m) => m.touser === demoOpenid(HE))
        expect({
          drafts: drafts.map((d) => ({ id: d._id, proposer: d.proposerId, title: d.title })),
          suggestion: { status: s.status, to: s.convertedTo?.proposalId, marked: s.followUpAt !== undefined },
          reply: again.id,
          told: (await messagesTo(HE, '请您领办一条合理化建议')).length,
          // A kill between WeChat's acceptance and its record may lose the push; it is never sent twice.
          pushedTwice: pushes.length > 1,
        }).toEqual({
          drafts: [{ id: again.id, proposer: HE, title: '教学楼走廊增加座椅' }],
          suggestion: { status: 'converted', to: again.id, marked: false },
          reply: again.id,
          told: 1,
          pushedTwice: false,
        })
      })
    })
    expect(points.length).toBeGreaterThan(4)
  })
})
