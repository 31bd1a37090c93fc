import * as XLSX from '@e965/xlsx'
import { contract, type ActionName } from '@/core/contract'
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import type { Access } from '@/core/shared/roles'
import { FIXTURES } from '../support/action-fixtures'
import { csvFile, DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const stored = async (memberId: string) =>
  (await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: memberId })) as MemberDoc

const CHAIR_ID = 'm01' // 王建国
const ADMIN_ID = 'm02' // 李秀英

describe('an admin cannot take over or change the chair, nor another admin', () => {
  test('resetting the chair’s binding is refused: no new code, nothing written, the chair stays signed in', async () => {
    const before = cloud.writes()
    const refusal = await cloud.refused(DEMO.admin, 'members.resetBinding', { memberId: CHAIR_ID })
    expect(refusal.code).toBe('FORBIDDEN')
    expect(refusal.message).toMatch(/^您.*主席/)
    expect(JSON.stringify(refusal)).not.toContain((await stored(CHAIR_ID)).inviteCode)
    expect(cloud.writes()).toBe(before)
    expect(await cloud.ok(DEMO.chair, 'session.whoami', {})).toMatchObject({
      bound: true,
      profile: { roles: expect.arrayContaining(['chair']) },
    })
    // The attacker's next step, binding a fresh WeChat with the chair's code, has nothing to work with.
    const code = (await stored(CHAIR_ID)).inviteCode
    expect((await cloud.refused('wx-attacker', 'members.bindByCode', { code })).code).toBe('CONFLICT')
    expect((await cloud.ok('wx-attacker', 'session.whoami', {})).bound).toBe(false)
  })

  test('the chair’s details, status and roles are refused to an admin, writing nothing', async () => {
    const chair = await stored(CHAIR_ID)
    const details = {
      name: chair.name,
      staffNo: chair.staffNo,
      gender: chair.gender,
      phone: '13800000099',
      birthday: chair.birthday,
      groupId: chair.groupId,
      department: '',
    }
    const before = cloud.writes()
    const attempts = [
      await cloud.refused(DEMO.admin, 'members.update', { memberId: CHAIR_ID, ...details }),
      await cloud.refused(DEMO.admin, 'members.update', { memberId: CHAIR_ID, ...details, name: '李秀英' }),
      await cloud.refused(DEMO.admin, 'members.setStatus', { memberId: CHAIR_ID, status: 'left' }),
      await cloud.refused(DEMO.admin, 'members.setStatus', { memberId: CHAIR_ID, status: 'retired' }),
      await cloud.refused(DEMO.admin, 'members.setRoles', {
        memberId: CHAIR_ID,
        roles: ['chair'],
        department: '',
      }),
    ]
    for (const refusal of attempts) {
      expect(refusal.code).toBe('FORBIDDEN')
      expect(refusal.message).toMatch(/^您/)
    }
    expect(cloud.writes()).toBe(before)
    expect(await stored(CHAIR_ID)).toMatchObject({ phone: chair.phone, name: chair.name, status: 'active' })
  })

  test('an admin’s import that would rewrite the chair’s row is refused in the preview and the commit', async () => {
    const chair = await stored(CHAIR_ID)
    const file = csvFile([
      ['姓名', '工号', '性别', '手机号', '生日', '工会小组'],
      [chair.name, chair.staffNo, '男', '13800000099', chair.birthday, '综合组'],
    ])
    const before = cloud.writes()
    const preview = await cloud.ok(DEMO.admin, 'members.importPreview', file)
    expect(preview.problems).toEqual([{ row: 2, name: chair.name, reasons: [expect.stringContaining('主席')] }])
    expect((await cloud.refused(DEMO.admin, 'members.importCommit', file)).code).toBe('BAD_INPUT')
    expect(cloud.writes()).toBe(before)
    expect((await stored(CHAIR_ID)).phone).toBe(chair.phone)
    // The chair may import the same file.
    expect(await cloud.ok(DEMO.chair, 'members.importCommit', file)).toEqual({ created: 0, updated: 1 })
    expect((await stored(CHAIR_ID)).phone).toBe('13800000099')
  })

  test('one admin cannot reset or edit another admin; the chair can', async () => {
    await cloud.ok(DEMO.chair, 'members.setRoles', { memberId: 'm03', roles: ['admin'], department: '' })
    const before = cloud.writes()
    expect((await cloud.refused(DEMO.admin, 'members.resetBinding', { memberId: 'm03' })).code).toBe('FORBIDDEN')
    expect((await cloud.refused(DEMO.admin, 'members.setStatus', { memberId: 'm03', status: 'left' })).code).toBe(
      'FORBIDDEN',
    )
    // Nor the admin's own entry: that too is the chair's to change.
    expect((await cloud.refused(DEMO.admin, 'members.resetBinding', { memberId: ADMIN_ID })).code).toBe('FORBIDDEN')
    expect(cloud.writes()).toBe(before)
    const reset = await cloud.ok(DEMO.chair, 'members.resetBinding', { memberId: 'm03' })
    expect(reset.bound).toBe(false)
    // The admin still manages ordinary members.
    expect((await cloud.ok(DEMO.admin, 'members.resetBinding', { memberId: 'm17' })).bound).toBe(false)
  })

  test('an unbound chair entry can be bound only with its invite code, which only a chair can see', async () => {
    // 曹阳 (m31, unbound) is made a second chair; the admin sees his full phone in the roster.
    await cloud.ok(DEMO.chair, 'members.setRoles', { memberId: 'm31', roles: ['chair'], department: '' })
    const asAdmin = await cloud.ok(DEMO.admin, 'members.get', { memberId: 'm31' })
    const target = await stored('m31')
    expect(asAdmin.inviteCode).toBeUndefined()
    expect(JSON.stringify(await cloud.ok(DEMO.admin, 'members.list', {}))).not.toContain(target.inviteCode)
    const refusal = await cloud.refused('wx-attacker', 'members.bindByIdentity', {
      unionCode: 'SYXX',
      name: asAdmin.name,
      staffNo: asAdmin.staffNo,
      phoneTail: asAdmin.phone.slice(-4),
    })
    expect(refusal.code).toBe('FORBIDDEN')
    expect(refusal.message).toContain('邀请码')
    expect((await stored('m31')).openid).toBeUndefined()
    const asChair = await cloud.ok(DEMO.chair, 'members.get', { memberId: 'm31' })
    expect(asChair.inviteCode).toBe(target.inviteCode)
    expect((await cloud.ok('wx-cao', 'members.bindByCode', { code: target.inviteCode })).roles).toContain('chair')
  })

  test('the only signed-in chair cannot reset their own binding; with a second chair signed in, they can', async () => {
    const before = cloud.writes()
    const refusal = await cloud.refused(DEMO.chair, 'members.resetBinding', { memberId: CHAIR_ID })
    expect(refusal.code).toBe('CONFLICT')
    expect(refusal.message).toMatch(/^您.*唯一能登录的工会主席/)
    expect(cloud.writes()).toBe(before)
    expect((await cloud.ok(DEMO.chair, 'session.whoami', {})).bound).toBe(true)
    // A second chair who has not bound yet does not count: nobody could sign in as a chair in the meantime.
    await cloud.ok(DEMO.chair, 'members.setRoles', { memberId: 'm31', roles: ['chair'], department: '' })
    expect((await cloud.refused(DEMO.chair, 'members.resetBinding', { memberId: CHAIR_ID })).code).toBe('CONFLICT')
    expect(
      (await cloud.refused(DEMO.chair, 'members.setRoles', { memberId: CHAIR_ID, roles: [], department: '' })).code,
    ).toBe('CONFLICT')
    await cloud.ok('wx-cao', 'members.bindByCode', { code: (await stored('m31')).inviteCode })
    const reset = await cloud.ok(DEMO.chair, 'members.resetBinding', { memberId: CHAIR_ID })
    expect(reset.bound).toBe(false)
    expect((await cloud.ok(DEMO.chair, 'session.whoami', {})).bound).toBe(false)
  })
})

