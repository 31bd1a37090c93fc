/**
 * 同意延期 killed at any request: after the overseer's retry or the follow-ups job the reply date has moved
 * once, the history says so once, and the lead department is told once (in the app and on WeChat).
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { addDays } from '@/core/shared/shanghai-time'
import { demoOpenid } from '@/server/seed/demo-school'
import { SEED } from '@/server/seed/proposals'
import { afterGrace, atEveryKillPoint, type KilledOutcome, type KillPoint } from '../support/fault-injection'
import { makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

const CHAIR = demoOpenid('m01') // 王建国
const ZHANG = demoOpenid('m03') // 张丽华, committee
const ZHAO = demoOpenid('m06') // 赵明, head of 教务处, which leads the proposal
const P = SEED.assigned

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async () => (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: P })) as ProposalDoc

onEmulator('同意延期 cut short at any request', () => {
  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? "the chair's retry" : 'the follow-ups job'}: the date moves once, the department is told once`, async () => {
      const replyBy = (await stored()).assignment?.replyBy ?? ''
      const newDate = addDays(replyBy, 20)
      cloud.emulator!.openapi.grantConsent(demoOpenid('m06'), 'tpl-proposal', 100)
      for (let i = 0; i < 3; i++) await cloud.ok(ZHAO, 'messages.recordConsent', { templates: ['proposal'] })
      await cloud.ok(ZHAO, 'proposals.requestExtension', {
        proposalId: P,
        newReplyBy: newDate,
        reason: '需要先听取各年级组的意见',
      })
      const decide = { proposalId: P, approve: true, note: '' }
      let sentAt = 0
      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        sentAt = cloud.emulator!.openapi.sent.length
        const body = { action: 'proposals.decideExtension', data: decide }
        return kill ? cloud.callKilledAt(CHAIR, body, kill) : cloud.raw(CHAIR, body)
      }
      const check = async (point: KillPoint, outcome: KilledOutcome) => {
        let retried = 'none'
        if (recovery === 'retry' || (await stored()).extension?.decided === undefined) {
          // The retry finishes what was cut short and is told it is decided, or (nothing took) decides.
          const again = await cloud.call(CHAIR, 'proposals.decideExtension', decide)
          retried = again.ok ? 'decided' : again.message
        } else {
          await afterGrace(cloud)
        }
        const p = await stored()
        const told = (
          await cloud.ports.store.find<StoredMessageDoc>(
            'messages',
            { memberId: 'm06', kind: 'proposal' },
            { limit: 200 },
          )
        ).filter((m) => m.title === '延期申请已同意')
        const pushes = new Map<string, number>()
        for (const m of cloud.emulator!.openapi.sent.slice(sentAt)) {
          const key = `${m.touser} ${JSON.stringify(m.data)}`
          pushes.set(key, (pushes.get(key) ?? 0) + 1)
        }
        expect({
          point: point.label,
          replyBy: p.assignment?.replyBy,
          marked: p.followUpAt !== undefined,
          lines: p.history.filter((h) => h.action === `同意延期至${newDate}`).length,
          told: told.length,
          pushedTwice: [...pushes.values()].filter((n) => n > 1).length,
          retried: ['none', 'decided', '这项延期申请已经由王建国同意了，请刷新后再看'].includes(retried),
        }).toEqual({
          point: point.label,
          replyBy: newDate,
          marked: false,
          lines: 1,
          told: 1,
          pushedTwice: 0,
          retried: true,
        })
        // A clean run (or one killed before anything took) answered with the proposal as it now is.
        if (outcome !== 'killed' && outcome.ok) expect(outcome.data).toMatchObject({ assignment: { replyBy: newDate } })
      }
      expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(4)
    }, 600_000)
  }

  test('a 催办 cut short is finished by the follow-ups job: one history line, one message', async () => {
    const urge = { proposalId: P, note: '临近期限，请抓紧办理' }
    const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
      const body = { action: 'proposals.urge', data: urge }
      return kill ? cloud.callKilledAt(ZHANG, body, kill) : cloud.raw(ZHANG, body)
    }
    const check = async (point: KillPoint) => {
      await afterGrace(cloud)
      const p = await stored()
      const lines = p.history.filter((h) => h.action === '催办：临近期限，请抓紧办理').length
      const told = (
        await cloud.ports.store.find<StoredMessageDoc>(
          'messages',
          { memberId: 'm06', kind: 'proposal' },
          { limit: 200 },
        )
      ).filter((m) => m.title === '提案催办').length
      // Nothing took (killed before the write): nothing to tell either.
      expect({ point: point.label, marked: p.followUpAt !== undefined, told: told === lines && lines <= 1 }).toEqual({
        point: point.label,
        marked: false,
        told: true,
      })
    }
    await atEveryKillPoint(cloud, act, check)
  }, 600_000)
})
