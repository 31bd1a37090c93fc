/**
 * 会员名册 on a school-sized roster (issue 12): a page at a time in 工号 order, every member exactly once, and
 * a search by a name's first characters, a 工号 or a phone number's first digits answered by the database in
 * one round trip after the caller's — never by reading the whole roster.
 */
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import { allPages } from '../support/pages'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
  await addRoster(250)
}, 120_000)
afterAll(() => cloud.cleanup())

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
const DEMO_SIZE = 40

/** 250 more people: 10 surnames × 25 given names, 工号 R0000…, phones 150…, one 欧阳晓东 among them. */
async function addRoster(n: number): Promise<void> {
  const at = cloud.ports.clock.now().toISOString()
  for (let i = 0; i < n; i++) {
    const special = i === 123
    const member: MemberDoc = {
      _id: `r${String(i).padStart(4, '0')}`,
      unionId: 'u-syxx',
      name: special ? '欧阳晓东' : `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[Math.floor(i / 100)]}`,
      staffNo: special ? 'Q0777' : `R${String(i).padStart(4, '0')}`,
      gender: i % 2 ? 'F' : 'M',
      phone: special ? '13912345678' : `150${String(i).padStart(8, '0')}`,
      birthday: '01-01',
      groupId: i % 3 === 0 ? 'g1' : 'g2',
      roles: ['member'],
      status: i % 50 === 7 ? 'retired' : 'active',
      inviteCode: `RCODE${i}`,
      privacy: { hideBirthday: false, noGreetings: false },
      createdAt: at,
      updatedAt: at,
    }
    await cloud.ports.store.insert(C.members, member)
  }
}

/** The round trips and requests of the call just made, on the emulator. */
const lastCall = () => cloud.emulator?.invocations.at(-1)

const search = (keyword: string, extra: { status?: 'active' | 'retired'; groupId?: string } = {}) =>
  cloud.ok(DEMO.chair, 'members.list', { keyword, ...extra })

describe('searching 290 members', () => {
  test('a name’s first characters, a 工号 (any case) or a phone’s first digits find the person', async () => {
    for (const keyword of ['欧阳', '欧阳晓', '欧阳晓东', 'Q07', 'q0777', '139123']) {
      const found = await search(keyword)
      expect({ keyword, names: found.items.map((m) => m.name), more: found.more }).toEqual({
        keyword,
        names: ['欧阳晓东'],
        more: false,
      })
      const call = lastCall()
      // One round trip after the caller's, a handful of requests: the database searched, not this function.
      if (call)
        expect({ keyword, sequential: call.sequential, few: call.requests <= 6 }).toEqual({
          keyword,
          sequential: 2,
          few: true,
        })
    }
    expect((await search('欧阳东')).items).toEqual([])
    expect((await search('欧阳', { status: 'retired' })).items).toEqual([])
  })

  test('a common surname pages through all who have it, each once, in 工号 order', async () => {
    const { items, pages } = await allPages((cursor) =>
      cloud.ok(DEMO.chair, 'members.list', { keyword: '王', status: 'active', limit: 10, cursor }),
    )
    const stored = await cloud.ports.store.count(C.members, {
      unionId: 'u-syxx',
      status: 'active',
      name: { $gte: '王', $lt: '王\uffff' },
    })
    expect(items.length).toBe(stored)
    expect(items.length).toBeGreaterThan(20)
    expect(items.every((m) => m.name.startsWith('王'))).toBe(true)
    expect(new Set(items.map((m) => m.id)).size).toBe(items.length)
    expect(items.map((m) => m.staffNo)).toEqual([...items.map((m) => m.staffNo)].sort())
    expect(pages).toBe(Math.ceil(items.length / 10))
    // A 小组 narrows the same search.
    const maths = await cloud.ok(DEMO.chair, 'members.list', { keyword: '王', groupId: 'g2', limit: 90 })
    expect(maths.items.every((m) => m.groupName === '数学组' && m.name.startsWith('王'))).toBe(true)
    expect(maths.items.length).toBeLessThan(items.length)
  })
})

describe('the whole roster, a page at a time', () => {
  test('every member once, in 工号 order; the first page says how many; a page is bounded', async () => {
    const first = await cloud.ok(DEMO.chair, 'members.list', { status: undefined })
    expect(first.total).toBe(DEMO_SIZE + 250)
    expect(first.items).toHaveLength(50)
    expect(first.more).toBe(true)
    if (lastCall()) expect(lastCall()?.sequential).toBe(2)
    const { items } = await allPages((cursor) => cloud.ok(DEMO.chair, 'members.list', { limit: 90, cursor }))
    expect(items).toHaveLength(DEMO_SIZE + 250)
    expect(new Set(items.map((m) => m.id)).size).toBe(items.length)
    expect(items.map((m) => m.staffNo)).toEqual([...items.map((m) => m.staffNo)].sort())
    expect((await cloud.refused(DEMO.chair, 'members.list', { limit: 1000 })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.chair, 'members.list', { cursor: 'p~x~y' })).code).toBe('BAD_INPUT')
  })
})