/** Who the admin is, for deciding which actions they may call. */
function admitsAdmin(access: Access): boolean {
  if (access === 'anyone' || access === 'member') return true
  if (access === 'unbound') return false
  return access.includes('admin')
}

/** A reply as text, with any spreadsheet it carries (exports) opened up. */
function textOf(reply: unknown): string {
  const parts = [JSON.stringify(reply)]
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return
    const record = value as Record<string, unknown>
    if (typeof record.contentBase64 === 'string' && /\.xlsx$/i.test(String(record.fileName))) {
      const book = XLSX.read(Buffer.from(record.contentBase64, 'base64'), { type: 'buffer' })
      for (const name of book.SheetNames) parts.push(XLSX.utils.sheet_to_csv(book.Sheets[name]))
    }
    Object.values(record).forEach(visit)
  }
  visit(reply)
  return parts.join('\n')
}

describe('birth years reach the chair only', () => {
  const seededYears = async () => {
    const members = await cloud.ports.store.find<MemberDoc>(C.members, { unionId: 'u-syxx' }, { limit: 100 })
    const years = [...new Set(members.map((m) => m.birthYear).filter((y): y is number => y !== undefined))]
    expect(years.length).toBeGreaterThan(30)
    return { members, years }
  }
  const leaks = (text: string, years: number[]) => [
    ...years.filter((y) => new RegExp(`(?<!\\d)${y}(?!\\d)`).test(text)).map(String),
    ...(/"birthYear"|"age"/.test(text) ? ['a birthYear or age field'] : []),
  ]

  test('no reply to the admin carries a birth year: every read action, each member, the roster writes', async () => {
    const { members, years } = await seededYears()
    const found: Record<string, string[]> = {}
    const scan = async (label: string, reply: Promise<unknown>) => {
      const leaked = leaks(textOf(await reply), years)
      if (leaked.length) found[label] = leaked
    }
    const reads = (Object.keys(contract) as ActionName[]).filter(
      (name) => !contract[name].writes && admitsAdmin(contract[name].access),
    )
    expect(reads).toEqual(expect.arrayContaining(['members.list', 'members.get', 'greetings.upcoming']))
    for (const name of reads) {
      await scan(name, cloud.raw(DEMO.admin, { action: name, data: await FIXTURES[name](cloud) }))
    }
    for (const m of members)
      await scan(`members.get ${m._id}`, cloud.ok(DEMO.admin, 'members.get', { memberId: m._id }))
    await scan('members.list retired', cloud.ok(DEMO.admin, 'members.list', { status: 'retired' }))
    await scan('members.list keyword', cloud.ok(DEMO.admin, 'members.list', { keyword: '王' }))
    const m17 = members.find((m) => m._id === 'm17') as MemberDoc
    const details = {
      name: m17.name,
      staffNo: m17.staffNo,
      gender: m17.gender,
      phone: m17.phone,
      birthday: m17.birthday,
      groupId: m17.groupId,
      department: '',
    }
    await scan('members.update', cloud.ok(DEMO.admin, 'members.update', { memberId: 'm17', ...details }))
    await scan('members.setStatus', cloud.ok(DEMO.admin, 'members.setStatus', { memberId: 'm17', status: 'retired' }))
    await scan(
      'members.setRoles',
      cloud.ok(DEMO.admin, 'members.setRoles', { memberId: 'm17', roles: ['delegate'], department: '' }),
    )
    await scan('members.resetBinding', cloud.ok(DEMO.admin, 'members.resetBinding', { memberId: 'm17' }))
    expect(found).toEqual({})
  })

  test('the chair still sees every birth year in the roster and on a member’s page', async () => {
    const { members } = await seededYears()
    const roster = (await cloud.ok(DEMO.chair, 'members.list', {})).items
    for (const m of members) expect(roster.find((e) => e.id === m._id)?.birthYear).toBe(m.birthYear)
    expect((await cloud.ok(DEMO.chair, 'members.get', { memberId: 'm09' })).birthYear).toBe(1990)
  })

  test('an admin saving a member’s details keeps the birth year they cannot see; the chair can clear it', async () => {
    const asAdmin = await cloud.ok(DEMO.admin, 'members.get', { memberId: 'm09' })
    const { id, name, staffNo, gender, phone, birthday, groupId } = asAdmin
    await cloud.ok(DEMO.admin, 'members.update', {
      memberId: id,
      name,
      staffNo,
      gender,
      phone,
      birthday,
      groupId,
      department: '语文',
    })
    expect((await stored('m09')).birthYear).toBe(1990)
    expect((await cloud.ok(DEMO.chair, 'members.get', { memberId: 'm09' })).birthYear).toBe(1990)
    const details = { memberId: id, name, staffNo, gender, phone, birthday, groupId, department: '' }
    // Clearing a year one cannot see would be blind; only the chair may.
    const refusal = await cloud.refused(DEMO.admin, 'members.update', { ...details, birthYear: null })
    expect(refusal.code).toBe('FORBIDDEN')
    expect((await stored('m09')).birthYear).toBe(1990)
    await cloud.ok(DEMO.chair, 'members.update', { ...details, birthYear: null })
    expect((await stored('m09')).birthYear).toBeUndefined()
  })
})

