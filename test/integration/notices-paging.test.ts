/**
 * 通知, fast on CloudBase (issue 12): opening a notice is one call of three round trips (the caller, then two),
 * with read counts that stay exact after double opens and killed opens; the list comes a page at a time,
 * every notice exactly once, and says where it ends; 首页's notices take two round trips after the caller.
 */
import { NC } from '@/core/notices/collections'
import { audienceKeys } from '@/core/notices/audience'
import { publishMessageKey, type NoticeDoc } from '@/core/notices/model'
import { homeNotices, UNREAD_WINDOW } from '@/core/notices/read'
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import type { Ctx } from '@/core/shared/context'
import type { Store } from '@/core/shared/ports'
import { atEveryKillPoint, atPoint } from '../support/fault-injection'
import { draft, noticeWithImage } from '../support/fixtures/notices'
import { allPages } from '../support/pages'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const toChinese = draft({
  title: '语文组教研活动通知',
  body: '本周三下午第三节课在三楼会议室集体备课。',
  audience: 'groups',
  groupIds: ['g1'],
})

/** The round trips of the call just made (emulator: the longest chain of requests, the caller's included). */
const lastTrips = () => cloud.emulator?.invocations.at(-1)?.sequential ?? 0

/** What the author and the chair see: the count on the notice, and the names on 已读. */
async function readFigures(noticeId: string): Promise<{ count: number | undefined; names: string[] }> {
  const [detail, receipts] = await Promise.all([
    cloud.ok(DEMO.chair, 'notices.open', { noticeId }),
    cloud.ok(DEMO.chair, 'notices.receipts', { noticeId }),
  ])
  return { count: detail.stats?.read, names: receipts.read.map((p) => p.name) }
}

describe('opening a notice', () => {
  test('a teacher opening a notice waits for three round trips, a notice with a picture too', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', toChinese)
    const seen = await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    expect(seen).toMatchObject({ title: toChinese.title, addressedToMe: true })
    if (cloud.emulator) expect(lastTrips()).toBeLessThanOrEqual(3)

    const { noticeId } = await noticeWithImage(cloud)
    const withPicture = await cloud.ok(DEMO.teacher, 'notices.open', { noticeId })
    expect(withPicture.images).toHaveLength(1)
    if (cloud.emulator) expect(lastTrips()).toBeLessThanOrEqual(3)
  })

  test('opening twice, and on two phones at once, counts one read; the message about it is read', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', toChinese)
    await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    await Promise.all([1, 2, 3].map(() => cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })))
    expect(await readFigures(n.id)).toEqual({ count: 1, names: ['郭婷'] })
    const message = await cloud.ports.store.findOne(C.messages, { _id: publishMessageKey(n.id, 'm09') })
    expect(message).toMatchObject({ read: true })
  })

  test('a manager who is also a recipient sees her own read counted at once', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft({ ...toChinese, audience: 'all', groupIds: [] }))
    const asAdmin = await cloud.ok(DEMO.admin, 'notices.open', { noticeId: n.id })
    expect(asAdmin.stats?.read).toBe(1)
    expect((await cloud.ok(DEMO.admin, 'notices.open', { noticeId: n.id })).stats?.read).toBe(1)
  })

  test('a reply on a notice never opened writes one receipt carrying it', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft({ ...toChinese, confirmOptions: ['参加', '不参加'] }))
    expect(await cloud.ok(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '参加' })).toMatchObject({
      myResponse: '参加',
    })
    expect(await cloud.ok(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '不参加' })).toMatchObject({
      myResponse: '不参加',
    })
    const receipt = await cloud.ports.store.findOne(NC.reads, { _id: `${n.id}_m09` })
    expect(receipt).toMatchObject({ response: '不参加', responses: [{ response: '参加' }, { response: '不参加' }] })
    expect((await readFigures(n.id)).count).toBe(1)
  })
})

onEmulator('an open killed at every request', () => {
  test('the read count always equals the receipts; opening again counts one read, once', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', toChinese)
    const body = { action: 'notices.open', data: { noticeId: n.id } }
    const points = await atEveryKillPoint(
      cloud,
      (kill) => (kill ? cloud.callKilledAt(DEMO.delegate, body, kill) : cloud.raw(DEMO.delegate, body)),
      (point) =>
        atPoint(point, async () => {
          // Whatever the kill left, the number the author reads agrees with the names she reads.
          const left = await readFigures(n.id)
          expect(left.count).toBe(left.names.length)
          expect(left.count).toBeLessThanOrEqual(1)
          // 郭婷 opens it again (she saw nothing, or her phone lost the reply).
          await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
          expect(await readFigures(n.id)).toEqual({ count: 1, names: ['郭婷'] })
          const message = await cloud.ports.store.findOne(C.messages, { _id: publishMessageKey(n.id, 'm09') })
          expect(message).toMatchObject({ read: true })
        }),
    )
    expect(points.length).toBeGreaterThanOrEqual(4)
  }, 120_000)
})

/** A published notice straight into the store (the list's paging is what is tested, not publishing). */
function storedNotice(i: number, publishedAt: string, extra: Partial<NoticeDoc> = {}): NoticeDoc {
  const audience = { kind: 'all' as const, groupIds: [], memberIds: [] }
  return {
    _id: `n-page-${String(i).padStart(3, '0')}`,
    unionId: 'u-syxx',
    category: 'general',
    title: `第${i}号通知`,
    body: '请全体教职工知悉。',
    audience,
    audienceLabel: '全体会员',
    audienceKeys: audienceKeys(audience, 'm01'),
    pinned: false,
    confirmOptions: [],
    status: 'published',
    authorId: 'm01',
    authorName: '王建国',
    recipientCount: 40,
    delivered: true,
    publishedAt,
    updatedAt: publishedAt,
    history: [],
    ...extra,
  }
}

