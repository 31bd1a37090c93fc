import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import type { StoredMessageDoc, SubscriptionCreditDoc } from '@/core/messages/model'
import type { OutgoingMessage, Store } from '@/core/shared/ports'
import { createNedbStore } from '@/server/store/nedb-store'
import { createWechatNotifier } from '../../../cloudfunctions/_runtime/notifier'
import type { SubscribeMessageParams } from '../../../cloudfunctions/_runtime/sdk'
import { parseSubscribeTemplates } from '../../../cloudfunctions/_runtime/subscribe-config'

const clock = { now: () => new Date('2026-12-01T02:00:00.000Z') }
const CONFIG = parseSubscribeTemplates(
  '{"activity": {"id": "TPL-A", "fields": {"thing1": "title", "time2": "startsAt", "thing3": "place"}}}',
).templates

const message = (key = 'activity:a1:m1:signup'): OutgoingMessage => ({
  key,
  unionId: 'u1',
  memberId: 'm1',
  kind: 'activity',
  title: '报名成功',
  body: '您已报名教工羽毛球赛',
  link: '/pages/activity/index?id=a1',
  template: 'activity',
  templateData: {
    title: '教工羽毛球赛',
    startsAt: '2026-12-03T07:30:00Z',
    endsAt: '2026-12-03T09:30:00Z',
    place: '体育馆',
    note: '报名成功',
  },
})

let dir: string
let store: ReturnType<typeof createNedbStore>
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subscribe-notifier-'))
  store = createNedbStore(dir)
  await store.insert('members', { _id: 'm1', unionId: 'u1', openid: 'o-m1' })
  await store.insert('subscriptionCredits', { _id: 'm1_activity', unionId: 'u1', memberId: 'm1', count: 1 })
})
afterEach(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** WeChat as cloud.openapi: `reply` decides each send's fate; every call is kept. */
function wechat(reply: (params: SubscribeMessageParams) => Promise<unknown>) {
  const calls: SubscribeMessageParams[] = []
  const send = (params: SubscribeMessageParams) => {
    calls.push(params)
    return reply(params)
  }
  return { calls, cloud: { openapi: { subscribeMessage: { send } } } }
}

/** A refusal as wx-server-sdk throws it (CloudSDKError: errCode + errMsg). */
const refusal = (errCode: number) =>
  Object.assign(new Error(`errCode: ${errCode} | errMsg: refused`), { errCode, errMsg: 'refused' })

const credits = async () =>
  (await store.findOne<SubscriptionCreditDoc>('subscriptionCredits', { _id: 'm1_activity' }))?.count
const stored = async (key = message().key) => store.findOne<StoredMessageDoc>('messages', { _id: key })

test('a push WeChat accepts spends the credit and is recorded as sent', async () => {
  const wx = wechat(async () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }))
  expect(await createWechatNotifier(wx.cloud, store, clock, CONFIG).send(message())).toBe(true)
  expect(wx.calls).toEqual([
    {
      touser: 'o-m1',
      templateId: 'TPL-A',
      page: 'pages/activity/index?id=a1',
      data: { thing1: { value: '教工羽毛球赛' }, time2: { value: '2026年12月3日 15:30' }, thing3: { value: '体育馆' } },
    },
  ])
  expect(await credits()).toBe(0)
  expect(await stored()).toMatchObject({ push: 'sent', pushedAt: '2026-12-01T02:00:00.000Z' })
})

test.each([
  [47003, 'failed:47003'],
  [41030, 'failed:41030'],
  [-501001, 'failed:-501001'],
])('a send WeChat refuses with %i gives the credit back, records it and logs the errCode', async (code, outcome) => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const wx = wechat(async () => Promise.reject(refusal(code)))
  await createWechatNotifier(wx.cloud, store, clock, CONFIG).send(message())
  expect(wx.calls).toHaveLength(1)
  expect(await credits()).toBe(1)
  expect(await stored()).toMatchObject({ push: outcome })
  expect(warn).toHaveBeenCalledWith(expect.stringContaining(`errCode ${code}`))
  warn.mockRestore()
})

test('a failure without an errCode, or a non-zero errCode in a resolved reply, also keeps the credit', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const thrown = wechat(async () => Promise.reject(new Error('socket hang up')))
  await createWechatNotifier(thrown.cloud, store, clock, CONFIG).send(message('k1'))
  expect(await stored('k1')).toMatchObject({ push: 'failed:unknown' })
  expect(await credits()).toBe(1)
  const resolved = wechat(async () => ({ errCode: 47003, errMsg: 'argument invalid!' }))
  await createWechatNotifier(resolved.cloud, store, clock, CONFIG).send(message('k2'))
  expect(await stored('k2')).toMatchObject({ push: 'failed:47003' })
  expect(await credits()).toBe(1)
  warn.mockRestore()
})

test('43101 (no consent in WeChat) spends the credit: it was not real', async () => {
  const wx = wechat(async () => Promise.reject(refusal(43101)))
  await createWechatNotifier(wx.cloud, store, clock, CONFIG).send(message())
  expect(await credits()).toBe(0)
  expect(await stored()).toMatchObject({ push: 'no-consent' })
})

