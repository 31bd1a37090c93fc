import { contract, type ActionName } from '@/core/contract'
import type { Access, Role } from '@/core/shared/roles'
import { FIXTURES } from '../support/action-fixtures'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/** Every kind of caller the app meets. `left` is a member the chair marked 调离 in setup. */
const CALLERS: { kind: string; openid?: string; roles: Role[] | 'none' | 'unbound' | 'left' }[] = [
  { kind: 'not signed in', openid: undefined, roles: 'none' },
  { kind: 'unbound WeChat user', openid: 'wx-stranger', roles: 'unbound' },
  { kind: 'left member', openid: 'demo-m16', roles: 'left' },
  { kind: 'teacher', openid: DEMO.teacher, roles: ['member'] },
  { kind: 'retired', openid: DEMO.retired, roles: ['member'] },
  { kind: 'delegate', openid: DEMO.delegate, roles: ['member', 'delegate'] },
  { kind: 'group leader', openid: DEMO.groupLeader, roles: ['member', 'delegate', 'groupLeader'] },
  { kind: 'committee', openid: DEMO.committee, roles: ['member', 'committee', 'delegate', 'groupLeader'] },
  { kind: 'dept head', openid: DEMO.deptHead, roles: ['member', 'deptHead'] },
  { kind: 'admin', openid: DEMO.admin, roles: ['member', 'admin'] },
  { kind: 'chair', openid: DEMO.chair, roles: ['member', 'chair', 'delegate'] },
]

function allowed(access: Access, roles: (typeof CALLERS)[number]['roles']): boolean {
  if (access === 'anyone') return true
  if (roles === 'none') return false
  if (access === 'unbound') return roles === 'unbound'
  if (roles === 'unbound' || roles === 'left') return false
  if (access === 'member') return true
  return access.some((r) => roles.includes(r))
}

const ACCESS_REFUSALS = ['UNAUTHENTICATED', 'NOT_BOUND', 'FORBIDDEN', 'CONFLICT']
const names = Object.keys(contract) as ActionName[]

describe.each(names)('%s', (name) => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await makeTestCloud()
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm16', status: 'left' })
  })
  afterAll(() => cloud.cleanup())

  test('refuses every caller it does not admit, writing nothing; admits the others', async () => {
    const spec = contract[name]
    let succeeded = 0
    for (const caller of CALLERS) {
      const input = await FIXTURES[name](cloud)
      const before = cloud.writes()
      const reply = await cloud.raw(caller.openid, { action: name, data: input })
      if (!allowed(spec.access, caller.roles)) {
        expect({ caller: caller.kind, ok: reply.ok }).toEqual({ caller: caller.kind, ok: false })
        if (!reply.ok) expect(ACCESS_REFUSALS).toContain(reply.code)
        expect({ caller: caller.kind, writes: cloud.writes() - before }).toEqual({ caller: caller.kind, writes: 0 })
      } else {
        if (!reply.ok)
          expect({ caller: caller.kind, code: reply.code }).not.toMatchObject({
            code: expect.stringMatching(/^(UNAUTHENTICATED|NOT_BOUND|FORBIDDEN|INTERNAL)$/),
          })
        if (reply.ok) succeeded++
        if (reply.ok && !spec.writes)
          expect({ caller: caller.kind, writes: cloud.writes() - before }).toEqual({ caller: caller.kind, writes: 0 })
      }
    }
    // Every action must be usable by someone, or it is dead code behind a wall.
    expect(succeeded).toBeGreaterThan(0)
  })
})
