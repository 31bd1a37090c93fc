import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const send = (memberId: string, n: number) =>
  cloud.ports.notifier.send({
    key: `test:${n}:${memberId}:x`,
    unionId: 'u-syxx',
    memberId,
    kind: 'activity',
    title: `消息${n}`,
    body: '正文',
  })

describe('the message center', () => {
  test('lists only my messages, newest first, 30 a page, with an unread count', async () => {
    for (let i = 0; i < 35; i++) {
      cloud.ports.clock.set(new Date(Date.UTC(2026, 11, 1, 2, i)))
      await send('m17', i)
    }
    await send('m09', 99)
    const first = await cloud.ok(DEMO.teacher, 'messages.list', {})
    expect(first.items).toHaveLength(30)
    expect(first.items[0]).toMatchObject({ title: '消息34', kindLabel: '活动', read: false })
    expect(first).toMatchObject({ nextOffset: 30, unread: 35 })
    const second = await cloud.ok(DEMO.teacher, 'messages.list', { offset: 30 })
    expect(second.items.map((m) => m.title)).toEqual(['消息4', '消息3', '消息2', '消息1', '消息0'])
    expect(second.nextOffset).toBeUndefined()
    expect((await cloud.ok(DEMO.teacher, 'messages.unreadCount', {})).unread).toBe(35)
  })

  test('marking read: mine only (another member’s message is not found), twice is harmless, all at once', async () => {
    await send('m17', 1)
    await send('m17', 2)
    await send('m09', 3)
    expect(await cloud.ok(DEMO.teacher, 'messages.markRead', { messageId: 'test:1:m17:x' })).toEqual({ unread: 1 })
    expect(await cloud.ok(DEMO.teacher, 'messages.markRead', { messageId: 'test:1:m17:x' })).toEqual({ unread: 1 })
    expect((await cloud.refused(DEMO.teacher, 'messages.markRead', { messageId: 'test:3:m09:x' })).code).toBe(
      'NOT_FOUND',
    )
    expect(await cloud.ok(DEMO.teacher, 'messages.markAllRead', {})).toEqual({ unread: 0 })
    expect((await cloud.ok(DEMO.delegate, 'messages.unreadCount', {})).unread).toBe(1)
  })

  test('subscribe consent adds one credit per template per tap, capped, keyed by member and template', async () => {
    expect(
      await cloud.ok(DEMO.teacher, 'messages.recordConsent', { templates: ['notice', 'birthday', 'notice'] }),
    ).toEqual({
      credits: { notice: 1, birthday: 1 },
    })
    await cloud.ok(DEMO.teacher, 'messages.recordConsent', { templates: ['notice'] })
    expect(await cloud.ports.store.findOne('subscriptionCredits', { _id: 'm17_notice' })).toMatchObject({
      count: 2,
      unionId: 'u-syxx',
    })
    await Promise.all(
      Array.from({ length: 30 }, () => cloud.ok(DEMO.teacher, 'messages.recordConsent', { templates: ['activity'] })),
    )
    expect((await cloud.ports.store.findOne('subscriptionCredits', { _id: 'm17_activity' }))?.count).toBe(20)
    // Template ids never come from the client: only names are accepted.
    expect(
      (await cloud.raw(DEMO.teacher, { action: 'messages.recordConsent', data: { templates: ['tmpl-abc123'] } })).ok,
    ).toBe(false)
  })
})
