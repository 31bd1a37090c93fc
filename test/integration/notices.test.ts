import { C } from '@/core/shared/collections'
import { draft } from '../support/fixtures/notices'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const toChinese = {
  title: '语文组教研活动通知',
  body: '本周三下午第三节课在三楼会议室集体备课。\n请带好教材。',
  audience: 'groups' as const,
  groupIds: ['g1'],
}
const messagesOf = (memberId: string, kind: string) => cloud.ports.store.find(C.messages, { memberId, kind })

describe('publishing', () => {
  test('the chair publishes to 语文组: each member gets one message, the notice shows 0/N read', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(toChinese))
    expect(n).toMatchObject({
      audienceLabel: '语文组',
      canManage: true,
      addressedToMe: false,
      stats: { read: 0, total: 8 },
    })
    expect(await messagesOf('m09', 'notice')).toHaveLength(1)
    expect(await messagesOf('m10', 'notice')).toHaveLength(0) // 何平, 数学组
    const list = await cloud.ok(DEMO.chair, 'notices.list', {})
    expect(list.items.find((i) => i.id === n.id)?.stats).toEqual({ read: 0, total: 8 })
  })

  test('only the audience sees it; opening marks it read once, and the author sees 1/N', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(toChinese))
    const guoList = await cloud.ok(DEMO.delegate, 'notices.list', {})
    expect(guoList.items.find((i) => i.id === n.id)).toMatchObject({ read: false, addressedToMe: true })
    const unreadBefore = guoList.unread ?? 0
    expect(unreadBefore).toBeGreaterThan(0)
    expect((await cloud.ok(DEMO.groupLeader, 'notices.list', {})).items.map((i) => i.id)).not.toContain(n.id)
    expect((await cloud.refused(DEMO.groupLeader, 'notices.open', { noticeId: n.id })).code).toBe('NOT_FOUND')

    await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    expect((await cloud.ok(DEMO.delegate, 'notices.list', {})).unread).toBe(unreadBefore - 1)
    const receipts = await cloud.ok(DEMO.chair, 'notices.receipts', { noticeId: n.id })
    expect(receipts.read.map((p) => p.name)).toEqual(['郭婷'])
    expect(receipts.unread).toHaveLength(7)
    expect(receipts.total).toBe(8)
    expect((await cloud.ok(DEMO.chair, 'notices.list', {})).items.find((i) => i.id === n.id)?.stats).toEqual({
      read: 1,
      total: 8,
    })
    // Her message about it is read too.
    expect((await messagesOf('m09', 'notice'))[0]).toMatchObject({ read: true })
  })

  test('concurrent opens write one receipt and count one read', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(toChinese))
    await Promise.all(Array.from({ length: 8 }, () => cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })))
    expect(await cloud.ports.store.count('noticeReads', { noticeId: n.id })).toBe(1)
    expect((await cloud.ok(DEMO.chair, 'notices.receipts', { noticeId: n.id })).read).toHaveLength(1)
    expect((await cloud.ok(DEMO.chair, 'notices.list', {})).items.find((i) => i.id === n.id)?.stats?.read).toBe(1)
  })

  test('flagged text is refused in Chinese and nothing is written; bad audiences are refused', async () => {
    const before = cloud.writes()
    const flagged = await cloud.refused(
      DEMO.chair,
      'notices.publish',
      draft({ ...toChinese, body: '周末组织赌博活动' }),
    )
    expect(flagged.code).toBe('CONTENT_REJECTED')
    expect(flagged.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(
      (await cloud.refused(DEMO.chair, 'notices.publish', draft({ ...toChinese, groupIds: [] }))).fields,
    ).toHaveProperty('groupIds')
    expect(
      (await cloud.refused(DEMO.chair, 'notices.publish', draft({ ...toChinese, groupIds: ['g-other'] }))).code,
    ).toBe('BAD_INPUT')
    expect(
      (await cloud.refused(DEMO.chair, 'notices.publish', draft({ ...toChinese, confirmOptions: ['参加'] }))).code,
    ).toBe('BAD_INPUT')
    expect(
      (
        await cloud.refused(
          DEMO.chair,
          'notices.publish',
          draft({
            ...toChinese,
            confirmOptions: ['参加', '不参加'],
            confirmBy: '2026-11-30',
          }),
        )
      ).fields,
    ).toHaveProperty('confirmBy')
    expect(cloud.writes()).toBe(before)
  })

  test('the 提案委员会 publishes 教代会 notices only; teachers cannot publish', async () => {
    expect((await cloud.refused(DEMO.committee, 'notices.publish', draft(toChinese))).code).toBe('FORBIDDEN')
    const n = await cloud.ok(
      DEMO.committee,
      'notices.publish',
      draft({
        category: 'congress',
        title: '教代会会前通知',
        body: '请代表准时参会',
        audience: 'delegates',
      }),
    )
    expect(n).toMatchObject({ categoryLabel: '教代会', stats: { total: 12 } })
    expect((await cloud.refused(DEMO.teacher, 'notices.publish', draft(toChinese))).code).toBe('FORBIDDEN')
    // A committee member manages 教代会 notices but not the chair's general ones.
    const general = await cloud.ok(DEMO.chair, 'notices.publish', draft(toChinese))
    expect((await cloud.refused(DEMO.committee, 'notices.receipts', { noticeId: general.id })).code).toBe('FORBIDDEN')
  })

  test('retired, 在职 and chosen audiences; people who left get nothing', async () => {
    await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm38', status: 'left' })
    const retired = await cloud.ok(
      DEMO.chair,
      'notices.publish',
      draft({
        title: '退休教师重阳节活动',
        body: '欢迎参加',
        audience: 'retired',
      }),
    )
    expect(retired.stats?.total).toBe(4)
    expect(await messagesOf('m38', 'notice')).toHaveLength(0)
    expect((await cloud.ok(DEMO.retired, 'notices.list', {})).items.map((i) => i.id)).toContain(retired.id)
    const chosen = await cloud.ok(
      DEMO.chair,
      'notices.publish',
      draft({
        title: '请来工会办公室',
        body: '领取慰问品',
        audience: 'members',
        memberIds: ['m09', 'm17', 'm38'],
      }),
    )
    expect(chosen.stats?.total).toBe(2)
    expect((await cloud.ok(DEMO.teacher, 'notices.list', {})).items.map((i) => i.id)).toContain(chosen.id)
  })
})

