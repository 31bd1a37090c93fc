import * as XLSX from '@e965/xlsx'
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import { activityInput, withCaptainTeam } from '../support/fixtures/activities'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const MINUTE = 60_000
/** Sets the test clock to a Shanghai wall-clock time on the fixture's day (the clock starts at 10:00 there). */
const at = (shanghai: string) => cloud.ports.clock.set(new Date(`2026-12-01T${shanghai}:00+08:00`))

const create = async (overrides: Parameters<typeof activityInput>[1]) =>
  (await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, overrides))).id
const minutesLater = (n: number) => cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + n * MINUTE))

/**
 * A family hike starting 12:00 (Shanghai) with 3 seats: 胡军 at 10:00, 郭婷 with one family member at 10:07,
 * 陆桂英 at 10:14 on the waitlist. 胡军 is checked in at 11:35; at 12:05 the chair records him first (1小时20分).
 */
async function hikeWithResult(): Promise<string> {
  const activityId = await create({ title: '教职工亲子登山', quota: 3, maxGuests: 2 })
  await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
  minutesLater(7)
  await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId, guests: 1 })
  minutesLater(7)
  expect((await cloud.ok(DEMO.retired, 'activities.signUp', { activityId })).status).toBe('waitlisted')
  at('11:35')
  await cloud.ok(DEMO.chair, 'activities.markAttendance', { activityId, memberId: 'm17', present: true })
  at('12:05')
  await cloud.ok(DEMO.chair, 'activities.recordResult', {
    activityId,
    itemId: '',
    entrantId: 'm17',
    place: 1,
    score: '1小时20分',
  })
  return activityId
}

/**
 * A sports meet with 跳绳 and 踢毽: 胡军 enters 跳绳, 郭婷 both, 陆桂英 踢毽. Once it has started the chair
 * records 胡军 first in 跳绳 (180个), 郭婷 second in 踢毽 (no score) and second in 跳绳 (150个).
 */
async function meetWithResults(): Promise<string> {
  const activityId = await create({
    title: '教职工趣味运动会',
    quota: 0,
    items: [
      { name: '跳绳', quota: 10, gender: 'any' },
      { name: '踢毽', quota: 10, gender: 'any' },
    ],
    itemCap: 2,
  })
  const [jump, kick] = (await cloud.ok(DEMO.chair, 'activities.get', { activityId })).items.map((i) => i.id)
  await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId, itemIds: [jump] })
  await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId, itemIds: [jump, kick] })
  await cloud.ok(DEMO.retired, 'activities.signUp', { activityId, itemIds: [kick] })
  at('12:05')
  const record = (itemId: string, entrantId: string, place: number, score: string) =>
    cloud.ok(DEMO.chair, 'activities.recordResult', { activityId, itemId, entrantId, place, score })
  await record(jump, 'm17', 1, '180个')
  await record(kick, 'm09', 2, '')
  await record(jump, 'm09', 2, '150个')
  return activityId
}

/** The file as Excel opens it: the sheet, its file name, and a reader of cells by row and header. */
async function exportFor(openid: string, activityId: string) {
  const file = await cloud.ok(openid, 'activities.export', { activityId })
  const buffer = Buffer.from(file.contentBase64, 'base64')
  const book = XLSX.read(buffer, { type: 'buffer', cellNF: true, cellStyles: true })
  const sheet = book.Sheets[book.SheetNames[0]]
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1')
  const header = Array.from({ length: range.e.c + 1 }, (_, c) => String(sheet[XLSX.utils.encode_cell({ r: 0, c })]?.v))
  const cell = (row: number, column: string): XLSX.CellObject | undefined => {
    const c = header.indexOf(column)
    if (c < 0) throw new Error(`no column ${column}`)
    return sheet[XLSX.utils.encode_cell({ r: row, c })]
  }
  const cells = Object.entries(sheet)
    .filter(([ref]) => !ref.startsWith('!'))
    .map(([, c]) => c as XLSX.CellObject)
  return { file, buffer, book, sheet, range, header, cell, cells }
}

/** How wide text shows: Chinese and full-width characters take two columns. */
const shown = (text: string) => [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)

