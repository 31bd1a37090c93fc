/**
 * `npm run deploy` against a fake of WeChat's and Tencent Cloud's HTTP APIs on 127.0.0.1 (fake-cloud.ts), with
 * miniprogram-ci and the builds stubbed: what a deployer would see in the console afterwards, and on screen.
 */
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { COLLECTIONS } from '@/server/collections'
import { INDEXES } from '@/server/indexes'
import type { SubscribeTemplateInfo } from '../../cloudfunctions/_runtime/sdk'
import { FUNCTIONS } from '../../scripts/functions'
import type { Builder } from '../../scripts/deploy/build'
import { CONFIG_FIELDS, loadConfig } from '../../scripts/deploy/config'
import { main } from '../../scripts/deploy/index'
import type { Log } from '../../scripts/deploy/log'
import type { MiniProgramCi } from '../../scripts/deploy/miniprogram-ci'
import { indexDefinition } from '../../scripts/deploy/plan'
import { STATE_FILE } from '../../scripts/deploy/state'
import { createHttpDeployApi } from '../../scripts/deploy/wechat-api'
import { FakeCloud } from './fake-cloud'

const APP_ID = 'wx0123456789abcdef'
const ENV_ID = 'jgzj-test-1a2b3c'
const APP_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'
const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3fake'
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3fakeKey'
const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDfakeUploadKeyBody'

const ACTIVITY_TEMPLATE: SubscribeTemplateInfo = {
  priTmplId: 'tmpl-activity-01',
  title: '活动提醒',
  content: '活动名称:{{thing1.DATA}}\n开始时间:{{time2.DATA}}\n活动地点:{{thing3.DATA}}\n温馨提示:{{thing4.DATA}}\n',
  example: '',
  type: 2,
}

const FIRST_UNION = {
  code: 'SYXX',
  name: '实验小学工会',
  chair: { name: '王建国', staffNo: '0001', gender: 'M', phone: '13800000000', birthday: '05-12' },
}

interface Workspace {
  root: string
  fake: FakeCloud
  ci: StubCi
  builds: string[]
  /** Runs `npm run deploy` with these arguments; resolves the exit code and everything printed. */
  deploy(...argv: string[]): Promise<{ code: number; output: string }>
  writeConfig(patch?: Record<string, unknown>): void
}

class StubCi implements MiniProgramCi {
  prepared = 0
  readonly miniprogramUploads: { version: string; description: string; robot: number }[] = []
  async prepare() {
    this.prepared++
  }
  async uploadMiniProgram(args: { version: string; description: string; robot: number }) {
    this.miniprogramUploads.push(args)
  }
}

/** Writes what the real builds would: a bundle, package.json and config.json per function; the weapp output. */
function stubBuilder(root: string, builds: string[]): Builder {
  return {
    async buildWeapp(envId) {
      builds.push(`weapp:${envId}`)
      fs.mkdirSync(path.join(root, 'dist', 'weapp'), { recursive: true })
      fs.writeFileSync(path.join(root, 'dist', 'weapp', 'app.js'), `wx.cloud.init({ env: '${envId}' })\n`)
    },
    async buildFunctions() {
      builds.push('functions')
      for (const fn of FUNCTIONS) {
        const dir = path.join(root, 'dist', 'cloudfunctions', fn.name)
        fs.mkdirSync(dir, { recursive: true })
        fs.writeFileSync(path.join(dir, 'index.js'), `exports.main = async () => '${fn.name}'\n`)
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: fn.name, main: 'index.js' }))
        const config = { permissions: { openapi: fn.openapi }, ...(fn.triggers ? { triggers: fn.triggers } : {}) }
        fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config))
      }
      return path.join(root, 'dist', 'cloudfunctions')
    },
  }
}

const workspaces: Workspace[] = []

