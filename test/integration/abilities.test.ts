import { contract, type ActionName } from '@/core/contract'
import type { Abilities } from '@/core/shared/abilities'
import type { Reply } from '@/core/shared/errors'
import { draft } from '../support/fixtures/notices'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/**
 * `session.whoami` tells the page what the caller may do (`can`), and pages show buttons and links by it alone.
 * These tests hold the flags to what the server really does: for every demo role, each flagged action is let in
 * by the dispatcher and each unflagged one is refused; the finer 工会通知 flag matches what publishing does.
 */

const ACTIONS = Object.keys(contract) as ActionName[]

/** Every role the demo school holds (src/server/seed/demo-school.ts); several people hold more than one. */
const PEOPLE = {
  'teacher 胡军': DEMO.teacher,
  'retired 陆桂英': DEMO.retired,
  'delegate 郭婷': DEMO.delegate,
  'group leader 何平 (delegate too)': DEMO.groupLeader,
  'committee 张丽华 (delegate, group leader too)': DEMO.committee,
  'dept head 赵明': DEMO.deptHead,
  'admin 李秀英': DEMO.admin,
  'chair 王建国 (delegate too)': DEMO.chair,
}

/**
 * The gate runs before the input is read, so a reply of BAD_INPUT naming a field no schema knows can only reach
 * a caller the gate let in; a refused caller gets the gate's own code. Nothing is written, and a use case's own
 * later checks (whose draft, which department) do not blur the answer.
 */
const PROBE = 'abilityProbe'
const GATE_CODES = ['UNAUTHENTICATED', 'NOT_BOUND', 'CONFLICT', 'FORBIDDEN']

async function gateLetsIn(cloud: TestCloud, openid: string, action: ActionName): Promise<boolean> {
  const reply: Reply<unknown> = await cloud.raw(openid, { action, data: { [PROBE]: true } })
  if (!reply.ok && reply.code === 'BAD_INPUT' && reply.fields?.[PROBE]) return true
  if (!reply.ok && GATE_CODES.includes(reply.code)) return false
  throw new Error(`${action} answered the probe unexpectedly: ${JSON.stringify(reply)}`)
}

async function abilitiesOf(cloud: TestCloud, openid: string): Promise<Abilities> {
  const me = await cloud.ok(openid, 'session.whoami', {})
  expect(me.bound).toBe(true)
  return me.can ?? {}
}

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud.cleanup())

describe('what whoami says a member may do is what the server lets them do', () => {
  test.each(Object.entries(PEOPLE))('%s: flagged actions are let in, the rest refused', async (_, openid) => {
    const can = await abilitiesOf(cloud, openid)
    const letIn = await Promise.all(ACTIONS.map((action) => gateLetsIn(cloud, openid, action)))
    const admitted = ACTIONS.filter((_, i) => letIn[i])
    const flagged = ACTIONS.filter((action) => can[action] === true)
    expect(flagged).toEqual(admitted)
    // Only true flags travel: no false values, no names the app does not know.
    const known = new Set<string>([...ACTIONS, 'notices.publishGeneral'])
    expect(Object.entries(can).filter(([name, value]) => value !== true || !known.has(name))).toEqual([])
  })

  test('the roles differ where the README says they do', async () => {
    const can = async (openid: string) => abilitiesOf(cloud, openid)
    const [teacher, admin, chair, committee] = await Promise.all([
      can(DEMO.teacher),
      can(DEMO.admin),
      can(DEMO.chair),
      can(DEMO.committee),
    ])
    expect(teacher).toMatchObject({ 'activities.signUp': true, 'suggestions.submit': true })
    expect(teacher['activities.create']).toBeUndefined()
    expect(admin['activities.create']).toBe(true)
    expect(admin['greetings.saveSettings']).toBeUndefined()
    expect(chair['greetings.saveSettings']).toBe(true)
    expect(committee['proposals.review']).toBe(true)
    expect(chair['proposals.review']).toBeUndefined()
  })

  test('一般通知: the flag says who may publish one, and publishing agrees', async () => {
    const outcomes: { who: string; flagged: boolean; published: boolean }[] = []
    for (const [who, openid] of Object.entries(PEOPLE)) {
      const can = await abilitiesOf(cloud, openid)
      if (!can['notices.publish']) {
        expect(can['notices.publishGeneral']).toBeUndefined()
        continue
      }
      const reply = await cloud.call(
        openid,
        'notices.publish',
        draft({
          category: 'general',
          title: '工会活动室开放时间',
          body: '每周三下午开放。',
          audience: 'members',
          memberIds: ['m17'],
        }),
      )
      if (!reply.ok) expect(reply).toMatchObject({ code: 'FORBIDDEN', fields: { category: expect.any(String) } })
      outcomes.push({ who, flagged: can['notices.publishGeneral'] === true, published: reply.ok })
    }
    expect(outcomes.filter((o) => o.flagged !== o.published)).toEqual([])
    // Both answers occur, so the comparison above is not empty on either side.
    expect(outcomes.some((o) => o.published)).toBe(true)
    expect(outcomes.some((o) => !o.published)).toBe(true)
  })

  test('a caller not bound, or no longer a member, gets no flags and is bound to nothing', async () => {
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm16', status: 'left' })
    for (const openid of ['wx-stranger', 'demo-m16']) {
      const me = await cloud.ok(openid, 'session.whoami', {})
      expect(me).toMatchObject({ signedIn: true, bound: false })
      expect(me.can).toBeUndefined()
    }
    expect((await cloud.ok(undefined, 'session.whoami', {})).can).toBeUndefined()
  })
})
