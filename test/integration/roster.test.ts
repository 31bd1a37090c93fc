import * as XLSX from '@e965/xlsx'
import { C } from '@/core/shared/collections'
import type { MemberDoc } from '@/core/members/model'
import { csvFile, DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const newcomer = {
  name: '新老师',
  staffNo: 'T2001',
  gender: 'F' as const,
  phone: '13812345678',
  birthday: '06-15',
  groupId: 'g1',
  department: '',
}
const HEADER = ['姓名', '工号', '性别', '手机号', '生日', '工会小组', '部门']

describe('the chair manages the roster', () => {
  test('adds a member who then appears in the roster with a full phone and an invite code', async () => {
    const entry = await cloud.ok(DEMO.chair, 'members.create', { ...newcomer, birthYear: 1990 })
    expect(entry).toMatchObject({
      name: '新老师',
      groupName: '语文组',
      phone: '13812345678',
      birthYear: 1990,
      bound: false,
      status: 'active',
    })
    expect(entry.inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    const roster = await cloud.ok(DEMO.chair, 'members.list', { keyword: '新老师' })
    expect(roster.items.map((m) => m.staffNo)).toEqual(['T2001'])
  })

  test('a taken 工号 is refused with the field named and nothing is written', async () => {
    const before = cloud.writes()
    const refusal = await cloud.refused(DEMO.chair, 'members.create', { ...newcomer, staffNo: 'T1001' })
    expect(refusal).toMatchObject({ code: 'CONFLICT', fields: { staffNo: '工号已存在' } })
    expect(cloud.writes()).toBe(before)
  })

  test('bad fields come back per field in Chinese', async () => {
    const refusal = await cloud.refused(DEMO.chair, 'members.create', { ...newcomer, phone: '123', birthday: '02-30' })
    expect(refusal.code).toBe('BAD_INPUT')
    expect(refusal.fields).toMatchObject({
      phone: expect.stringContaining('11位'),
      birthday: expect.stringContaining('没有这一天'),
    })
  })

  test('edits, retires and restores a member; the roster filters by status and 小组', async () => {
    const entry = await cloud.ok(DEMO.chair, 'members.update', {
      memberId: 'm17',
      ...newcomer,
      staffNo: 'T1017',
      name: '胡军',
      groupId: 'g2',
    })
    expect(entry.phone).toBe('13812345678')
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm17', status: 'retired' })
    const retired = await cloud.ok(DEMO.chair, 'members.list', { status: 'retired' })
    expect(retired.items.map((m) => m.name)).toContain('胡军')
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm17', status: 'active' })
    const maths = await cloud.ok(DEMO.chair, 'members.list', { groupId: 'g2', status: 'active' })
    expect(maths.items.map((m) => m.name)).toContain('胡军')
    expect(maths.items.every((m) => m.groupName === '数学组')).toBe(true)
  })

  test('roles: admin cannot make a chair, the last chair cannot be removed, a department head needs a department', async () => {
    expect(
      (await cloud.refused(DEMO.admin, 'members.setRoles', { memberId: 'm17', roles: ['chair'], department: '' })).code,
    ).toBe('FORBIDDEN')
    expect(
      (await cloud.refused(DEMO.chair, 'members.setRoles', { memberId: 'm01', roles: ['delegate'], department: '' }))
        .message,
    ).toContain('唯一能登录的工会主席')
    expect(
      (await cloud.refused(DEMO.chair, 'members.setRoles', { memberId: 'm17', roles: ['deptHead'], department: '' }))
        .fields,
    ).toHaveProperty('department')
    const entry = await cloud.ok(DEMO.admin, 'members.setRoles', {
      memberId: 'm17',
      roles: ['deptHead', 'delegate'],
      department: '教务处',
    })
    expect(entry.roles).toEqual(['member', 'deptHead', 'delegate'])
    expect((await cloud.ok(DEMO.teacher, 'members.me', {})).department).toBe('教务处')
  })

  test('groups: create, rename, no duplicates, counts', async () => {
    const g = await cloud.ok(DEMO.chair, 'groups.create', { name: '体育组' })
    expect((await cloud.refused(DEMO.chair, 'groups.create', { name: '体育组' })).code).toBe('CONFLICT')
    await cloud.ok(DEMO.chair, 'groups.rename', { groupId: g.id, name: '体艺组' })
    const groups = await cloud.ok(DEMO.teacher, 'groups.list', {})
    expect(groups.map((x) => x.name)).toEqual([
      '语文组',
      '数学组',
      '英语组',
      '综合组',
      '行政后勤组',
      '退休组',
      '体艺组',
    ])
    expect(groups.reduce((n, x) => n + x.memberCount, 0)).toBe(40)
  })
})

describe('privacy of personal data', () => {
  test('a teacher cannot read the roster; their own profile shows only a masked phone and no birth year', async () => {
    expect((await cloud.refused(DEMO.teacher, 'members.list', {})).code).toBe('FORBIDDEN')
    expect((await cloud.refused(DEMO.delegate, 'members.list', {})).message).toContain('工会主席')
    const me = await cloud.ok(DEMO.teacher, 'members.me', {})
    const text = JSON.stringify(me)
    const stored = (await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: 'm17' })) as MemberDoc
    expect(text).not.toContain(stored.phone)
    expect(text).not.toContain(String(stored.birthYear))
    expect(me).not.toHaveProperty('inviteCode')
  })

  test('privacy choices persist', async () => {
    await cloud.ok(DEMO.teacher, 'members.setPrivacy', { hideBirthday: true, noGreetings: true })
    expect((await cloud.ok(DEMO.teacher, 'members.me', {})).privacy).toEqual({ hideBirthday: true, noGreetings: true })
  })

  test('another union cannot see or touch this union', async () => {
    await cloud.ports.store.insert(C.unions, {
      _id: 'u-other',
      code: 'OTHER',
      name: '二中工会',
      createdAt: '2026-01-01T00:00:00Z',
    })
    await cloud.ports.store.insert(C.groups, {
      _id: 'og1',
      unionId: 'u-other',
      name: '语文组',
      order: 1,
      createdAt: '2026-01-01T00:00:00Z',
    })
    await cloud.ports.store.insert(C.members, {
      _id: 'o1',
      unionId: 'u-other',
      name: '外校主席',
      staffNo: 'X1',
      gender: 'M',
      phone: '13900000000',
      birthday: '01-01',
      groupId: 'og1',
      roles: ['member', 'chair'],
      department: '',
      status: 'active',
      inviteCode: 'OTHERAAA',
      openid: 'wx-other-chair',
      privacy: { hideBirthday: false, noGreetings: false },
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    })
    await cloud.ports.store.insert(C.bindings, {
      _id: 'wx-other-chair',
      unionId: 'u-other',
      memberId: 'o1',
      createdAt: '2026-01-01T00:00:00Z',
    })
    const roster = await cloud.ok('wx-other-chair', 'members.list', {})
    expect(roster.items.map((m) => m.name)).toEqual(['外校主席'])
    const before = cloud.writes()
    expect((await cloud.refused('wx-other-chair', 'members.setStatus', { memberId: 'm17', status: 'left' })).code).toBe(
      'NOT_FOUND',
    )
    expect((await cloud.refused('wx-other-chair', 'members.create', { ...newcomer, groupId: 'g1' })).code).toBe(
      'BAD_INPUT',
    )
    expect(cloud.writes()).toBe(before)
  })
})