async function workspace(templates: SubscribeTemplateInfo[] = [ACTIVITY_TEMPLATE]): Promise<Workspace> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-deploy-'))
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', version: '1.2.3' }))
  fs.writeFileSync(
    path.join(root, 'private.key'),
    `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\n`,
  )
  const fake = await new FakeCloud({
    appId: APP_ID,
    appSecret: APP_SECRET,
    envId: ENV_ID,
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    templates,
  }).start()
  const ci = new StubCi()
  const builds: string[] = []
  const ws: Workspace = {
    root,
    fake,
    ci,
    builds,
    writeConfig(patch = {}) {
      const config = {
        '//': '测试用',
        appId: APP_ID,
        envId: ENV_ID,
        appSecret: APP_SECRET,
        uploadKeyPath: './private.key',
        tencentCloud: { secretId: SECRET_ID, secretKey: SECRET_KEY },
        subscribeTemplates: {
          activity: {
            id: ACTIVITY_TEMPLATE.priTmplId,
            fields: { thing1: 'title', time2: 'startsAt', thing3: 'place', thing4: 'note' },
          },
        },
        firstUnion: FIRST_UNION,
        miniprogram: { version: '1.2.3', description: '第一次部署' },
        ...patch,
      }
      fs.writeFileSync(path.join(root, 'deploy.config.json'), JSON.stringify(config, null, 2))
    },
    async deploy(...argv) {
      let output = ''
      const code = await main(argv, {
        root,
        out: (t) => (output += t),
        err: (t) => (output += t),
        connect: (config, log: Log) => ({
          api: createHttpDeployApi({
            appId: config.appId,
            appSecret: config.appSecret,
            envId: config.envId,
            secretId: config.tencentCloud.secretId,
            secretKey: config.tencentCloud.secretKey,
            ...fake.urls,
            onSecret: (s) => log.secret(s),
          }),
          ci,
          builder: stubBuilder(root, builds),
          wait: { intervalMs: 1, limitMs: 5000 },
        }),
      })
      return { code, output }
    },
  }
  ws.writeConfig()
  workspaces.push(ws)
  return ws
}

afterEach(async () => {
  for (const ws of workspaces.splice(0)) {
    await ws.fake.stop()
    fs.rmSync(ws.root, { recursive: true, force: true })
  }
})

const secretsIn = (text: string, ws: Workspace): string[] =>
  [APP_SECRET, SECRET_ID, SECRET_KEY, KEY_BODY, ws.fake.accessToken].filter((s) => text.includes(s))