/** 45 notices: three pinned, two withdrawn, and runs published in the same millisecond (ties to page across). */
async function storeManyNotices(): Promise<NoticeDoc[]> {
  const docs: NoticeDoc[] = []
  for (let i = 0; i < 45; i++) {
    // Every third one shares its instant with the next two.
    const at = new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 3) * 3_600_000).toISOString()
    const extra: Partial<NoticeDoc> = {}
    if (i % 15 === 4) extra.pinned = true
    if (i === 7 || i === 30) extra.status = 'withdrawn'
    docs.push(storedNotice(i, at, extra))
  }
  for (const d of docs) await cloud.ports.store.insert(NC.notices, d)
  return docs
}

const ordered = (docs: NoticeDoc[]) =>
  [...docs]
    .sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) || b.publishedAt.localeCompare(a.publishedAt) || a._id.localeCompare(b._id),
    )
    .map((d) => d._id)

describe('the notice list, a page at a time', () => {
  test('walking the pages shows every notice once, pinned first then newest, and the last page says so', async () => {
    const docs = await storeManyNotices()
    const mine = (await allPages((cursor) => cloud.ok(DEMO.teacher, 'notices.list', { limit: 7, cursor }))).items
    const forTeacher = docs.filter((d) => d.status === 'published')
    const seeded = mine.filter((i) => !i.id.startsWith('n-page-'))
    expect(mine.filter((i) => i.id.startsWith('n-page-')).map((i) => i.id)).toEqual(ordered(forTeacher))
    expect(new Set(mine.map((i) => i.id)).size).toBe(mine.length)
    expect(seeded.length).toBeGreaterThan(0)

    // The chair also sees the withdrawn ones, in the same order, one page at a time.
    const { items, pages } = await allPages((cursor) => cloud.ok(DEMO.chair, 'notices.list', { limit: 10, cursor }))
    expect(items.filter((i) => i.id.startsWith('n-page-')).map((i) => i.id)).toEqual(ordered(docs))
    expect(pages).toBe(Math.ceil(items.length / 10))
    if (cloud.emulator) expect(lastTrips()).toBeLessThanOrEqual(3)
  })

  test('a page is bounded, a cursor it did not hand out is refused, the first page counts what is unread', async () => {
    await storeManyNotices()
    expect((await cloud.refused(DEMO.teacher, 'notices.list', { limit: 500 })).code).toBe('BAD_INPUT')
    expect((await cloud.refused(DEMO.teacher, 'notices.list', { cursor: 'x~2026~n1' })).code).toBe('BAD_INPUT')
    const first = await cloud.ok(DEMO.teacher, 'notices.list', {})
    expect(first.items).toHaveLength(20)
    expect(first.more).toBe(true)
    // More than the window is unread: the count covers the newest UNREAD_WINDOW.
    expect(first.unread).toBe(UNREAD_WINDOW)
    const newest = first.items.find((i) => !i.pinned && i.addressedToMe)
    await cloud.ok(DEMO.teacher, 'notices.open', { noticeId: newest?.id ?? '' })
    expect((await cloud.ok(DEMO.teacher, 'notices.list', {})).unread).toBe(UNREAD_WINDOW - 1)
    const second = await cloud.ok(DEMO.teacher, 'notices.list', { cursor: first.next })
    expect(second.unread).toBeUndefined()
    if (cloud.emulator) expect(lastTrips()).toBeLessThanOrEqual(3)
  })
})

/**
 * A store that measures round trips as the emulator does: a request's depth is one more than the deepest
 * request that had finished when it started.
 */
function tripCounting(store: Store): { store: Store; trips: () => number } {
  let finishedDepth = 0
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver)
      if (typeof value !== 'function') return value
      return async (...args: unknown[]) => {
        const depth = finishedDepth + 1
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)
        } finally {
          finishedDepth = Math.max(finishedDepth, depth)
        }
      }
    },
  })
  return { store: wrapped, trips: () => finishedDepth }
}

describe('首页 notices', () => {
  test('the first few rows, my unread notices and messages, in two round trips after the caller', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft({ ...toChinese, pinned: true }))
    const member = (await cloud.ports.store.findOne<MemberDoc>(C.members, { _id: 'm09' })) as MemberDoc
    const measured = tripCounting(cloud.ports.store)
    const ctx: Ctx = { ...cloud.ports, store: measured.store, openid: DEMO.delegate, member }
    const home = await homeNotices(ctx)
    expect(measured.trips()).toBeLessThanOrEqual(2)

    const list = await cloud.ok(DEMO.delegate, 'notices.list', {})
    expect(home.items.map((i) => i.id)).toEqual(list.items.slice(0, 3).map((i) => i.id))
    expect(home.items[0]).toMatchObject({ id: n.id, pinned: true, read: false })
    expect(home.unread).toBe(list.unread)
    expect(home.unreadMessages).toBe((await cloud.ok(DEMO.delegate, 'messages.unreadCount', {})).unread)
    if (cloud.emulator) expect(lastTrips()).toBe(2)

    await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    const after = await homeNotices({ ...ctx, store: cloud.ports.store })
    expect(after.items[0].read).toBe(true)
    expect(after.unread).toBe(home.unread - 1)
    expect(after.unreadMessages).toBe(home.unreadMessages - 1)
  })
})
