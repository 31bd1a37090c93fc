/**
 * 办结 of a main proposal killed at any request: after the proposer's retry or the follow-ups job, the
 * proposals merged into it are closed with it (随主提案办结) once, and their people are told once.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { afterGrace, atEveryKillPoint, type KilledOutcome, type KillPoint } from '../support/fault-injection'
import { makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'
import { REASONS, SUGGESTION } from '../support/proposal-texts'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

const GUO = demoOpenid('m09')
const ZHANG = demoOpenid('m03')
const ZHAO = demoOpenid('m06')
const MERGED = SEED.submitted // by m14, seconded by m12 and m16
const MERGED_PEOPLE = ['m14', 'm12', 'm16']

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async (id: string) =>
  (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: id })) as ProposalDoc

/** 郭婷's proposal, 立案, SEED.submitted merged into it, 交办 and answered: ready to be rated. */
async function answeredMain(): Promise<string> {
  const d = await cloud.ok(GUO, 'proposals.saveDraft', {
    sessionId: SEED.currentSession,
    title: '关于教学楼每层增设饮水机的建议',
    reasons: REASONS,
    suggestion: SUGGESTION,
    category: '后勤',
    suggestedDept: '总务处',
    openForSeconds: true,
  })
  for (const s of ['m10', 'm11']) await cloud.ok(demoOpenid(s), 'proposals.second', { proposalId: d.id, accept: true })
  await cloud.ok(GUO, 'proposals.submit', { proposalId: d.id })
  await cloud.ok(ZHANG, 'proposals.review', { proposalId: d.id, decision: 'accept', reason: '' })
  await cloud.ok(ZHANG, 'proposals.review', { proposalId: MERGED, decision: 'merge', reason: '', mergeIntoId: d.id })
  await cloud.ok(ZHANG, 'proposals.assign', {
    proposalId: d.id,
    lead: '教务处',
    cooperating: '',
    replyBy: '2026-12-20',
  })
  await cloud.ok(ZHAO, 'proposals.reply', {
    proposalId: d.id,
    method: '书面答复',
    resolution: '已解决',
    text: '饮水机已于本周安装完毕，图书馆已延长开放时间。',
  })
  return d.id
}

/** Titles of the messages about the merged proposal its people got since `earlier`. */
async function toldSince(earlier: Set<string>): Promise<string[][]> {
  return Promise.all(
    MERGED_PEOPLE.map(async (memberId) =>
      (await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId, kind: 'proposal' }, { limit: 200 }))
        .filter((m) => m.link?.endsWith(`?id=${MERGED}`) && !earlier.has(m._id))
        .map((m) => m.title),
    ),
  )
}

onEmulator('办结 of a main proposal cut short at any request', () => {
  for (const recovery of ['retry', 'follow-ups'] as const) {
    test(`is finished by ${recovery === 'retry' ? "the proposer's retry" : 'the follow-ups job'}: the merged one closes with it once, its people told once`, async () => {
      const main = await answeredMain()
      for (const id of MERGED_PEOPLE) {
        cloud.emulator!.openapi.grantConsent(demoOpenid(id), 'tpl-proposal', 100)
        for (let i = 0; i < 3; i++)
          await cloud.ok(demoOpenid(id), 'messages.recordConsent', { templates: ['proposal'] })
      }
      const earlier = new Set(
        (await cloud.ports.store.find<StoredMessageDoc>('messages', { kind: 'proposal' }, { limit: 1000 })).map(
          (m) => m._id,
        ),
      )
      const rate = { proposalId: main, rating: '满意' as const, comment: '' }
      let sentAt = 0
      const act = (kill: KillPlan | undefined): Promise<KilledOutcome> => {
        sentAt = cloud.emulator!.openapi.sent.length
        const body = { action: 'proposals.rate', data: rate }
        return kill ? cloud.callKilledAt(GUO, body, kill) : cloud.raw(GUO, body)
      }
      const check = async (point: KillPoint) => {
        if (recovery === 'retry' || (await stored(main)).status === 'replied') {
          // The retry finishes what was cut short, then is told it is closed (or, if nothing took, rates).
          await cloud.call(GUO, 'proposals.rate', rate)
        } else {
          await afterGrace(cloud)
        }
        const [done, merged] = await Promise.all([stored(main), stored(MERGED)])
        const pushes = new Map<string, number>()
        for (const m of cloud.emulator!.openapi.sent.slice(sentAt)) {
          const key = `${m.touser} ${m.page ?? ''} ${JSON.stringify(m.data)}`
          pushes.set(key, (pushes.get(key) ?? 0) + 1)
        }
        expect({
          point: point.label,
          main: { status: done.status, marked: done.followUpAt !== undefined },
          merged: {
            status: merged.status,
            closedWithMain: merged.closedWithMain,
            lines: merged.history.filter((h) => h.action === '随主提案办结').length,
          },
          told: await toldSince(earlier),
          pushedTwice: [...pushes.values()].filter((n) => n > 1).length,
        }).toEqual({
          point: point.label,
          main: { status: 'closed', marked: false },
          merged: { status: 'closed', closedWithMain: true, lines: 1 },
          told: [['提案已办结'], ['提案已办结'], ['提案已办结']],
          pushedTwice: 0,
        })
      }
      expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(6)
    }, 600_000)
  }
})