describe('binding guesses are limited per roster entry, across WeChat identities', () => {
  const entryId = DEMO.unboundMemberId // 曹阳
  const guess = async (openid: string, phoneTail: string) => {
    const m = await stored(entryId)
    return cloud.call(openid, 'members.bindByIdentity', {
      unionCode: 'SYXX',
      name: m.name,
      staffNo: m.staffNo,
      phoneTail,
    })
  }
  const wrongTails = async (n: number) => {
    const right = (await stored(entryId)).phone.slice(-4)
    const tails: string[] = []
    for (let i = 0; tails.length < n; i++) {
      const tail = String(i).padStart(4, '0')
      if (tail !== right) tails.push(tail)
    }
    return tails
  }

  test('five wrong tails from five fresh identities, then even the right tail waits; the invite code still works', async () => {
    for (const [i, tail] of (await wrongTails(5)).entries()) {
      const reply = await guess(`wx-guess-${i}`, tail)
      expect(reply).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    }
    const right = (await stored(entryId)).phone.slice(-4)
    const limited = await guess('wx-guess-5', right)
    expect(limited).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    if (!limited.ok) expect(limited.message).toMatch(/^您.*邀请码/)
    expect((await stored(entryId)).openid).toBeUndefined()
    // Another entry is not affected.
    const other = await stored('m32')
    const bound = await cloud.ok('wx-peng', 'members.bindByIdentity', {
      unionCode: 'SYXX',
      name: other.name,
      staffNo: other.staffNo,
      phoneTail: other.phone.slice(-4),
    })
    expect(bound.name).toBe(other.name)
    // An hour later the owner can try again.
    cloud.ports.clock.set(new Date('2026-12-01T03:01:00Z'))
    expect(await guess('wx-owner', right)).toMatchObject({ ok: true, data: { name: '曹阳' } })
  })

  test('thirty fresh identities guessing at once get five guesses checked between them', async () => {
    const tails = await wrongTails(30)
    const replies = await Promise.all(tails.map((tail, i) => guess(`wx-swarm-${i}`, tail)))
    const codes = replies.map((r) => (r.ok ? 'OK' : r.code))
    expect(codes.filter((c) => c === 'NOT_FOUND')).toHaveLength(5)
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(25)
    const right = (await stored(entryId)).phone.slice(-4)
    expect(await guess('wx-swarm-late', right)).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(
      await cloud.ok('wx-owner', 'members.bindByCode', { code: (await stored(entryId)).inviteCode }),
    ).toMatchObject({ name: '曹阳' })
  })
})

describe('binding tries are limited per WeChat identity, also when fired at once', () => {
  test('one identity sending twenty wrong invite codes at once gets five tried; the rest wait an hour', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cloud.call('wx-one-swarm', 'members.bindByCode', { code: `ZZZZ${String(i).padStart(4, '2')}` }),
      ),
    )
    const codes = replies.map((r) => (r.ok ? 'OK' : r.code))
    expect(codes.filter((c) => c !== 'RATE_LIMITED')).toHaveLength(5)
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15)
    const limited = replies.find((r) => !r.ok && r.code === 'RATE_LIMITED')
    if (limited && !limited.ok) expect(limited.message).toContain('一小时后再试')
  })
})
