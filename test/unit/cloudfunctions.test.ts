import { execFileSync } from 'child_process'
import * as fs from 'fs'
import { builtinModules } from 'module'
import * as os from 'os'
import * as path from 'path'
import { buildFunctions } from '../../scripts/build-functions'
import { FUNCTIONS } from '../../scripts/functions'
import { JOBS, TICK_BUDGET_MS } from '@/server/jobs'
import { LEASE_MS } from '@/server/jobs/tick'
import type { OutgoingMessage } from '@/core/shared/ports'
import type { Identity, ServerPorts } from '@/server/ports'

const ROOT = path.resolve(__dirname, '../..')

describe('cloud function bundles', () => {
  let out: string
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudfunctions-'))
    await buildFunctions(out)
  }, 60_000)
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }))

  it('declares exactly api, cron and push, with the least privilege their code needs', () => {
    expect(FUNCTIONS.map((f) => [f.name, f.openapi])).toEqual([
      ['api', ['subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync', 'wxacode.getUnlimited']],
      ['cron', ['subscribeMessage.send', 'subscribeMessage.getTemplateList']],
      ['push', []],
    ])
  })

  it('writes index.js, package.json and config.json and nothing else per function', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['api', 'cron', 'push'])
    for (const fn of FUNCTIONS) {
      expect(fs.readdirSync(path.join(out, fn.name)).sort()).toEqual(['config.json', 'index.js', 'package.json'])
    }
  })

  it('depends only on wx-server-sdk 4.0.2, which stays external to the bundle', () => {
    for (const fn of FUNCTIONS) {
      const pkg = JSON.parse(fs.readFileSync(path.join(out, fn.name, 'package.json'), 'utf8')) as Record<
        string,
        unknown
      >
      expect(pkg).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } })
      expect(Object.keys(pkg)).not.toContain('devDependencies')
      const code = fs.readFileSync(path.join(out, fn.name, 'index.js'), 'utf8')
      expect(code).toContain('require("wx-server-sdk")')
      // The local store and the test tooling never reach a cloud function.
      expect(code).not.toMatch(/@seald-io\/nedb|from "react"|@tarojs/)
      const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1])
      const builtins = new Set(builtinModules)
      expect(required.filter((r) => r !== 'wx-server-sdk' && !builtins.has(r.replace(/^node:/, '')))).toEqual([])
    }
  })

  it('writes config.json permissions exactly as declared, and cron one timer trigger', () => {
    const api = JSON.parse(fs.readFileSync(path.join(out, 'api', 'config.json'), 'utf8')) as unknown
    expect(api).toEqual({
      permissions: {
        openapi: ['subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync', 'wxacode.getUnlimited'],
      },
    })
    const cron = JSON.parse(fs.readFileSync(path.join(out, 'cron', 'config.json'), 'utf8')) as unknown
    // WeChat takes one timer trigger per function; every job rides on it and decides itself when it is due.
    expect(cron).toEqual({
      permissions: { openapi: ['subscribeMessage.send', 'subscribeMessage.getTemplateList'] },
      triggers: [{ name: 'tick', type: 'timer', config: '0 */10 * * * * *' }],
    })
    for (const job of JOBS) expect(job.cron.split(' ')).toHaveLength(7)
  })

  it("a tick stops well inside cron's timeout, and a killed one's period is free before the next tick", () => {
    const cron = FUNCTIONS.find((f) => f.name === 'cron')!
    // Saving the run records and the requests in flight need the rest of the 60 s.
    expect(TICK_BUDGET_MS).toBeLessThanOrEqual(cron.timeoutSeconds * 1000 - 10_000)
    // No live invocation still holds a lease when it ends; the next tick (10 minutes on) finds it ended.
    expect(LEASE_MS).toBeGreaterThan(cron.timeoutSeconds * 1000)
    expect(LEASE_MS).toBeLessThan(10 * 60_000)
  })

  it('each index.js loads with the real wx-server-sdk and exports main', () => {
    for (const fn of FUNCTIONS) {
      // A child Node, as CloudBase would run it: plain require, wx-server-sdk resolved from node_modules.
      const printed = execFileSync(
        process.execPath,
        ['-e', `const m = require(${JSON.stringify(path.join(out, fn.name, 'index.js'))}); console.log(typeof m.main)`],
        {
          env: { ...process.env, SILENCE: 'true', NODE_PATH: path.join(ROOT, 'node_modules') },
          encoding: 'utf8',
          timeout: 30_000,
        },
      )
      expect(printed.trim()).toBe('function')
    }
  })

  it('cron refuses a call from the app and an unknown trigger, in the bundle itself', () => {
    const script = `
      const sdk = require('wx-server-sdk')
      sdk.getWXContext = () => ({ OPENID: process.env.FAKE_OPENID })
      const { main } = require(${JSON.stringify(path.join(out, 'cron', 'index.js'))})
      main({ Type: 'Timer', TriggerName: process.env.TRIGGER }).then((r) => console.log(JSON.stringify(r)))
    `
    const run = (openid: string, trigger: string): unknown =>
      JSON.parse(
        execFileSync(process.execPath, ['-e', script], {
          env: {
            ...process.env,
            SILENCE: 'true',
            NODE_PATH: path.join(ROOT, 'node_modules'),
            FAKE_OPENID: openid,
            TRIGGER: trigger,
          },
          encoding: 'utf8',
          timeout: 30_000,
        }),
      )
    expect(run('o-teacher', 'init')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(run('o-teacher', 'tick')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(run('', 'no-such-job')).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  })
})

