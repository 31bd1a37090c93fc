/**
 * 提交 killed at any request: the delegate's retry or the follow-ups job leaves the proposal submitted with
 * the next number, its seconds locked and everyone told once; the next submission takes the number after.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc, SecondDoc, SessionDoc } from '@/core/proposals/model'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { afterGrace, atEveryKillPoint, type KilledOutcome, type KillPoint } from '../support/fault-injection'
import { makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'
import { REASONS, SUGGESTION } from '../support/proposal-texts'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

const GUO = 'm09' // proposer
const HE = 'm10' // seconder; proposes the second one
const MA = 'm11' // seconder of both
const COMMITTEE = ['m03', 'm04', 'm05']
const NAMED = [GUO, HE, MA]

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

/** A draft by `by`, seconded by `seconders`, ready to submit. */
async function readyDraft(by: string, seconders: string[], title: string): Promise<string> {
  const d = await cloud.ok(demoOpenid(by), 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title,
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds: true,
  })
  for (const s of seconders) await cloud.ok(demoOpenid(s), 'proposals.second', { proposalId: d.id, accept: true })
  return d.id
}

const proposal = async (id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })) as ProposalDoc
const session = async () =>
  (await cloud.ports.store.findOne<SessionDoc>(PC.sessions, { _id: SEED.currentSession })) as SessionDoc

/** Titles of the in-app messages about proposal `id` each person got (but those in `earlier`), sorted. */
async function inbox(id: string, people: string[], earlier = new Set<string>()): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const memberId of people) {
    const mine = await cloud.ports.store.find<StoredMessageDoc>(
      'messages',
      { memberId, kind: 'proposal' },
      { limit: 200 },
    )
    out[memberId] = mine
      .filter((m) => m.link?.endsWith(`?id=${id}`) && !earlier.has(m._id))
      .map((m) => m.title)
      .sort()
  }
  return out
}

/** Every proposal message already in the inbox, to leave out of what a step under test sent. */
async function earlierMessages(): Promise<Set<string>> {
  const all = await cloud.ports.store.find<StoredMessageDoc>('messages', { kind: 'proposal' }, { limit: 1000 })
  return new Set(all.map((m) => m._id))
}

/** Subscribe messages WeChat accepted since `from`, counted per person, proposal and event. */
function pushesSince(from: number): number[] {
  const counts = new Map<string, number>()
  for (const m of cloud.emulator!.openapi.sent.slice(from)) {
    const key = `${m.touser} ${m.page ?? ''} ${JSON.stringify(m.data)}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts.values()]
}

onEmulator('提交 cut short at any request', () => {
  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? "the delegate's retry" : 'the follow-ups job'}: one number, seconds locked, everyone told once`, async () => {
      const first = await readyDraft(GUO, [HE, MA], '关于教学楼每层增设饮水机的建议')
      const next = await readyDraft(HE, [GUO, MA], '关于延长图书馆开放时间的建议')
      // Everyone concerned allowed a proposal message (in the app, and on WeChat's side) more than once.
      for (const id of [...NAMED, ...COMMITTEE]) {
        cloud.emulator!.openapi.grantConsent(demoOpenid(id), 'tpl-proposal', 500)
        for (let i = 0; i < 3; i++)
          await cloud.ok(demoOpenid(id), 'messages.recordConsent', { templates: ['proposal'] })
      }
      const before = await session()
      const code = (n: number) => `${before.codePrefix}-${String(before.counter + n).padStart(2, '0')}`
      // 附议 told the proposer already; only what 提交 sends is counted.
      const earlier = await earlierMessages()
      let sentAt = 0
      let cleanPushes = 0

      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        sentAt = cloud.emulator!.openapi.sent.length
        const body = { action: 'proposals.submit', data: { proposalId: first } }
        if (kill) return cloud.callKilledAt(demoOpenid(GUO), body, kill)
        return cloud.raw(demoOpenid(GUO), body).then((reply) => {
          cleanPushes = cloud.emulator!.openapi.sent.length - sentAt
          return reply
        })
      }

      const check = async (point: KillPoint) => {
        const left = await proposal(first)
        let retry: unknown = 'none'
        let retryShould: unknown = 'none'
        if (recovery === 'retry' || left.status === 'draft') {
          // Cut short before 提交 took effect there is nothing to finish: the delegate simply submits again.
          const again = await cloud.call(demoOpenid(GUO), 'proposals.submit', { proposalId: first })
          retry = again.ok
            ? { ok: true, status: again.data.status, code: again.data.code }
            : { ok: false, code: again.code }
          // Once it had finished before the kill, the retry is told it was submitted, and changes nothing.
          retryShould =
            left.status === 'draft' || left.followUpAt !== undefined
              ? { ok: true, status: 'submitted', code: code(1) }
              : { ok: false, code: 'CONFLICT' }
        } else {
          await afterGrace(cloud)
        }
        const done = await proposal(first)
        const seconds = await cloud.ports.store.find<SecondDoc>(PC.seconds, { proposalId: first })
        const pushes = pushesSince(sentAt)
        // The next submission of the session takes the next number: no gap, no number twice.
        const following = await cloud.call(demoOpenid(HE), 'proposals.submit', { proposalId: next })
        expect({
          point: point.label,
          retry,
          proposal: {
            status: done.status,
            code: done.code,
            seconders: done.seconders.map((x) => x.memberId),
            marked: done.followUpAt !== undefined,
          },
          seconds: seconds.map((x) => [x.memberId, x.locked]).sort(),
          inbox: await inbox(first, [...NAMED, ...COMMITTEE], earlier),
          pushedTwice: pushes.filter((n) => n > 1).length,
          next: following.ok ? following.data.code : following,
          counter: (await session()).counter,
        }).toEqual({
          point: point.label,
          retry: retryShould,
          proposal: { status: 'submitted', code: code(1), seconders: [HE, MA], marked: false },
          seconds: [
            [HE, true],
            [MA, true],
          ],
          inbox: {
            [GUO]: ['提案已提交'],
            [HE]: ['提案已提交'],
            [MA]: ['提案已提交'],
            m03: ['有新提案待审查'],
            m04: ['有新提案待审查'],
            m05: ['有新提案待审查'],
          },
          pushedTwice: 0,
          next: code(2),
          counter: before.counter + 2,
        })
      }

      const points = await atEveryKillPoint(cloud, act, check)
      expect(points.length).toBeGreaterThan(10)
      // The WeChat check above is not empty: a clean 提交 does push to the people named on it.
      expect(cleanPushes).toBeGreaterThanOrEqual(NAMED.length)
    }, 600_000)
  }
})

