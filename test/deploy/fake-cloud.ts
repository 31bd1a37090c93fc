/**
 * A fake of the HTTP APIs `npm run deploy` calls, on 127.0.0.1: WeChat's server API under /wechat (stable_token,
 * tcb/databasecollectionadd, tcb/updateindex, wxaapi/newtmpl/gettemplate, tcb/invokecloudfunction) and Tencent
 * Cloud API 3.0 under /tcb and /scf (TC3-signed POSTs with X-TC-Action). It keeps what a real environment
 * would: collections, indexes, permissions, functions with their settings, code and triggers. Request and
 * reply shapes follow the documents cited in scripts/deploy/wechat-api.ts; where a document does not say
 * (the text of "already exists"), the fake answers as the emulator's database does (emulator/cloudbase).
 */
import * as http from 'http'
import type { AddressInfo } from 'net'
import { unzipSync } from 'fflate'
import type { SubscribeTemplateInfo } from '../../cloudfunctions/_runtime/sdk'
import { tc3Authorization } from '../../scripts/deploy/tc3'

export interface FakeCall {
  /** databaseCollectionAdd, updateIndex, getTemplateList, invokeCloudFunction, stable_token, tcb.X, scf.X */
  api: string
  body: Record<string, unknown>
  ok: boolean
}

export interface FakeFunction {
  name: string
  runtime: string
  timeoutSeconds: number
  memoryMB: number
  env: Record<string, string>
  status: string
  installDependency: string
  /** Files of the last code package (CreateFunction's or UpdateFunctionCode's zip). */
  files: Map<string, Buffer>
  /** permissions.openapi of the package's config.json. */
  openapi: string[] | null
  /** How many code packages it received. */
  codeUploads: number
  triggers: { name: string; cron: string }[]
  logsetId: string | null
}

export interface FakeCloudOptions {
  appId: string
  appSecret: string
  envId: string
  secretId: string
  secretKey: string
  region?: string
  bucket?: string
  templates: SubscribeTemplateInfo[]
}

interface Refusal {
  match: (call: { api: string; body: Record<string, unknown> }) => boolean
  times: number
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}

/** config.json's permissions.openapi in a code package (null without one). */
function openapiOf(files: Map<string, Buffer>): string[] | null {
  const config = files.get('config.json')
  if (!config) return null
  const parsed: unknown = JSON.parse(config.toString('utf8'))
  const openapi = isRecord(parsed) && isRecord(parsed.permissions) ? parsed.permissions.openapi : undefined
  return Array.isArray(openapi) ? openapi.map(String) : []
}

/** The files of a zip, as the real service unpacks a code package. */
export function unzip(data: Buffer): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(new Uint8Array(data))).map(([name, bytes]) => [name, Buffer.from(bytes)]))
}

export class FakeCloud {
  readonly calls: FakeCall[] = []
  readonly collections = new Set<string>()
  /** collection → index name → definition as received. */
  readonly indexes = new Map<string, Map<string, { unique: boolean; keys: string[] }>>()
  readonly collectionAcl = new Map<string, string>()
  storageAcl: string | null = null
  readonly functions = new Map<string, FakeFunction>()
  readonly unions = new Map<string, string>()
  private readonly refusals: Refusal[] = []
  private readonly token = `tok-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`
  private server: http.Server | null = null
  private base = ''

  constructor(readonly options: FakeCloudOptions) {}

  get accessToken(): string {
    return this.token
  }

  get urls(): { wechatBase: string; tcbBase: string; scfBase: string } {
    return { wechatBase: `${this.base}/wechat`, tcbBase: `${this.base}/tcb`, scfBase: `${this.base}/scf` }
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const reply = this.handle(req, Buffer.concat(chunks).toString('utf8'))
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(reply))
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  /** The next `times` calls matching are refused (a WeChat -1 or a Tencent Cloud InternalError). */
  refuse(match: Refusal['match'], times = 1): void {
    this.refusals.push({ match, times })
  }

  /** Calls of one API, optionally only those that succeeded. */
  made(api: string, okOnly = false): FakeCall[] {
    return this.calls.filter((c) => c.api === api && (!okOnly || c.ok))
  }