describe('the sign-up and attendance sheet (报名签到表)', () => {
  test('the chair gets numbers, Shanghai date-times and phone numbers Excel can sort, with the result', async () => {
    const activityId = await hikeWithResult()
    const { file, book, header, cell, range } = await exportFor(DEMO.chair, activityId)
    expect(book.SheetNames).toEqual(['报名签到表'])
    expect(file.fileName).toBe('教职工亲子登山_报名签到表_2026-12-01.xlsx')
    expect(header).toEqual([
      '序号',
      '姓名',
      '工会小组',
      '性别',
      '手机号',
      '状态',
      '候补位次',
      '项目',
      '队伍',
      '成绩/名次',
      '家属人数',
      '报名时间',
      '签到时间',
      '代报名人',
      '取消原因',
    ])
    expect(range.e.r).toBe(3)
    const column = (name: string) => [1, 2, 3].map((r) => cell(r, name)?.v)
    expect(column('姓名')).toEqual(['胡军', '郭婷', '陆桂英'])
    expect(column('状态')).toEqual(['已报名', '已报名', '候补中'])

    // Numbers are numbers; a blank stays blank (not 0, not "").
    for (const name of ['序号', '家属人数']) for (const r of [1, 2, 3]) expect(cell(r, name)?.t).toBe('n')
    expect(column('序号')).toEqual([1, 2, 3])
    expect(column('家属人数')).toEqual([0, 1, 0])
    expect(column('候补位次')).toEqual([undefined, undefined, 1])
    expect(cell(3, '候补位次')?.t).toBe('n')
    expect(column('项目')).toEqual([undefined, undefined, undefined])
    expect(column('队伍')).toEqual([undefined, undefined, undefined])

    // Date-times: a number with a date format, showing Shanghai wall-clock time, in sign-up order.
    const signedUp = [1, 2, 3].map((r) => cell(r, '报名时间'))
    for (const c of signedUp) expect(c).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm' })
    expect(signedUp.map((c) => c?.w)).toEqual(['2026-12-01 10:00', '2026-12-01 10:07', '2026-12-01 10:14'])
    const serials = signedUp.map((c) => Number(c?.v))
    expect([...serials].sort((x, y) => x - y)).toEqual(serials)
    expect(cell(1, '签到时间')).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm', w: '2026-12-01 11:35' })
    expect(cell(2, '签到时间')).toBeUndefined()
    // Read as dates, the wall clock is the same whatever the time zone of the machine reading or writing.
    const asDates = XLSX.read(Buffer.from(file.contentBase64, 'base64'), { type: 'buffer', cellDates: true })
    const checkedIn = asDates.Sheets['报名签到表'][XLSX.utils.encode_cell({ r: 1, c: header.indexOf('签到时间') })]
    expect(checkedIn.t).toBe('d')
    expect((checkedIn.v as Date).toISOString()).toBe('2026-12-01T11:35:00.000Z')

    // The phone number stays text (all 11 digits, never 1.39E+10), marked as text for editing too.
    const phones = await cloud.ports.store.find<MemberDoc>(C.members, { _id: { $in: ['m17', 'm09', 'm37'] } })
    const phoneOf = (id: string) => phones.find((m) => m._id === id)?.phone
    expect(cell(1, '手机号')).toMatchObject({ t: 's', v: phoneOf('m17'), z: '@' })
    expect(cell(1, '手机号')?.v).toMatch(/^1\d{10}$/)

    // A placing in the whole event (no items): score and place, blank for those without one.
    expect(column('成绩/名次')).toEqual(['1小时20分（第1名）', undefined, undefined])
  })

  test('results per item, in item order, several joined with 「；」', async () => {
    const activityId = await meetWithResults()
    const { cell } = await exportFor(DEMO.chair, activityId)
    const column = (name: string) => [1, 2, 3].map((r) => cell(r, name)?.v)
    expect(column('项目')).toEqual(['跳绳', '跳绳、踢毽', '踢毽'])
    expect(column('成绩/名次')).toEqual(['跳绳：180个（第1名）', '跳绳：150个（第2名）；踢毽：第2名', undefined])
  })

  test('a team placing shows on the row of each member of the team', async () => {
    const { activityId, teamId } = await withCaptainTeam(cloud)
    await cloud.ok(DEMO.delegate, 'activities.joinTeam', { activityId, teamId })
    at('12:05')
    await cloud.ok(DEMO.chair, 'activities.recordResult', {
      activityId,
      itemId: '',
      entrantId: teamId,
      place: 1,
      score: '',
    })
    const { cell } = await exportFor(DEMO.chair, activityId)
    expect([1, 2].map((r) => [cell(r, '姓名')?.v, cell(r, '队伍')?.v, cell(r, '成绩/名次')?.v])).toEqual([
      ['胡军', '数学先锋', '团体：第1名'],
      ['郭婷', '数学先锋', '团体：第1名'],
    ])
  })

  test('columns are wide enough for their longest entry and the header row filters the whole list', async () => {
    const activityId = await meetWithResults()
    const { sheet, header, range } = await exportFor(DEMO.chair, activityId)
    const cols = sheet['!cols'] ?? []
    expect(cols).toHaveLength(header.length)
    header.forEach((name, c) => {
      const texts = Array.from({ length: range.e.r + 1 }, (_, r) => sheet[XLSX.utils.encode_cell({ r, c })])
        .filter((x): x is XLSX.CellObject => Boolean(x))
        .map((x) => String(x.w ?? x.v))
      const widest = Math.max(...texts.map(shown))
      const width = cols[c]?.wch ?? 0
      expect({ name, fits: width >= Math.min(widest, 50) }).toEqual({ name, fits: true })
      expect(width).toBeLessThanOrEqual(50)
    })
    const filter = XLSX.utils.decode_range(sheet['!autofilter']?.ref ?? 'A1')
    expect(filter.s).toEqual({ r: 0, c: 0 })
    expect(filter.e.c).toBe(header.length - 1)
  })

  test('the committee exports without phone numbers: no column, and no digits anywhere in the file', async () => {
    const activityId = await hikeWithResult()
    const { header, cells, buffer, cell } = await exportFor(DEMO.committee, activityId)
    expect(header).not.toContain('手机号')
    expect(header).toContain('成绩/名次')
    expect(cell(1, '成绩/名次')?.v).toBe('1小时20分（第1名）')
    expect(cell(1, '报名时间')?.w).toBe('2026-12-01 10:00')
    const phones = (await cloud.ports.store.find<MemberDoc>(C.members, { _id: { $in: ['m17', 'm09', 'm37'] } })).map(
      (m) => m.phone,
    )
    expect(phones).toHaveLength(3)
    const shownText = cells.map((c) => String(c.w ?? c.v)).join('\n')
    expect(shownText).not.toMatch(/1\d{10}/)
    // Every part of the .xlsx (a zip of XML files), not just the cells SheetJS reads back.
    const zip = XLSX.CFB.read(buffer, { type: 'buffer' })
    const everything = zip.FileIndex.map((f: { content?: Uint8Array | number[] }) =>
      Buffer.from(f.content ?? []).toString('utf8'),
    ).join('\n')
    for (const phone of phones) expect(everything).not.toContain(phone)
  })
})