test('a full run creates every collection and index, deploys the functions and the trigger, opens the first union and uploads the mini program', async () => {
  const ws = await workspace()
  const { code, output } = await ws.deploy()
  expect(output).toContain('部署完成')
  expect(code).toBe(0)

  // Database: the registry's collections, INDEXES by name and uniqueness, all 仅管理端可读写; storage too.
  expect([...ws.fake.collections].sort()).toEqual([...COLLECTIONS].sort())
  for (const spec of INDEXES) {
    const index = indexDefinition(spec)
    expect(ws.fake.indexes.get(spec.collection)?.get(index.name)).toEqual({
      unique: spec.unique === true,
      keys: spec.fields,
    })
  }
  expect([...ws.fake.indexes.values()].reduce((n, m) => n + m.size, 0)).toBe(INDEXES.length)
  expect(Object.fromEntries(ws.fake.collectionAcl)).toEqual(
    Object.fromEntries(COLLECTIONS.map((c) => [c, 'ADMINONLY'])),
  )
  expect(ws.fake.storageAcl).toBe('ADMINONLY')

  // Functions: settings of scripts/functions.ts; the package carries config.json's permissions.
  for (const fn of FUNCTIONS) {
    const deployed = ws.fake.functions.get(fn.name)
    expect(deployed).toMatchObject({
      runtime: fn.runtime,
      timeoutSeconds: fn.timeoutSeconds,
      memoryMB: fn.memoryMB,
      installDependency: 'TRUE',
      openapi: fn.openapi,
      logsetId: 'logset-1',
      triggers: (fn.triggers ?? []).map((t) => ({ name: t.name, cron: t.config })),
    })
    expect(deployed?.files.get('index.js')?.toString()).toContain(fn.name)
  }
  expect(ws.fake.made('scf.CreateFunction', true).map((c) => c.body.FunctionName)).toEqual(FUNCTIONS.map((f) => f.name))
  const templatesEnv = JSON.parse(ws.fake.functions.get('api')!.env.SUBSCRIBE_TEMPLATES)
  expect(templatesEnv.activity.id).toBe(ACTIVITY_TEMPLATE.priTmplId)
  expect(JSON.parse(ws.fake.functions.get('cron')!.env.FIRST_UNION)).toEqual(FIRST_UNION)
  expect(ws.fake.functions.get('push')!.env).toEqual({})

  // Templates checked, the first union opened and its chair's invite code shown, the mini program uploaded.
  expect(ws.fake.made('getTemplateList', true)).toHaveLength(1)
  expect(ws.fake.unions.get('SYXX')).toBe('实验小学工会')
  expect(output).toContain('已开通 实验小学工会（学校代码 SYXX）：主席 王建国 的邀请码 K7PQ2MXR')
  expect(ws.builds).toEqual([`weapp:${ENV_ID}`, 'functions'])
  expect(ws.ci.miniprogramUploads).toEqual([{ version: '1.2.3', description: '第一次部署', robot: 1 }])
  expect(output).toContain('请在控制台看一眼')
  expect(fs.existsSync(path.join(ws.root, STATE_FILE))).toBe(false)

  // A second deploy finds everything in place and changes nothing it should not.
  const again = await ws.deploy()
  expect(again.code).toBe(0)
  expect(again.output).toContain(`已存在 ${COLLECTIONS.length}`)
  expect(again.output).toContain(`已存在 ${INDEXES.length}`)
  expect(again.output).toContain('学校代码 SYXX 已开通（实验小学工会），未做改动')
  expect(ws.fake.made('scf.CreateFunction', true)).toHaveLength(FUNCTIONS.length)
  expect(ws.fake.made('scf.UpdateFunctionCode', true)).toHaveLength(FUNCTIONS.length)
  expect(ws.fake.functions.get('cron')!.triggers).toHaveLength(1)
})

test('after a refusal half-way a re-run resumes where it stopped and repeats nothing that was finished', async () => {
  const ws = await workspace()
  // WeChat refuses the index of the 30th spec once; later Tencent Cloud refuses cron's settings once.
  const refusedIndex = indexDefinition(INDEXES[29])
  ws.fake.refuse(
    ({ api, body }) =>
      api === 'updateIndex' &&
      body.collection_name === INDEXES[29].collection &&
      JSON.stringify(body.create_indexes).includes(`"name":"${refusedIndex.name}"`),
  )
  ws.fake.refuse(({ api, body }) => api === 'scf.UpdateFunctionConfiguration' && body.FunctionName === 'cron')

  const first = await ws.deploy()
  expect(first.code).toBe(1)
  expect(first.output).toContain(`✘ 索引 ${INDEXES[29].collection}.${refusedIndex.name}`)
  expect(first.output).toContain('怎么办：微信服务暂时繁忙：稍后再运行一次')
  expect(first.output).toContain('已完成的')
  expect(fs.existsSync(path.join(ws.root, STATE_FILE))).toBe(true)
  expect(ws.fake.made('updateIndex', true)).toHaveLength(29)
  expect(ws.fake.functions.size).toBe(0)

  const callsBefore = ws.fake.calls.length
  const second = await ws.deploy()
  expect(second.code).toBe(1)
  expect(second.output).toContain('接着上次未完成的部署')
  expect(second.output).toContain('✘ cron 的设置')
  const secondCalls = ws.fake.calls.slice(callsBefore)
  // Nothing finished in the first run was asked for again: no template check, no collection, only the
  // indexes that were left.
  expect(secondCalls.filter((c) => c.api === 'getTemplateList')).toHaveLength(0)
  expect(secondCalls.filter((c) => c.api === 'databaseCollectionAdd')).toHaveLength(0)
  expect(secondCalls.filter((c) => c.api === 'updateIndex')).toHaveLength(INDEXES.length - 29)
  expect(ws.fake.made('scf.CreateFunction', true).map((c) => c.body.FunctionName)).toEqual(['api', 'cron'])

  const callsBeforeThird = ws.fake.calls.length
  const third = await ws.deploy()
  expect(third.code).toBe(0)
  const thirdCalls = ws.fake.calls.slice(callsBeforeThird)
  expect(thirdCalls.filter((c) => c.api === 'updateIndex' || c.api === 'tcb.ModifyDatabaseACL')).toHaveLength(0)
  expect(thirdCalls.filter((c) => c.api === 'scf.UpdateFunctionConfiguration').map((c) => c.body.FunctionName)).toEqual(
    ['cron', 'push'],
  )
  // api's and cron's code went up once; only push's was left.
  expect(
    thirdCalls.filter((c) => /^scf\.(CreateFunction|UpdateFunctionCode)$/.test(c.api)).map((c) => c.body.FunctionName),
  ).toEqual(['push'])
  expect([...ws.fake.functions.values()].map((f) => f.codeUploads)).toEqual([1, 1, 1])
  expect(ws.fake.functions.get('cron')).toMatchObject({ timeoutSeconds: 60, triggers: [{ name: 'tick' }] })
  expect(fs.existsSync(path.join(ws.root, STATE_FILE))).toBe(false)
})