describe('replies and nudges', () => {
  test('参加/不参加: tally by option; changing one’s mind keeps the history; closed after the deadline', async () => {
    const n = await cloud.ok(
      DEMO.chair,
      'notices.publish',
      draft({
        ...toChinese,
        confirmOptions: ['参加', '不参加'],
        confirmBy: '2026-12-05',
      }),
    )
    await cloud.ok(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '参加' })
    await cloud.ok(DEMO.committee, 'notices.respond', { noticeId: n.id, option: '参加' })
    const changed = await cloud.ok(DEMO.committee, 'notices.respond', { noticeId: n.id, option: '不参加' })
    expect(changed.myResponse).toBe('不参加')
    expect((await cloud.refused(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '也许' })).code).toBe(
      'BAD_INPUT',
    )
    const r = await cloud.ok(DEMO.chair, 'notices.receipts', { noticeId: n.id })
    expect(r.tally).toEqual([
      { option: '参加', count: 1, names: ['郭婷'] },
      { option: '不参加', count: 1, names: ['张丽华'] },
    ])
    const receipt = await cloud.ports.store.findOne('noticeReads', { _id: `${n.id}_m03` })
    expect(receipt?.responses).toHaveLength(2)
    cloud.ports.clock.set(new Date('2026-12-05T16:00:00Z')) // 12-06 in Shanghai
    expect(
      (await cloud.refused(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '不参加' })).message,
    ).toContain('截止')
  })

  test('a nudge reaches only the unread who bound WeChat, once per Shanghai day; the unbound are counted apart', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(toChinese))
    await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    // 语文组: 8 people, 郭婷 has read; of the 7 unread, 彭丽 (m32) never bound WeChat.
    const before = await cloud.ok(DEMO.chair, 'notices.receipts', { noticeId: n.id })
    expect(before.unread).toHaveLength(7)
    expect(before.unread.filter((p) => !p.bound).map((p) => p.name)).toEqual(['彭丽'])
    expect(before).toMatchObject({ toNudge: 6, unreachable: 1, nudgedToday: 0 })
    expect(await cloud.ok(DEMO.chair, 'notices.nudge', { noticeId: n.id })).toEqual({
      sent: 6,
      alreadyToday: 0,
      unread: 7,
      unreachable: 1,
    })
    expect(await messagesOf('m09', 'notice-nudge')).toHaveLength(0)
    expect(await messagesOf('m32', 'notice-nudge')).toHaveLength(0)
    expect(await cloud.ok(DEMO.chair, 'notices.nudge', { noticeId: n.id })).toEqual({
      sent: 0,
      alreadyToday: 6,
      unread: 7,
      unreachable: 1,
    })
    expect(await cloud.ok(DEMO.chair, 'notices.receipts', { noticeId: n.id })).toMatchObject({
      nudgedToday: 6,
      toNudge: 0,
      unreachable: 1,
    })
    cloud.ports.clock.set(new Date('2026-12-01T16:00:00Z')) // next Shanghai day
    expect((await cloud.ok(DEMO.chair, 'notices.nudge', { noticeId: n.id })).sent).toBe(6)
  })

  test('pin and withdraw: a withdrawn notice leaves members’ lists but is kept with its reason', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(toChinese))
    expect((await cloud.ok(DEMO.chair, 'notices.setPinned', { noticeId: n.id, pinned: true })).pinned).toBe(true)
    expect((await cloud.ok(DEMO.delegate, 'notices.list', {})).items[0].id).toBe(n.id)
    const w = await cloud.ok(DEMO.chair, 'notices.withdraw', { noticeId: n.id, reason: '时间调整，另行通知' })
    expect(w.withdrawn?.reason).toBe('时间调整，另行通知')
    expect((await cloud.ok(DEMO.delegate, 'notices.list', {})).items.map((i) => i.id)).not.toContain(n.id)
    expect((await cloud.refused(DEMO.delegate, 'notices.open', { noticeId: n.id })).code).toBe('NOT_FOUND')
    expect((await cloud.refused(DEMO.chair, 'notices.withdraw', { noticeId: n.id, reason: '再撤一次' })).code).toBe(
      'CONFLICT',
    )
    expect(await cloud.ports.store.findOne('notices', { _id: n.id })).toMatchObject({ status: 'withdrawn' })
  })
})