test('the credit given back stays under the cap, whatever consents came in meanwhile', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  const wx = wechat(async () => {
    // The member tapped "allow" many times while WeChat was answering.
    await store.updateOne('subscriptionCredits', { _id: 'm1_activity' }, { $set: { count: 20 } })
    throw refusal(47003)
  })
  await createWechatNotifier(wx.cloud, store, clock, CONFIG).send(message())
  expect(await credits()).toBe(20)
  warn.mockRestore()
})

test('no openid, no credit or a value that cannot be shown: no send, no credit spent, the reason recorded', async () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const wx = wechat(async () => ({ errCode: 0 }))
  const notifier = createWechatNotifier(wx.cloud, store, clock, CONFIG)
  const bad = message('bad')
  if (bad.template === 'activity') bad.templateData.startsAt = 'soon'
  await notifier.send(bad)
  expect(await stored('bad')).toMatchObject({ push: 'failed:format' })
  expect(await credits()).toBe(1)

  await store.updateOne('members', { _id: 'm1' }, { $unset: { openid: true } })
  await notifier.send(message('unbound'))
  expect(await stored('unbound')).toMatchObject({ push: 'not-bound' })
  expect(await credits()).toBe(1)

  await store.updateOne('members', { _id: 'm1' }, { $set: { openid: 'o-m1' } })
  await store.updateOne('subscriptionCredits', { _id: 'm1_activity' }, { $set: { count: 0 } })
  await notifier.send(message('none-left'))
  expect(await stored('none-left')).toMatchObject({ push: 'no-consent' })
  expect(await credits()).toBe(0)
  expect(wx.calls).toHaveLength(0)
  error.mockRestore()
})

test('concurrent sends of one key, and of many keys against one credit, push once', async () => {
  const wx = wechat(async () => ({ errCode: 0 }))
  const notifier = createWechatNotifier(wx.cloud, store, clock, CONFIG)
  const same = await Promise.all(Array.from({ length: 10 }, () => notifier.send(message())))
  expect(same.filter(Boolean)).toHaveLength(1)
  expect(wx.calls).toHaveLength(1)
  await store.updateOne('subscriptionCredits', { _id: 'm1_activity' }, { $set: { count: 3 } })
  await Promise.all(Array.from({ length: 10 }, (_, i) => notifier.send(message(`many-${i}`))))
  expect(wx.calls).toHaveLength(4)
  expect(await credits()).toBe(0)
})

/**
 * A function killed by its timeout: from the n-th database request on, nothing answers (the await never
 * returns), as on CloudBase, where the instance is gone.
 */
function killedAfter(inner: Store, n: number): Store {
  let requests = 0
  const gate = <T>(run: () => Promise<T>): Promise<T> => (++requests >= n ? new Promise<T>(() => undefined) : run())
  return {
    insert: (c, d) => gate(() => inner.insert(c, d)),
    findOne: (c, f) => gate(() => inner.findOne(c, f)),
    find: (c, f, o) => gate(() => inner.find(c, f, o)),
    count: (c, f) => gate(() => inner.count(c, f)),
    updateOne: (c, f, u) => gate(() => inner.updateOne(c, f, u)),
    updateMany: (c, f, u) => gate(() => inner.updateMany(c, f, u)),
    ensureCollections: (names) => gate(() => inner.ensureCollections(names)),
    ensureIndexes: (i) => gate(() => inner.ensureIndexes(i)),
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

test.each([
  ['accepts', async () => ({ errCode: 0 })],
  ['refuses', async () => Promise.reject(refusal(47003))],
])(
  'killed at any request (or inside the WeChat call) while WeChat %s, a rerun never sends twice',
  async (_label, reply) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    // 1 insert, 2 member, 3 spend, (send), 4 give back or record, 5 record; 6 = never killed. The member
    // allowed twice, so a credit would never be what stops a second send.
    for (let n = 1; n <= 6; n++) {
      await store.updateOne('subscriptionCredits', { _id: 'm1_activity' }, { $set: { count: 2 } })
      const key = `kill-${n}`
      const wx = wechat(reply)
      void createWechatNotifier(wx.cloud, killedAfter(store, n), clock, CONFIG).send(message(key))
      await settle()
      // The job runs again (the next timer, or the chair retrying): same key, a healthy instance.
      expect(await createWechatNotifier(wx.cloud, store, clock, CONFIG).send(message(key))).toBe(n === 1)
      await settle()
      expect(wx.calls.length).toBeLessThanOrEqual(1)
      expect(await store.count('messages', { _id: key })).toBe(1)
      const left = await credits()
      // Sent once: one credit is spent. Never sent: kept, or one lost to the kill (never more than granted).
      expect(left === 1 || left === 2).toBe(true)
      if (wx.calls.length === 1 && _label === 'accepts') expect(left).toBe(1)
    }
    // Killed inside the WeChat call itself (the request went out, the reply never came back): no second send.
    await store.updateOne('subscriptionCredits', { _id: 'm1_activity' }, { $set: { count: 2 } })
    const hung = wechat(() => new Promise(() => undefined))
    void createWechatNotifier(hung.cloud, store, clock, CONFIG).send(message('hung'))
    await settle()
    expect(await createWechatNotifier(hung.cloud, store, clock, CONFIG).send(message('hung'))).toBe(false)
    expect(hung.calls).toHaveLength(1)
    expect(await stored('hung')).toMatchObject({ push: 'pending' })
    warn.mockRestore()
  },
)
