/**
 * The 08:00 greetings at district size: many unions, hundreds of birthdays. Every member is greeted once,
 * however the morning is cut into ticks, and on CloudBase the morning costs round trips by the number of
 * greetings in flight at once, not one union after another.
 */
import { creditId, MAX_CREDITS } from '@/core/messages/consent'
import { MC } from '@/core/messages/collections'
import type { StoredMessageDoc, SubscriptionCreditDoc } from '@/core/messages/model'
import type { MemberDoc, UnionDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import { findAll } from '@/core/shared/paging'
import { JC } from '@/server/collections'
import type { JobRunDoc } from '@/server/jobs/tick'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'
import { outcomes, tick } from '../support/ticks'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const at = (iso: string) => cloud.ports.clock.set(new Date(iso))
const greetings = () => findAll<StoredMessageDoc>(cloud.ports.store, MC.messages, { kind: 'birthday' })
const dailyRun = async () =>
  (await cloud.ports.store.find<JobRunDoc>(JC.runs, { job: 'daily', period: '2027-01-01T08:00' }, { limit: 1 }))[0]

/**
 * `unions` school unions of `perUnion` bound teachers each, all born on 1 January, all of whom allowed birthday
 * pushes (WeChat holds their consents, the app as many credits). Resolves their member ids.
 */
async function addDistrict(unions: number, perUnion: number): Promise<string[]> {
  const atIso = cloud.ports.clock.now().toISOString()
  const ids: string[] = []
  for (let u = 0; u < unions; u++) {
    const unionId = `u-d${String(u).padStart(2, '0')}`
    const union: UnionDoc = { _id: unionId, code: `D${u}`, name: `第${u + 1}小学工会`, createdAt: atIso }
    await cloud.ports.store.insert(C.unions, union)
    for (let k = 0; k < perUnion; k++) {
      const _id = `d${String(u).padStart(2, '0')}${String(k).padStart(3, '0')}`
      const member: MemberDoc = {
        _id,
        unionId,
        name: `教师${u}-${k}`,
        staffNo: `D${u}-${k}`,
        gender: k % 2 ? 'F' : 'M',
        phone: `136${String(u * 1000 + k).padStart(8, '0')}`,
        birthday: '01-01',
        groupId: 'g1',
        roles: ['member'],
        status: 'active',
        inviteCode: `D${u}X${k}`,
        openid: `o-${_id}`,
        boundAt: atIso,
        privacy: { hideBirthday: false, noGreetings: false },
        createdAt: atIso,
        updatedAt: atIso,
      }
      const credit: SubscriptionCreditDoc = {
        _id: creditId(_id, 'birthday'),
        unionId,
        memberId: _id,
        template: 'birthday',
        count: MAX_CREDITS,
        updatedAt: atIso,
      }
      await cloud.ports.store.insert(C.members, member)
      await cloud.ports.store.insert(MC.credits, credit)
      cloud.emulator?.openapi.grantConsent(`o-${_id}`, 'tpl-birthday', MAX_CREDITS)
      ids.push(_id)
    }
  }
  return ids
}

/** 07:50 on 1 January: init and the ten-minute jobs are done for their periods, so 08:00 is the greetings'. */
async function settleTheNight(): Promise<void> {
  at('2026-12-31T23:50:00Z')
  await tick(cloud)
  at('2027-01-01T00:00:00Z')
}

describe('a district morning', () => {
  test('cut into ticks with no time to spare, every union is counted once and every teacher greeted once', async () => {
    const members = await addDistrict(7, 9)
    await settleTheNight()
    let ticks = 0
    do {
      expect(outcomes(await tick(cloud, { budgetMs: 0 })).daily).toMatch(/^(paused|done)$/)
      ticks++
    } while ((await dailyRun()).status !== 'done' && ticks < 50)
    // 63 birthdays cannot go out in one round of sends: the morning took several ticks, each going on.
    expect(ticks).toBeGreaterThan(1)
    const run = await dailyRun()
    expect(run).toMatchObject({ status: 'done', runs: ticks })
    // Seven district unions and the demo school, where nobody was born on 1 January.
    expect(JSON.parse(run.report ?? 'null')).toMatchObject({ unions: 8, birthdays: 63, sent: 63, alreadySent: 0 })
    const messages = await greetings()
    expect(messages.map((m) => m.memberId).sort()).toEqual(members)
    expect(messages.find((m) => m.memberId === 'd03004')?.body).toContain('教师3-4老师')
    if (cloud.emulator) {
      const pushedTo = cloud.emulator.openapi.sent.map((s) => s.touser)
      expect(pushedTo.sort()).toEqual(members.map((id) => `o-${id}`))
    }
  }, 120_000)
})

onEmulator('round trips on CloudBase', () => {
  test('300 birthdays over 12 unions, each pushed, go out in at most 90 round trips of the 08:00 tick', async () => {
    await addDistrict(12, 25)
    await settleTheNight()
    const report = await tick(cloud)
    const invocation = cloud.emulator!.invocations.at(-1)!
    expect(report.jobs.find((l) => l.job === 'daily')).toMatchObject({ outcome: 'done' })
    expect(cloud.emulator!.openapi.sent).toHaveLength(300)
    // Each greeting is a chain of five requests (message, openid, credit, WeChat, outcome): one union after
    // another and ten at a time that was 12 × 3 × 5 = 180 trips; twenty at a time across unions it is 75.
    expect(invocation.sequential).toBeLessThanOrEqual(90)
  }, 120_000)

  test("首页's birthday card costs one round trip after the caller", async () => {
    at('2026-12-03T00:00:00Z') // 郭婷's birthday, 08:00 in Shanghai
    await cloud.runJob('daily')
    const card = await cloud.ok(DEMO.delegate, 'greetings.today', {})
    expect(card).toMatchObject({ date: '2026-12-03', unionName: '实验小学工会' })
    expect(cloud.emulator!.invocations.at(-1)!.sequential).toBeLessThanOrEqual(2)
    expect(await cloud.ok(DEMO.groupLeader, 'greetings.today', {})).toBeNull()
    expect(cloud.emulator!.invocations.at(-1)!.sequential).toBeLessThanOrEqual(2)
  })
})