test('a configured template missing from 我的模板 is reported in Chinese before anything is deployed', async () => {
  const ws = await workspace([])
  const { code, output } = await ws.deploy()
  expect(code).toBe(1)
  expect(output).toContain(`activity：模板 ID ${ACTIVITY_TEMPLATE.priTmplId} 不在小程序「订阅消息 → 我的模板」里`)
  expect(output).toContain('怎么办：在 deploy.config.json 的 subscribeTemplates 里改正')
  expect(ws.fake.made('databaseCollectionAdd')).toHaveLength(0)
  expect(ws.fake.functions.size).toBe(0)
})

test('the dry-run plan is derived from the collection registry, INDEXES and FUNCTIONS, without any network', async () => {
  const ws = await workspace()
  const { code, output } = await ws.deploy('--dry-run', '--json')
  expect(code).toBe(0)
  const plan = JSON.parse(output)
  expect(Object.keys(plan)).toEqual(['functions', 'collections', 'indexes', 'templates', 'miniprogram'])
  expect(plan.collections).toEqual(COLLECTIONS)
  expect(plan.indexes).toEqual(
    INDEXES.map((i) => ({ collection: i.collection, fields: i.fields, unique: i.unique === true })),
  )
  expect(plan.functions).toEqual(
    FUNCTIONS.map((f) => ({
      name: f.name,
      timeoutSeconds: f.timeoutSeconds,
      memoryMB: f.memoryMB,
      runtime: f.runtime,
      triggers: f.triggers ?? [],
    })),
  )
  expect(plan.templates).toEqual([
    {
      name: 'activity',
      id: ACTIVITY_TEMPLATE.priTmplId,
      keywords: { thing1: 'title', time2: 'startsAt', thing3: 'place', thing4: 'note' },
    },
  ])
  expect(plan.miniprogram).toMatchObject({ appId: APP_ID, envId: ENV_ID, version: '1.2.3', projectPath: 'dist/weapp' })

  const text = await ws.deploy('--dry-run')
  expect(text.code).toBe(0)
  expect(text.output).toContain('部署计划')
  expect(text.output).toContain(`创建索引（微信 updateIndex）：${INDEXES.length} 个`)
  expect(text.output).toContain('实验小学工会（学校代码 SYXX），主席 王建国')
  expect(ws.fake.calls).toEqual([])
  expect(ws.builds).toEqual([])
})

test('no secret appears in any output, even when an API echoes the access token', async () => {
  const ws = await workspace()
  ws.fake.refuse(({ api }) => api === 'databaseCollectionAdd')
  const outputs = [(await ws.deploy('--dry-run')).output, (await ws.deploy('--dry-run', '--json')).output]
  const failed = await ws.deploy()
  expect(failed.output).toContain('system error (token ******)')
  outputs.push(failed.output, fs.readFileSync(path.join(ws.root, STATE_FILE), 'utf8'))
  outputs.push((await ws.deploy()).output)
  // A wrong Tencent Cloud key: the refusal is explained, the key is not shown.
  ws.writeConfig({ tencentCloud: { secretId: SECRET_ID, secretKey: 'WrongKey0123456789abcdefWrongKey' } })
  const wrongKey = await ws.deploy('--fresh')
  expect(wrongKey.output).toContain('腾讯云 API 密钥不对')
  outputs.push(wrongKey.output)
  for (const text of outputs) expect(secretsIn(text, ws)).toEqual([])
  expect(outputs.join('\n')).not.toContain('WrongKey0123456789abcdefWrongKey')
})

