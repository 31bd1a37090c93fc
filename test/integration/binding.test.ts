import { C } from '@/core/shared/collections'
import type { MemberDoc } from '@/core/members/model'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const inviteCodeOf = async (memberId: string) =>
  ((await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: memberId })) as MemberDoc).inviteCode

describe('binding a WeChat identity to a roster entry', () => {
  test('a newcomer binds with the invite code and then sees their own profile', async () => {
    const code = await inviteCodeOf(DEMO.unboundMemberId)
    expect(await cloud.ok('wx-a', 'session.whoami', {})).toMatchObject({ signedIn: true, bound: false })
    const profile = await cloud.ok('wx-a', 'members.bindByCode', { code: code.toLowerCase() })
    expect(profile).toMatchObject({ name: '曹阳', groupName: '数学组', unionName: '实验小学工会', roles: ['member'] })
    expect(profile.phoneMasked).toMatch(/^139\*{4}\d{4}$/)
    const me = await cloud.ok('wx-a', 'session.whoami', {})
    expect(me.bound).toBe(true)
    expect(me.profile?.name).toBe('曹阳')
  })

  test('a second person using the same code is refused, nothing changes, and the chair sees the attempt', async () => {
    const code = await inviteCodeOf(DEMO.unboundMemberId)
    await cloud.ok('wx-a', 'members.bindByCode', { code })
    const refusal = await cloud.refused('wx-b', 'members.bindByCode', { code })
    expect(refusal.code).toBe('CONFLICT')
    expect(refusal.message).toContain('已经绑定了另一个微信')
    const member = await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: DEMO.unboundMemberId })
    expect(member?.openid).toBe('wx-a')
    expect((await cloud.ok('wx-b', 'session.whoami', {})).bound).toBe(false)
    const log = await cloud.ok(DEMO.chair, 'members.bindingAttempts', {})
    expect(log[0]).toMatchObject({ method: 'code', memberName: '曹阳', reason: '该会员已被另一个微信绑定' })
  })

  test('a wrong code gets a Chinese error naming the problem', async () => {
    const refusal = await cloud.refused('wx-a', 'members.bindByCode', { code: 'ZZZZ9999' })
    expect(refusal).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('邀请码不正确') })
    expect((await cloud.refused('wx-a', 'members.bindByCode', { code: '12' })).code).toBe('BAD_INPUT')
  })

  test('after five failures in an hour the identity must wait', async () => {
    for (let i = 0; i < 5; i++) await cloud.refused('wx-a', 'members.bindByCode', { code: `ZZZZ000${i}` })
    const code = await inviteCodeOf(DEMO.unboundMemberId)
    expect((await cloud.refused('wx-a', 'members.bindByCode', { code })).code).toBe('RATE_LIMITED')
    cloud.ports.clock.set(new Date('2026-12-01T03:01:00Z'))
    expect((await cloud.call('wx-a', 'members.bindByCode', { code })).ok).toBe(true)
  })

  test('binds with school code, name, 工号 and phone tail; a mismatch is refused and logged', async () => {
    const member = (await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: DEMO.unboundMemberId })) as MemberDoc
    const wrong = await cloud.refused('wx-a', 'members.bindByIdentity', {
      unionCode: 'syxx',
      name: member.name,
      staffNo: member.staffNo,
      phoneTail: '0000',
    })
    expect(wrong.message).toContain('与名册不一致')
    expect(
      (
        await cloud.refused('wx-a', 'members.bindByIdentity', {
          unionCode: 'NOPE',
          name: '曹阳',
          staffNo: 'T1',
          phoneTail: '1234',
        })
      ).message,
    ).toContain('学校代码不正确')
    const profile = await cloud.ok('wx-a', 'members.bindByIdentity', {
      unionCode: 'SYXX',
      name: member.name,
      staffNo: member.staffNo,
      phoneTail: member.phone.slice(-4),
    })
    expect(profile.name).toBe(member.name)
    const log = await cloud.ok(DEMO.chair, 'members.bindingAttempts', {})
    expect(log.some((a) => a.reason.includes('手机后四位') && a.memberName === member.name)).toBe(true)
  })

  test('a 工号 typed in small letters or full-width binds, and the bind is not counted toward the lockout', async () => {
    const member = (await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: DEMO.unboundMemberId })) as MemberDoc
    expect(member.staffNo).toMatch(/[A-Z]/)
    const identity = { unionCode: 'SYXX', name: member.name, phoneTail: member.phone.slice(-4) }
    // Four typos first: one more counted try and this identity would be locked out.
    for (let i = 0; i < 4; i++)
      await cloud.refused('wx-a', 'members.bindByIdentity', {
        ...identity,
        staffNo: member.staffNo,
        phoneTail: `000${i}`,
      })
    const profile = await cloud.ok('wx-a', 'members.bindByIdentity', {
      ...identity,
      staffNo: ` ${member.staffNo.toLowerCase()} `,
    })
    expect(profile.name).toBe(member.name)
    const tries = await cloud.ports.store.findOne<{ _id: string; identityChecks: number }>(C.bindingLimits, {
      _id: 'wx-a',
    })
    expect(tries?.identityChecks).toBe(4)
    const log = await cloud.ok(DEMO.chair, 'members.bindingAttempts', {})
    expect(log.filter((a) => a.reason.includes('工号'))).toEqual([])

    // Full-width letters and digits, as a phone's Chinese keyboard may type them, find the entry too.
    const other = (await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: 'm32' })) as MemberDoc
    const fullWidth = other.staffNo.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    const second = await cloud.ok('wx-b', 'members.bindByIdentity', {
      unionCode: 'SYXX',
      name: other.name,
      staffNo: fullWidth,
      phoneTail: other.phone.slice(-4),
    })
    expect(second.name).toBe(other.name)
  })

  test('ten people racing for one entry: exactly one wins', async () => {
    const code = await inviteCodeOf(DEMO.unboundMemberId)
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => cloud.call(`wx-race-${i}`, 'members.bindByCode', { code })),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    const bound = await cloud.ports.store.count(C.bindings, { memberId: DEMO.unboundMemberId })
    expect(bound).toBe(1)
  })

  test('one identity racing for two entries ends bound to exactly one', async () => {
    const [a, b] = await Promise.all([inviteCodeOf('m32'), inviteCodeOf('m33')])
    const replies = await Promise.all([
      cloud.call('wx-x', 'members.bindByCode', { code: a }),
      cloud.call('wx-x', 'members.bindByCode', { code: b }),
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    const claimed = await cloud.ports.store.count(C.members, { openid: 'wx-x' })
    expect(claimed).toBe(1)
    expect((await cloud.ok('wx-x', 'session.whoami', {})).bound).toBe(true)
  })

  test('an already bound teacher cannot bind again', async () => {
    const code = await inviteCodeOf(DEMO.unboundMemberId)
    const refusal = await cloud.refused(DEMO.teacher, 'members.bindByCode', { code })
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('胡军') })
  })

  test('the chair resets a binding: the old phone is unbound, the old code dies, the new code works', async () => {
    const oldCode = await inviteCodeOf('m17')
    const entry = await cloud.ok(DEMO.chair, 'members.resetBinding', { memberId: 'm17' })
    expect(entry.bound).toBe(false)
    const newCode = entry.inviteCode ?? 'the chair is shown the code'
    expect(newCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    expect(newCode).not.toBe(oldCode)
    expect((await cloud.ok(DEMO.teacher, 'session.whoami', {})).bound).toBe(false)
    expect((await cloud.refused('wx-new-phone', 'members.bindByCode', { code: oldCode })).code).toBe('NOT_FOUND')
    expect((await cloud.ok('wx-new-phone', 'members.bindByCode', { code: newCode })).name).toBe('胡军')
    // The old identity, now unbound, may bind again to another free entry.
    expect((await cloud.ok(DEMO.teacher, 'members.bindByCode', { code: await inviteCodeOf('m34') })).name).toBe('蒋欣')
  })

  test('a member who has left cannot bind or act', async () => {
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm31', status: 'left' })
    expect((await cloud.refused('wx-a', 'members.bindByCode', { code: await inviteCodeOf('m31') })).code).toBe(
      'FORBIDDEN',
    )
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm17', status: 'left' })
    expect((await cloud.refused(DEMO.teacher, 'members.me', {})).code).toBe('FORBIDDEN')
    expect(await cloud.ok(DEMO.teacher, 'session.whoami', {})).toMatchObject({ signedIn: true, bound: false })
  })
})
