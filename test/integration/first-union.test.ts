import { C } from '@/core/shared/collections'
import { openFirstUnion } from '@/server/first-union'
import { findJob } from '@/server/jobs'
import { makeTestCloud, type TestCloud } from '../support/test-cloud'

const CONFIG = {
  code: 'dxzx',
  name: '东新中学工会',
  chair: { name: '林海', staffNo: 'D001', gender: 'M', phone: '13900001111', birthday: '06-18' },
}

describe('opening the first union of a new deployment (FIRST_UNION on init)', () => {
  let cloud: TestCloud
  beforeEach(async () => {
    cloud = await makeTestCloud({ seed: false })
  })
  afterEach(() => cloud.cleanup())

  it('opens the union; the chair binds with the printed invite code and can run the roster', async () => {
    const line = await openFirstUnion(cloud.ports, JSON.stringify(CONFIG))
    expect(line).toMatch(/^已开通 东新中学工会（学校代码 DXZX）：主席 林海 的邀请码 [A-Z0-9]{8}$/)
    const code = /邀请码 ([A-Z0-9]{8})$/.exec(line ?? '')?.[1] ?? ''

    const profile = await cloud.ok('wx-lin', 'members.bindByCode', { code })
    expect(profile.name).toBe('林海')
    expect(profile.roles).toContain('chair')
    expect(profile.groupName).toBe('全体会员')

    const groups = await cloud.ok('wx-lin', 'groups.list', {})
    const added = await cloud.ok('wx-lin', 'members.create', {
      name: '陈老师',
      staffNo: 'D002',
      gender: 'F',
      phone: '13900002222',
      birthday: '01-02',
      groupId: groups[0].id,
    })
    expect(added.groupName).toBe('全体会员')
    // Teachers can also bind with the school code the config gave (stored upper-case).
    expect(await cloud.ports.store.count(C.unions, { code: 'DXZX' })).toBe(1)
  })

  it('runs again every day without touching a union in use', async () => {
    await openFirstUnion(cloud.ports, JSON.stringify(CONFIG))
    const before = cloud.writes()
    const again = await openFirstUnion(cloud.ports, JSON.stringify({ ...CONFIG, name: '别的名字' }))
    expect(again).toBe('学校代码 DXZX 已开通（东新中学工会），未做改动')
    expect(cloud.writes()).toBe(before)
  })

  it('finishes a run that was cut short instead of making a second union', async () => {
    // The first run got as far as the group and the chair's entry, then the function was stopped.
    await cloud.ports.store.insert(C.groups, {
      _id: 'u-dxzx-g1',
      unionId: 'u-dxzx',
      name: '全体会员',
      order: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
    })
    const line = await openFirstUnion(cloud.ports, JSON.stringify(CONFIG))
    expect(line).toContain('已开通 东新中学工会')
    expect(await cloud.ports.store.count(C.unions, {})).toBe(1)
    expect(await cloud.ports.store.count(C.groups, {})).toBe(1)
    expect(await cloud.ports.store.count(C.members, {})).toBe(1)
  })

  it.each([
    ['{"code":', 'FIRST_UNION 不是合法的 JSON，未开通任何工会'],
    [
      JSON.stringify({ ...CONFIG, code: '实验' }),
      'FIRST_UNION 有误（code）：学校代码是2到16位字母或数字，未开通任何工会',
    ],
    [
      JSON.stringify({ ...CONFIG, chair: { ...CONFIG.chair, phone: '123' } }),
      'FIRST_UNION 有误（chair.phone）：手机号应为11位数字，以1开头，未开通任何工会',
    ],
    [
      JSON.stringify({ ...CONFIG, chair: { ...CONFIG.chair, roles: ['admin'] } }),
      'FIRST_UNION 有误（chair.roles）：主席信息只能包含 name、staffNo、gender、phone、birthday，未开通任何工会',
    ],
  ])('refuses a bad config with a Chinese reason and writes nothing: %s', async (config, message) => {
    const before = cloud.writes()
    expect(await openFirstUnion(cloud.ports, config)).toBe(message)
    expect(cloud.writes()).toBe(before)
  })

  it('is part of the init job, and init without FIRST_UNION only builds indexes', async () => {
    const init = findJob('init')
    const saved = process.env.FIRST_UNION
    try {
      delete process.env.FIRST_UNION
      // The template check reports on its own (locally: nothing configured); no union opens.
      expect((await init!.run(cloud.ports)).summary).toMatch(/^索引 \d+ 个已就绪；[^；]*订阅消息[^；]*$/)
      expect(await cloud.ports.store.count(C.unions, {})).toBe(0)
      process.env.FIRST_UNION = JSON.stringify(CONFIG)
      expect((await init!.run(cloud.ports)).summary).toMatch(/；已开通 东新中学工会/)
      expect(await cloud.ports.store.count(C.unions, {})).toBe(1)
    } finally {
      if (saved === undefined) delete process.env.FIRST_UNION
      else process.env.FIRST_UNION = saved
    }
  })
})