onEmulator('并案 cut short at any request', () => {
  const MERGED = SEED.submitted // by m14, seconded by m12 and m16
  const TARGET = SEED.accepted // by m15
  const ZHANG = demoOpenid('m03')
  const review = { proposalId: MERGED, decision: 'merge' as const, reason: '内容相近', mergeIntoId: TARGET }

  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? 'the reviewer trying again' : 'the follow-ups job'}: the target lists it once, everyone told once`, async () => {
      const earlier = await earlierMessages()
      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        const body = { action: 'proposals.review', data: review }
        return kill ? cloud.callKilledAt(ZHANG, body, kill) : cloud.raw(ZHANG, body)
      }
      const check = async (point: KillPoint) => {
        if (recovery === 'retry' || (await proposal(MERGED)).status === 'submitted') {
          // The retry finishes what was cut short before it is refused as already reviewed.
          await cloud.call(ZHANG, 'proposals.review', review)
        } else {
          await afterGrace(cloud)
        }
        const [merged, target] = await Promise.all([proposal(MERGED), proposal(TARGET)])
        const told = await inbox(MERGED, ['m14', 'm12', 'm16'], earlier)
        expect({
          point: point.label,
          merged: { status: merged.status, mergedInto: merged.mergedInto, marked: merged.followUpAt !== undefined },
          mergedFrom: target.mergedFrom.filter((id) => id === MERGED).length,
          targetLines: target.history.filter((h) => h.action.startsWith('并入') && h.action.includes('图书馆')).length,
          told: Object.values(told).map((titles) => titles.map((t) => t.slice(0, 6))),
          targetProposer: (await inbox(TARGET, ['m15'], earlier)).m15,
        }).toEqual({
          point: point.label,
          merged: { status: 'merged', mergedInto: TARGET, marked: false },
          mergedFrom: 1,
          targetLines: 1,
          told: [['提案审查结果'], ['提案审查结果'], ['提案审查结果']],
          targetProposer: ['有提案并入了您的提案'],
        })
      }
      expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(6)
    }, 600_000)
  }
})

onEmulator('邀请附议 cut short at any request', () => {
  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? 'the proposer asking again' : 'the follow-ups job'}: the invitee is asked once`, async () => {
      const draft = await readyDraft(GUO, [], '关于教学楼每层增设饮水机的建议')
      const earlier = await earlierMessages()
      const invite = { proposalId: draft, memberId: HE }
      const asked = async () => (await cloud.ok(demoOpenid(HE), 'proposals.todo', {})).invitations
      const askedBefore = await asked()
      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        const body = { action: 'proposals.invite', data: invite }
        return kill ? cloud.callKilledAt(demoOpenid(GUO), body, kill) : cloud.raw(demoOpenid(GUO), body)
      }
      const check = async (point: KillPoint) => {
        const left = await cloud.ports.store.findOne<SecondDoc>(PC.seconds, { proposalId: draft, memberId: HE })
        let retry: unknown = 'none'
        let retryShould: unknown = 'none'
        if (recovery === 'retry' || !left) {
          const again = await cloud.call(demoOpenid(GUO), 'proposals.invite', invite)
          retry = again.ok || again.code
          // Asked again after it was complete, the proposer is told the invitation stands.
          retryShould = !left || left.followUpAt !== undefined || 'CONFLICT'
        } else {
          await afterGrace(cloud)
        }
        const second = await cloud.ports.store.findOne<SecondDoc>(PC.seconds, { proposalId: draft, memberId: HE })
        expect({
          point: point.label,
          retry,
          second: { status: second?.status, marked: second?.followUpAt !== undefined },
          inbox: await inbox(draft, [HE], earlier),
          todo: await asked(),
        }).toEqual({
          point: point.label,
          retry: retryShould,
          second: { status: 'invited', marked: false },
          inbox: { [HE]: ['邀请您附议提案'] },
          todo: askedBefore + 1,
        })
      }
      expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(4)
    }, 600_000)
  }
})