  private record(api: string, body: Record<string, unknown>, ok: boolean): void {
    this.calls.push({ api, body, ok })
  }

  private refused(api: string, body: Record<string, unknown>): boolean {
    const refusal = this.refusals.find((r) => r.times > 0 && r.match({ api, body }))
    if (!refusal) return false
    refusal.times--
    return true
  }

  private handle(req: http.IncomingMessage, text: string): unknown {
    const url = new URL(req.url ?? '/', this.base)
    let body: Record<string, unknown> = {}
    try {
      const parsed: unknown = text ? JSON.parse(text) : {}
      if (isRecord(parsed)) body = parsed
    } catch {
      return { errcode: 47001, errmsg: 'data format error' }
    }
    if (url.pathname.startsWith('/wechat/')) return this.wechat(url, body)
    const service = url.pathname.startsWith('/tcb') ? 'tcb' : url.pathname.startsWith('/scf') ? 'scf' : null
    if (!service) return { errcode: 40066, errmsg: 'invalid url' }
    return { Response: { RequestId: 'fake', ...this.tencent(service, req, url, text, body) } }
  }

  // ───────── WeChat ─────────

  private wechat(url: URL, body: Record<string, unknown>): unknown {
    const path = url.pathname.slice('/wechat'.length)
    if (path === '/cgi-bin/stable_token') {
      const ok = body.appid === this.options.appId && body.secret === this.options.appSecret
      this.record('stable_token', {}, ok)
      if (body.appid !== this.options.appId) return { errcode: 40013, errmsg: 'invalid appid' }
      if (!ok) return { errcode: 40125, errmsg: 'invalid appsecret' }
      return { access_token: this.token, expires_in: 7200 }
    }
    const api =
      {
        '/tcb/databasecollectionadd': 'databaseCollectionAdd',
        '/tcb/updateindex': 'updateIndex',
        '/wxaapi/newtmpl/gettemplate': 'getTemplateList',
        '/tcb/invokecloudfunction': 'invokeCloudFunction',
      }[path] ?? null
    if (!api) return { errcode: 40066, errmsg: 'invalid url' }
    const fail = (errcode: number, errmsg: string) => {
      this.record(api, body, false)
      return { errcode, errmsg }
    }
    if (url.searchParams.get('access_token') !== this.token) return fail(40001, 'invalid credential')
    if (this.refused(api, body)) {
      // Echoes the token, as a careless proxy might: the deploy's output must still not show it.
      return fail(-1, `system error (token ${this.token})`)
    }
    const env = api === 'invokeCloudFunction' ? url.searchParams.get('env') : body.env
    if (api !== 'getTemplateList' && env !== this.options.envId) return fail(-501000, `env ${String(env)} not exists`)

    if (api === 'databaseCollectionAdd') {
      const name = String(body.collection_name ?? '')
      if (this.collections.has(name)) {
        return fail(-501001, `[ResourceInUse] Table exist. collection ${name} already exists`)
      }
      this.collections.add(name)
    } else if (api === 'updateIndex') {
      const name = String(body.collection_name ?? '')
      if (!this.collections.has(name)) return fail(-502005, `[ResourceNotFound] Db or Table not exist: ${name}`)
      const byName = this.indexes.get(name) ?? new Map<string, { unique: boolean; keys: string[] }>()
      for (const index of Array.isArray(body.create_indexes) ? body.create_indexes.filter(isRecord) : []) {
        const indexName = String(index.name)
        if (byName.has(indexName)) return fail(-501001, `Index with name: ${indexName} already exists`)
        const keys = Array.isArray(index.keys) ? index.keys.filter(isRecord) : []
        if (keys.some((k) => k.direction !== '1')) return fail(40097, 'invalid args')
        byName.set(indexName, { unique: index.unique === true, keys: keys.map((k) => String(k.name)) })
      }
      this.indexes.set(name, byName)
    } else if (api === 'getTemplateList') {
      this.record(api, body, true)
      return { errcode: 0, errmsg: 'ok', data: this.options.templates }
    } else if (api === 'invokeCloudFunction') {
      const fn = this.functions.get(url.searchParams.get('name') ?? '')
      if (!fn) return fail(-504002, 'FunctionName parameter could not be found')
      this.record(api, body, true)
      return { errcode: 0, errmsg: 'ok', resp_data: JSON.stringify(this.runInit(fn, body)) }
    }
    this.record(api, body, true)
    return { errcode: 0, errmsg: 'ok' }
  }