test('a config with mistakes names each field in Chinese and touches nothing', async () => {
  const ws = await workspace()
  ws.writeConfig({
    appId: 'abc',
    tencentCloud: undefined,
    appSecret: 'not-a-secret-but-still-hidden-xyz',
    subscribeTemplates: { activity: { id: 'tmpl-activity-01', fields: { thing1: 'titel' } } },
    firstUnion: { ...FIRST_UNION, chair: { ...FIRST_UNION.chair, phone: '12' } },
    miniprogram: { version: 'v1' },
  })
  const { code, output } = await ws.deploy()
  expect(code).toBe(1)
  expect(output).toContain('deploy.config.json 有')
  expect(output).toMatch(/appId：应是小程序的 AppID/)
  expect(output).toMatch(/appSecret：应是小程序的 AppSecret/)
  expect(output).toMatch(/tencentCloud：没有填写/)
  expect(output).toMatch(/subscribeTemplates\.activity\.fields\.thing1：activity 模板没有字段 titel/)
  expect(output).toMatch(/firstUnion\.chair\.phone：/)
  expect(output).toMatch(/miniprogram\.version：应是版本号/)
  expect(output).not.toContain('not-a-secret-but-still-hidden-xyz')
  expect(ws.fake.calls).toEqual([])
  expect(ws.builds).toEqual([])
})

test('deploy.config.example.json explains every field, and with its placeholders filled in it is accepted as is', () => {
  const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'deploy.config.example.json'), 'utf8'))
  const fields = Object.keys(example).filter((k) => !k.startsWith('//'))
  expect(fields).toEqual([...CONFIG_FIELDS])
  for (const field of fields) {
    const explained = typeof example[`//${field}`] === 'string' || typeof example[field]?.['//'] === 'string'
    expect({ field, explained }).toEqual({ field, explained: true })
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-deploy-example-'))
  try {
    fs.writeFileSync(
      path.join(dir, 'private.wx0000000000000000.key'),
      `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\n`,
    )
    const filled = {
      ...example,
      appSecret: APP_SECRET,
      tencentCloud: { ...example.tencentCloud, secretId: SECRET_ID, secretKey: SECRET_KEY },
      subscribeTemplates: Object.fromEntries(
        Object.entries(example.subscribeTemplates as Record<string, { id: string }>).map(([name, t]) =>
          name.startsWith('//') ? [name, t] : [name, { ...t, id: `tmpl-${name}` }],
        ),
      ),
    }
    fs.writeFileSync(path.join(dir, 'deploy.config.json'), JSON.stringify(filled))
    const config = loadConfig(path.join(dir, 'deploy.config.json'), '1.0.0')
    expect(Object.keys(config.templates.templates).sort()).toEqual(['activity', 'birthday', 'notice', 'proposal'])
    expect(config.templates.problems).toEqual([])
    expect(config.firstUnion?.code).toBe('SYXX')
    // The notes never reach the functions' environment.
    expect(JSON.stringify(config.subscribeTemplates)).not.toContain('//')
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('a wrong AppSecret stops the deploy at the first WeChat call with what to do', async () => {
  const ws = await workspace()
  ws.writeConfig({ appSecret: 'ffffffffffffffffffffffffffffffff' })
  const { code, output } = await ws.deploy()
  expect(code).toBe(1)
  expect(output).toContain('✘ 订阅消息模板 失败：stable_token：40125 invalid appsecret')
  expect(output).toContain('怎么办：AppSecret 不对')
  expect(ws.fake.collections.size).toBe(0)
})