// The entries themselves, with wx-server-sdk and dispatch mocked: identity must come from getWXContext only.
const wxContext: { OPENID?: string } = {}
const fakeDb = { command: {}, collection: jest.fn(), createCollection: jest.fn() }
jest.mock('wx-server-sdk', () => ({
  init: jest.fn(),
  DYNAMIC_CURRENT_ENV: Symbol('current env'),
  getWXContext: () => ({ ...wxContext }),
  database: () => fakeDb,
  openapi: {
    subscribeMessage: { send: jest.fn(), getTemplateList: jest.fn() },
    security: { msgSecCheck: jest.fn() },
    wxacode: { getUnlimited: jest.fn() },
  },
}))
const dispatched: Array<{ ports: ServerPorts; identity: Identity; body: unknown }> = []
jest.mock('@/server/dispatch', () => ({
  dispatch: async (ports: ServerPorts, identity: Identity, body: unknown) => {
    dispatched.push({ ports, identity, body })
    return { ok: true, data: null }
  },
}))

describe('api entry', () => {
  beforeEach(() => {
    dispatched.length = 0
  })

  it('initialises the current environment once and passes only getWXContext().OPENID to dispatch', async () => {
    const sdk = jest.requireMock<{ init: jest.Mock }>('wx-server-sdk')
    const { main } = await import('../../cloudfunctions/api/index')
    expect(sdk.init).toHaveBeenCalledTimes(1)
    expect(typeof sdk.init.mock.calls[0][0].env).toBe('symbol')

    wxContext.OPENID = 'o-real'
    const event = {
      action: 'members.me',
      data: {},
      openid: 'o-forged',
      OPENID: 'o-forged',
      userInfo: { openId: 'o-forged' },
    }
    expect(await main(event)).toEqual({ ok: true, data: null })
    expect(dispatched[0].identity).toEqual({ openid: 'o-real' })
    expect(dispatched[0].body).toBe(event)

    delete wxContext.OPENID
    await main({ action: 'members.me', openid: 'o-forged', OPENID: 'o-forged', userInfo: { openId: 'o-forged' } })
    expect(dispatched[1].identity).toEqual({ openid: undefined })

    wxContext.OPENID = ''
    await main({ openid: 'o-forged' })
    expect(dispatched[2].identity).toEqual({ openid: undefined })

    // The ports are built once per warm instance, not per call.
    expect(dispatched[1].ports).toBe(dispatched[0].ports)
    expect(Object.keys(dispatched[0].ports).sort()).toEqual([
      'clock',
      'contentCheck',
      'files',
      'ids',
      'notifier',
      'qrCodes',
      'signer',
      'store',
      'subscribeTemplates',
    ])
  })
})