  /** What the cron bundle's `init` answers (src/server/jobs.ts, src/server/first-union.ts), in short. */
  private runInit(fn: FakeFunction, event: Record<string, unknown>): unknown {
    if (event.TriggerName !== 'init') return { ok: false, code: 'UNKNOWN_ACTION', message: '没有这个定时任务' }
    let firstUnion: string | undefined
    if (fn.env.FIRST_UNION) {
      const union = JSON.parse(fn.env.FIRST_UNION) as { code: string; name: string; chair: { name: string } }
      firstUnion = this.unions.has(union.code)
        ? `学校代码 ${union.code} 已开通（${union.name}），未做改动`
        : `已开通 ${union.name}（学校代码 ${union.code}）：主席 ${union.chair.name} 的邀请码 K7PQ2MXR`
      this.unions.set(union.code, union.name)
    }
    const summary = `索引已就绪${firstUnion ? `；${firstUnion}` : ''}`
    return {
      ok: true,
      data: { summary, templates: { ready: [], problems: [] }, ...(firstUnion ? { firstUnion } : {}) },
    }
  }

  // ───────── Tencent Cloud API 3.0 ─────────

  private tencent(
    service: 'tcb' | 'scf',
    req: http.IncomingMessage,
    url: URL,
    text: string,
    body: Record<string, unknown>,
  ): Record<string, unknown> {
    const action = String(req.headers['x-tc-action'] ?? '')
    const api = `${service}.${action}`
    const error = (Code: string, Message: string) => {
      this.record(api, body, false)
      return { Error: { Code, Message } }
    }
    const timestamp = Number(req.headers['x-tc-timestamp'])
    const expected = tc3Authorization({
      secretId: this.options.secretId,
      secretKey: this.options.secretKey,
      service,
      host: url.host,
      path: url.pathname,
      timestamp,
      body: text,
    })
    if (!String(req.headers.authorization ?? '').includes(`Credential=${this.options.secretId}/`)) {
      return error(
        'AuthFailure.SecretIdNotFound',
        'The SecretId is not found, please ensure that your SecretId is correct.',
      )
    }
    if (req.headers.authorization !== expected) {
      return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.')
    }
    if (service === 'scf' && req.headers['x-tc-region'] !== (this.options.region ?? 'ap-shanghai')) {
      return error('InvalidParameterValue.Region', 'region mismatch')
    }
    if (this.refused(api, body)) return error('InternalError', `internal error (token ${this.token})`)
    const envId = service === 'tcb' ? body.EnvId : body.Namespace
    if (envId !== this.options.envId) return error('ResourceNotFound.Env', `env ${String(envId)} not found`)
    const ok = (extra: Record<string, unknown> = {}) => {
      this.record(api, body, true)
      return extra
    }

    if (service === 'tcb') {
      switch (action) {
        case 'DescribeEnvs':
          return ok({
            EnvList: [
              {
                EnvId: this.options.envId,
                Source: 'miniapp',
                Status: 'NORMAL',
                Functions: [{ Namespace: this.options.envId, Region: this.options.region ?? 'ap-shanghai' }],
                Storages: [{ Region: 'ap-shanghai', Bucket: this.options.bucket ?? '7072-fake-1300000000' }],
                LogServices: [{ LogsetId: 'logset-1', TopicId: 'topic-1', Region: 'ap-shanghai' }],
              },
            ],
            Total: 1,
          })
        case 'ModifyDatabaseACL': {
          const name = String(body.CollectionName)
          if (!this.collections.has(name)) return error('ResourceNotFound.Collection', `collection ${name} not found`)
          this.collectionAcl.set(name, String(body.AclTag))
          return ok()
        }
        case 'ModifyStorageACL':
          if (body.Bucket !== (this.options.bucket ?? '7072-fake-1300000000')) {
            return error('ResourceNotFound.Bucket', 'bucket not found')
          }
          this.storageAcl = String(body.AclTag)
          return ok()
        default:
          return error('InvalidAction', `${action} not served by the fake`)
      }
    }

    const name = String(body.FunctionName ?? '')
    const fn = this.functions.get(name)
    const variables = (env: unknown): Record<string, string> => {
      const list = isRecord(env) && Array.isArray(env.Variables) ? env.Variables.filter(isRecord) : []
      return Object.fromEntries(list.map((v) => [String(v.Key), String(v.Value)]))
    }
    switch (action) {
      case 'GetFunction':
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} not found`)
        // Each look after a change finds it settled: one poll of "Updating", then Active.
        if (fn.status !== 'Active') {
          const was = fn.status
          fn.status = 'Active'
          return ok({
            FunctionName: name,
            Runtime: fn.runtime,
            Status: was,
            Timeout: fn.timeoutSeconds,
            MemorySize: fn.memoryMB,
          })
        }
        return ok({
          FunctionName: name,
          Runtime: fn.runtime,
          Status: fn.status,
          Timeout: fn.timeoutSeconds,
          MemorySize: fn.memoryMB,
        })
      case 'CreateFunction': {
        if (fn) return error('ResourceInUse.Function', `function ${name} exists`)
        if (body.Stamp !== 'MINI_QCBASE' || body.Handler !== 'index.main')
          return error('InvalidParameterValue', 'bad params')
        const code = isRecord(body.Code) ? String(body.Code.ZipFile ?? '') : ''
        const files = unzip(Buffer.from(code, 'base64'))
        if (!files.has('index.js')) return error('InvalidParameterValue.ZipFile', 'no index.js at the root')
        this.functions.set(name, {
          name,
          runtime: String(body.Runtime),
          timeoutSeconds: Number(body.Timeout),
          memoryMB: Number(body.MemorySize),
          env: variables(body.Environment),
          status: 'Creating',
          installDependency: String(body.InstallDependency),
          files,
          openapi: openapiOf(files),
          codeUploads: 1,
          triggers: [],
          logsetId: typeof body.ClsLogsetId === 'string' ? body.ClsLogsetId : null,
        })
        return ok()
      }
      case 'UpdateFunctionCode': {
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} not found`)
        if (fn.status !== 'Active') return error('FailedOperation.UpdateFunctionCode', 'function is updating')
        const files = unzip(Buffer.from(String(body.ZipFile ?? ''), 'base64'))
        if (!files.has('index.js')) return error('InvalidParameterValue.ZipFile', 'no index.js at the root')
        fn.files = files
        fn.openapi = openapiOf(files)
        fn.codeUploads++
        fn.installDependency = String(body.InstallDependency)
        fn.status = 'Updating'
        return ok()
      }
      case 'UpdateFunctionConfiguration':
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} not found`)
        if (fn.status !== 'Active') return error('FailedOperation.UpdateFunctionConfiguration', 'function is updating')
        fn.timeoutSeconds = Number(body.Timeout ?? fn.timeoutSeconds)
        fn.memoryMB = Number(body.MemorySize ?? fn.memoryMB)
        if (body.Environment !== undefined) fn.env = variables(body.Environment)
        fn.status = 'Updating'
        return ok()
      case 'ListTriggers':
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} not found`)
        return ok({
          TotalCount: fn.triggers.length,
          Triggers: fn.triggers.map((t) => ({
            TriggerName: t.name,
            Type: 'timer',
            TriggerDesc: JSON.stringify({ cron: t.cron }),
          })),
        })
      case 'CreateTrigger':
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} not found`)
        if (fn.triggers.some((t) => t.name === body.TriggerName))
          return error('ResourceInUse.Trigger', 'trigger exists')
        // One timer per function ("目前仅支持一个触发器").
        if (fn.triggers.length > 0) return error('LimitExceeded.Trigger', 'one timer trigger per function')
        fn.triggers.push({ name: String(body.TriggerName), cron: String(body.TriggerDesc) })
        return ok()
      case 'DeleteTrigger':
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} not found`)
        fn.triggers = fn.triggers.filter((t) => t.name !== body.TriggerName)
        return ok()
      default:
        return error('InvalidAction', `${action} not served by the fake`)
    }
  }
}