describe('importing a roster', () => {
  const good = ['新甲', 'T3001', '女', '13700000001', '1985-03-08', '语文组', '']
  test('the preview lists every bad row with its reasons and writes nothing; commit refuses it too', async () => {
    const file = csvFile([
      HEADER,
      good,
      ['新乙', 'T3001', '男', '13700000002', '04-01', '数学组', ''],
      ['新丙', 'T3003', '未知', '123', '02-30', '体育组', ''],
      ['', '', '', '', '', '', ''],
    ])
    const before = cloud.writes()
    const preview = await cloud.ok(DEMO.chair, 'members.importPreview', file)
    expect(preview).toMatchObject({ total: 3, toCreate: 1 })
    expect(preview.problems).toEqual([
      { row: 3, name: '新乙', reasons: ['工号 T3001 与第 2 行重复'] },
      {
        row: 4,
        name: '新丙',
        reasons: expect.arrayContaining([
          '性别应为“男”或“女”',
          '没有名为「体育组」的工会小组',
          expect.stringContaining('没有这一天'),
          expect.stringContaining('11位'),
        ]),
      },
    ])
    const refusal = await cloud.refused(DEMO.chair, 'members.importCommit', file)
    expect(refusal.message).toContain('2 行需要修改')
    expect(cloud.writes()).toBe(before)
  })

  test('a clean xlsx with a date cell creates new people and updates existing 工号', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      [...HEADER, '状态'],
      ['新甲', 'T3001', '女', '13700000001', new Date(1985, 2, 8), '语文组', '', '在职'],
      ['胡军', 'T1017', '男', '13700000017', '09-10', '综合组', '', '退休'],
    ])
    const book = XLSX.utils.book_new()
    XLSX.utils.book_append_sheet(book, sheet, '名册')
    const contentBase64 = (XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64')
    const file = { fileName: '名册.xlsx', contentBase64 }
    const preview = await cloud.ok(DEMO.chair, 'members.importPreview', file)
    expect(preview).toMatchObject({ total: 2, toCreate: 1, toUpdate: 1, problems: [] })
    expect(await cloud.ok(DEMO.chair, 'members.importCommit', file)).toEqual({ created: 1, updated: 1 })
    const roster = await cloud.ok(DEMO.chair, 'members.list', {})
    expect(roster.items.find((m) => m.staffNo === 'T3001')).toMatchObject({
      birthday: '03-08',
      birthYear: 1985,
      groupName: '语文组',
    })
    expect(roster.items.find((m) => m.staffNo === 'T1017')).toMatchObject({
      phone: '13700000017',
      status: 'retired',
      groupName: '综合组',
    })
    expect(roster.items).toHaveLength(41)
    expect(roster).toMatchObject({ total: 41, more: false })
  })

  test('a file without the needed columns is explained', async () => {
    const refusal = await cloud.refused(
      DEMO.chair,
      'members.importPreview',
      csvFile([
        ['名字', '电话'],
        ['a', 'b'],
      ]),
    )
    expect(refusal.message).toContain('表头缺少')
    expect(
      (await cloud.refused(DEMO.chair, 'members.importPreview', { fileName: 'a.pdf', contentBase64: 'AAAA' })).message,
    ).toContain('.xlsx')
  })
})

test('the chair opens one member; another union or a teacher cannot', async () => {
  const cloud = await makeTestCloud()
  try {
    expect(await cloud.ok(DEMO.chair, 'members.get', { memberId: 'm09' })).toMatchObject({
      name: '郭婷',
      groupName: '语文组',
      phone: expect.stringMatching(/^139\d{8}$/),
    })
    expect((await cloud.refused(DEMO.chair, 'members.get', { memberId: 'nobody' })).code).toBe('NOT_FOUND')
    expect((await cloud.refused(DEMO.teacher, 'members.get', { memberId: 'm09' })).code).toBe('FORBIDDEN')
  } finally {
    cloud.cleanup()
  }
})