describe('CloudBase runtime ports', () => {
  // Imported lazily so the wx-server-sdk mock above is in place; these helpers take the SDK as an argument.
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-ports-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  function fakeCloud(msgSecCheck: jest.Mock = jest.fn(), send: jest.Mock = jest.fn(async () => ({ errCode: 0 }))) {
    return {
      init: jest.fn(),
      DYNAMIC_CURRENT_ENV: 'env',
      getWXContext: () => ({}),
      database: () => {
        throw new Error('not used')
      },
      openapi: {
        subscribeMessage: { send, getTemplateList: jest.fn() },
        security: { msgSecCheck, mediaCheckAsync: jest.fn() },
        wxacode: { getUnlimited: jest.fn() },
      },
    }
  }
  const clock = { now: () => new Date('2025-03-08T00:30:00.000Z') }
  const message: OutgoingMessage = {
    key: 'birthday:u1:m1:2025-03-08',
    unionId: 'u1',
    memberId: 'm1',
    kind: 'birthday',
    title: '生日快乐',
    body: '祝您生日快乐',
    link: '/pages/me/index',
    template: 'birthday',
    templateData: {
      title: '实验小学工会祝您生日快乐',
      greeting: '祝您生日快乐',
      name: '王老师',
      union: '实验小学工会',
      date: '2025-03-08',
    },
  }
  const BIRTHDAY = '{"birthday": {"id": "TPL-1", "fields": {"thing1": "title", "date2": "date", "name3": "name"}}}'

  it('the notifier records once by key, spends one credit per push and sends the mapped, formatted values', async () => {
    const { createNedbStore } = await import('@/server/store/nedb-store')
    const { createWechatNotifier } = await import('../../cloudfunctions/_runtime/notifier')
    const { parseSubscribeTemplates } = await import('../../cloudfunctions/_runtime/subscribe-config')
    const store = createNedbStore(dir)
    await store.insert('members', { _id: 'm1', unionId: 'u1', openid: 'o-m1' })
    await store.insert('subscriptionCredits', { _id: 'm1_birthday', count: 1 })
    const send = jest.fn(async () => ({ errCode: 0 }))
    const cloud = fakeCloud(jest.fn(), send)
    const notifier = createWechatNotifier(cloud, store, clock, parseSubscribeTemplates(BIRTHDAY).templates)

    expect(await Promise.all([notifier.send(message), notifier.send(message)])).toEqual(
      expect.arrayContaining([true, false]),
    )
    expect(await store.find('messages', {})).toEqual([
      {
        _id: message.key,
        unionId: 'u1',
        memberId: 'm1',
        kind: 'birthday',
        title: '生日快乐',
        body: '祝您生日快乐',
        link: '/pages/me/index',
        read: false,
        createdAt: '2025-03-08T00:30:00.000Z',
        push: 'sent',
        pushedAt: '2025-03-08T00:30:00.000Z',
      },
    ])
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith({
      touser: 'o-m1',
      templateId: 'TPL-1',
      page: 'pages/me/index',
      data: {
        thing1: { value: '实验小学工会祝您生日快乐' },
        date2: { value: '2025年3月8日' },
        name3: { value: '王老师' },
      },
    })
    expect(await store.findOne('subscriptionCredits', { _id: 'm1_birthday' })).toMatchObject({ count: 0 })

    // No credit left: the message still reaches the inbox, no push is attempted, and the doc says why.
    expect(await notifier.send({ ...message, key: 'other' })).toBe(true)
    expect(send).toHaveBeenCalledTimes(1)
    expect(await store.findOne('messages', { _id: 'other' })).toMatchObject({ push: 'no-consent' })
    await store.close()
  })

  it('the notifier never pushes a template that is not configured, and keeps its credits', async () => {
    const { createNedbStore } = await import('@/server/store/nedb-store')
    const { createWechatNotifier } = await import('../../cloudfunctions/_runtime/notifier')
    const { parseSubscribeTemplates } = await import('../../cloudfunctions/_runtime/subscribe-config')
    const store = createNedbStore(dir)
    await store.insert('members', { _id: 'm1', unionId: 'u1', openid: 'o-m1' })
    await store.insert('subscriptionCredits', { _id: 'm1_birthday', count: 3 })
    const send = jest.fn()
    const notice = '{"notice": {"id": "TPL-2", "fields": {"thing1": "title"}}}'
    const notifier = createWechatNotifier(
      fakeCloud(jest.fn(), send),
      store,
      clock,
      parseSubscribeTemplates(notice).templates,
    )
    expect(await notifier.send(message)).toBe(true)
    expect(send).not.toHaveBeenCalled()
    expect(await store.findOne('subscriptionCredits', { _id: 'm1_birthday' })).toMatchObject({ count: 3 })
    expect(await store.findOne('messages', { _id: message.key })).toMatchObject({ push: 'not-configured' })
    // A message naming no template is in-app only: no push field at all.
    const { template: _t, templateData: _d, ...plain } = message
    expect(await notifier.send({ ...plain, key: 'plain' })).toBe(true)
    expect(await store.findOne('messages', { _id: 'plain' })).not.toHaveProperty('push')
    await store.close()
  })

  it('content check calls msgSecCheck v2 and explains a rejection in Chinese', async () => {
    const { createWechatContentCheck } = await import('../../cloudfunctions/_runtime/content-check')
    const msgSecCheck = jest.fn(async () => ({ errCode: 0, result: { suggest: 'pass', label: 100 } }))
    const check = createWechatContentCheck(fakeCloud(msgSecCheck))
    expect(await check.check('春游报名', 'o-1')).toBeNull()
    expect(msgSecCheck).toHaveBeenCalledWith({ openid: 'o-1', scene: 2, version: 2, content: '春游报名' })
    msgSecCheck.mockResolvedValueOnce({ errCode: 0, result: { suggest: 'risky', label: 20003 } })
    expect(await check.check('x', 'o-1')).toBe('内容可能含有辱骂信息，请修改后再提交')
    msgSecCheck.mockResolvedValueOnce({ errCode: 0, result: { suggest: 'review', label: 99999 } })
    expect(await check.check('x', 'o-1')).toMatch(/未通过安全检查/)
    msgSecCheck.mockRejectedValueOnce(new Error('network'))
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(await check.check('x', 'o-1')).toMatch(/暂时不可用/)
    warn.mockRestore()
  })

  it('ids sort by creation time, never repeat, and invite codes avoid 0/O/1/I', async () => {
    const { createIds, INVITE_ALPHABET } = await import('@/server/ids')
    let t = 1_700_000_000_000
    const ids = createIds(() => t)
    const made: string[] = []
    for (let i = 0; i < 2000; i += 1) {
      if (i % 100 === 0) t += 1
      made.push(ids.newId())
    }
    expect(new Set(made).size).toBe(made.length)
    expect([...made].sort()).toEqual(made)
    for (let i = 0; i < 200; i += 1) expect(ids.inviteCode()).toMatch(/^[2-9A-HJ-NP-Z]{8}$/)
    expect(INVITE_ALPHABET).not.toMatch(/[01OI]/)
  })
})
