import type { SubscribeTemplateInfo } from '../../cloudfunctions/_runtime/sdk'
import { tc3Authorization, TC3_CONTENT_TYPE } from './tc3'

/**
 * Every network call the deploy makes, behind one port. Two doors, because neither covers everything:
 *
 * - WeChat's server API (https://api.weixin.qq.com, an access_token from AppID + AppSecret): collections
 *   (databaseCollectionAdd), indexes (updateIndex), the account's subscribe templates (getTemplateList) and
 *   invoking a function (invokeCloudFunction). These are the 云开发 HTTP APIs a mini program's own token may call.
 * - Tencent Cloud API 3.0 (SecretId/SecretKey of the Tencent Cloud account the environment belongs to):
 *   function runtime/memory/timeout/environment variables, the timer trigger, and the permissions of collections
 *   and storage. WeChat documents HTTP APIs for these too (tcb/uploadfuncconfig, componenttcb/dbmodifyacl,
 *   componenttcb/batchupdatetriggers), but only for third-party platforms ("本接口仅支持第三方平台使用
 *   component_access_token"); a mini program's own token gets 40014 from tcb/uploadfuncconfig, as reported by
 *   a developer who tried it with a real AppSecret. Memory and runtime have no WeChat HTTP API at all. The calls
 *   are those @cloudbase/manager-node 4.x makes (scf 2018-04-16 with Namespace = env id; tcb 2018-06-08), sent
 *   through our own 40-line signer rather than that SDK and its dependencies.
 *
 * Function code goes up the same way (CreateFunction / UpdateFunctionCode with the zipped bundle, package.json
 * and config.json). miniprogram-ci 2.1.42's own cloud.uploadFunction does the same scf calls through WeChat's
 * proxy, but creates a missing function with runtime Nodejs8.9 and timeout 3 (dist/ci/cloud/uploadFunction.js)
 * and cannot set memory or variables, so it would need this door anyway. Whether WeChat applies config.json's
 * permissions.openapi (云调用权限) to code uploaded this way is not documented: DevTools "在每次上传云函数时均会根据
 * 配置更新权限" (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html), and
 * miniprogram-ci makes no separate call for it. The deploy's `init` step shows a missing permission (-604101).
 */

/** One index as updateIndex takes it: name, unique, keys with direction "1" (ascending). */
export interface IndexDefinition {
  name: string
  unique: boolean
  keys: { name: string; direction: '1' }[]
}

export type Outcome = 'created' | 'exists'

/** What the deploy needs to know about the environment (DescribeEnvs). */
export interface EnvironmentInfo {
  /** Region of the environment's functions, e.g. ap-shanghai (scf wants it on every call). */
  region: string
  /** The storage bucket (its permission is set per bucket). */
  bucket: string | null
  /** The environment's log topic: functions created with it show their logs in the console. */
  logsetId: string | null
  topicId: string | null
}

export interface FunctionInfo {
  runtime: string
  /** Active, Creating, Updating, CreateFailed, UpdateFailed, … (scf GetFunction). */
  status: string
  timeoutSeconds: number
  memoryMB: number
}

/** A function's settings, as the deploy writes them. */
export interface FunctionSettings {
  name: string
  runtime: string
  timeoutSeconds: number
  memoryMB: number
  /** The whole set: scf replaces a function's variables with what it is given. */
  env: Record<string, string>
}

export interface TimerTrigger {
  name: string
  /** WeChat's 7-field cron, e.g. `0 *\/10 * * * * *`. */
  cron: string
}

export type AclTag = 'ADMINONLY'

export interface DeployApi {
  // WeChat
  addCollection(name: string): Promise<Outcome>
  addIndex(collection: string, index: IndexDefinition): Promise<Outcome>
  templateList(): Promise<SubscribeTemplateInfo[]>
  invokeFunction(name: string, event: unknown): Promise<unknown>
  // Tencent Cloud
  environment(): Promise<EnvironmentInfo>
  getFunction(name: string): Promise<FunctionInfo | null>
  createFunction(settings: FunctionSettings, zipBase64: string): Promise<void>
  updateFunctionCode(name: string, zipBase64: string): Promise<void>
  updateFunctionConfiguration(settings: FunctionSettings): Promise<void>
  timerTriggers(functionName: string): Promise<TimerTrigger[]>
  createTimerTrigger(functionName: string, trigger: TimerTrigger): Promise<void>
  deleteTimerTrigger(functionName: string, triggerName: string): Promise<void>
  setCollectionAcl(collection: string, acl: AclTag): Promise<void>
  setStorageAcl(bucket: string, acl: AclTag): Promise<void>
}

/**
 * A refusal from either API, carrying the service's own code (WeChat errcode, Tencent Cloud Error.Code) and
 * text. The message never contains a credential: URLs carry the access_token, so they are never quoted.
 */
export class ApiError extends Error {
  constructor(
    readonly service: 'wechat' | 'tencentcloud' | 'network',
    readonly api: string,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${api} ${code}${detail ? ` ${detail}` : ''}`)
    this.name = 'ApiError'
  }
}

export interface HttpDeployApiOptions {
  appId: string
  appSecret: string
  envId: string
  secretId: string
  secretKey: string
  /** Bases, replaced in tests by a fake on 127.0.0.1. */
  wechatBase?: string
  tcbBase?: string
  scfBase?: string
  /** Unix seconds for request signing (tests pin it). */
  now?: () => number
  /** Every credential the implementation learns (the access token) is reported, so logs can mask it. */
  onSecret?: (secret: string) => void
}

const TIMEOUT_MS = 60_000
/**
 * invokeCloudFunction waits at most 5 s for the function ("通过 HTTP API 触发云函数的超时时间为 5s",
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/cloudbase-batch/scf-mgnt/invokeCloudFunction.html);
 * our own limit is a little longer, so WeChat's answer is what we report.
 */
const INVOKE_TIMEOUT_MS = 15_000

interface WechatReply {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

interface TencentReply {
  Response?: { Error?: { Code?: string; Message?: string }; RequestId?: string; [key: string]: unknown }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}

/**
 * "Already there" in the words CloudBase passes on from its database (the emulator's "[ResourceInUse] Table
 * exist", MongoDB's "Index with name … already exists"), never "not exist" (a missing collection).
 */
const alreadyExists = (text: string): boolean =>
  /already exists?|duplicate|table exist/i.test(text) && !/not[ _-]?exists?/i.test(text)

export function createHttpDeployApi(options: HttpDeployApiOptions): DeployApi {
  const wechatBase = (options.wechatBase ?? 'https://api.weixin.qq.com').replace(/\/+$/, '')
  const tcbBase = (options.tcbBase ?? 'https://tcb.tencentcloudapi.com').replace(/\/+$/, '')
  const scfBase = (options.scfBase ?? 'https://scf.tencentcloudapi.com').replace(/\/+$/, '')
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  let token: Promise<string> | null = null
  let environment: Promise<EnvironmentInfo> | null = null

  async function send(api: string, service: ApiError['service'], url: string, init: RequestInit, ms = TIMEOUT_MS) {
    let response: Response
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(ms) })
    } catch (e) {
      const reason = e instanceof Error ? (e.name === 'TimeoutError' ? `${ms / 1000} 秒内没有回应` : e.message) : ''
      throw new ApiError('network', api, 'NETWORK', reason)
    }
    const text = await response.text()
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new ApiError(service, api, `HTTP ${response.status}`, text.slice(0, 200))
    }
    return body
  }

  /**
   * 获取稳定版接口调用凭据 (getStableAccessToken,
   * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html): isolated
   * from cgi-bin/token, so a deploy never invalidates a token something else of the account holds.
   */
  function accessToken(refresh = false): Promise<string> {
    if (!token || refresh) {
      token = (async () => {
        const reply = (await send('stable_token', 'wechat', `${wechatBase}/cgi-bin/stable_token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credential', appid: options.appId, secret: options.appSecret }),
        })) as WechatReply
        if (typeof reply.access_token !== 'string' || !reply.access_token) {
          throw new ApiError('wechat', 'stable_token', String(reply.errcode ?? 'NO_TOKEN'), reply.errmsg ?? '')
        }
        options.onSecret?.(reply.access_token)
        return reply.access_token
      })()
      token.catch(() => (token = null))
    }
    return token
  }

  /** One WeChat call; an expired or rejected token (40001, 42001) is fetched again once. */
  async function wechat(api: string, path: string, body: unknown, query: Record<string, string> = {}, ms?: number) {
    for (let attempt = 0; ; attempt++) {
      const params = new URLSearchParams({ access_token: await accessToken(attempt > 0), ...query })
      const reply = (await send(
        api,
        'wechat',
        `${wechatBase}${path}?${params}`,
        body === undefined
          ? { method: 'GET' }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        ms,
      )) as WechatReply
      const code = reply.errcode ?? 0
      if (code === 0) return reply
      if ((code === 40001 || code === 42001) && attempt === 0) continue
      throw new ApiError('wechat', api, String(code), reply.errmsg ?? '')
    }
  }

  /** One Tencent Cloud API 3.0 call (公共参数 in headers, JSON body, TC3-HMAC-SHA256). */
  async function tencent(
    base: string,
    service: 'tcb' | 'scf',
    version: string,
    action: string,
    params: Record<string, unknown>,
    region?: string,
  ): Promise<Record<string, unknown>> {
    const url = new URL(`${base}/`)
    const body = JSON.stringify(params)
    const timestamp = now()
    const headers: Record<string, string> = {
      'content-type': TC3_CONTENT_TYPE,
      'x-tc-action': action,
      'x-tc-version': version,
      'x-tc-timestamp': String(timestamp),
      authorization: tc3Authorization({
        secretId: options.secretId,
        secretKey: options.secretKey,
        service,
        host: url.host,
        path: url.pathname,
        timestamp,
        body,
      }),
    }
    if (region) headers['x-tc-region'] = region
    const reply = (await send(`${service}.${action}`, 'tencentcloud', url.toString(), {
      method: 'POST',
      headers,
      body,
    })) as TencentReply
    const response = reply.Response
    if (!isRecord(response)) throw new ApiError('tencentcloud', `${service}.${action}`, 'NO_RESPONSE', '')
    if (response.Error) {
      throw new ApiError(
        'tencentcloud',
        `${service}.${action}`,
        response.Error.Code ?? 'Error',
        response.Error.Message ?? '',
      )
    }
    return response
  }

  const tcb = (action: string, params: Record<string, unknown>) =>
    tencent(tcbBase, 'tcb', '2018-06-08', action, { EnvId: options.envId, ...params })

  async function scf(action: string, params: Record<string, unknown>) {
    const { region } = await api.environment()
    return tencent(scfBase, 'scf', '2018-04-16', action, { Namespace: options.envId, ...params }, region)
  }

  const variables = (env: Record<string, string>) => ({
    Variables: Object.entries(env).map(([Key, Value]) => ({ Key, Value })),
  })

  const api: DeployApi = {
    /**
     * databaseCollectionAdd (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/databaseCollectionAdd.html):
     * POST tcb/databasecollectionadd {env, collection_name}. Its errcode table lists no "already exists" code
     * ("其他错误码: 云开发错误码"), so an existing collection is recognised by the text, as the cloudbase store does.
     */
    async addCollection(name) {
      try {
        await wechat('databaseCollectionAdd', '/tcb/databasecollectionadd', {
          env: options.envId,
          collection_name: name,
        })
        return 'created'
      } catch (e) {
        if (e instanceof ApiError && e.service === 'wechat' && alreadyExists(e.detail)) return 'exists'
        throw e
      }
    },

    /**
     * updateIndex (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/database/updateIndex.html):
     * POST tcb/updateindex {env, collection_name, create_indexes: [{name, unique, keys: [{name, direction}]}],
     * drop_indexes: []}. It creates and drops; it cannot list, so an index that exists is recognised by the text
     * of the refusal (MongoDB: "Index with name … already exists" / "Index already exists with a different name").
     */
    async addIndex(collection, index) {
      try {
        await wechat('updateIndex', '/tcb/updateindex', {
          env: options.envId,
          collection_name: collection,
          create_indexes: [index],
          drop_indexes: [],
        })
        return 'created'
      } catch (e) {
        if (e instanceof ApiError && e.service === 'wechat' && alreadyExists(e.detail)) return 'exists'
        throw e
      }
    },

    /**
     * getTemplateList (获取个人模板列表,
     * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getTemplateList.html):
     * GET wxaapi/newtmpl/gettemplate → {errcode, errmsg, data: [{priTmplId, title, content, example, type}]}.
     */
    async templateList() {
      const reply = await wechat('getTemplateList', '/wxaapi/newtmpl/gettemplate', undefined)
      const data = Array.isArray(reply.data) ? reply.data : []
      return data.filter(isRecord).map((t) => ({
        priTmplId: String(t.priTmplId ?? ''),
        title: String(t.title ?? ''),
        content: String(t.content ?? ''),
        example: typeof t.example === 'string' ? t.example : undefined,
        type: typeof t.type === 'number' ? t.type : undefined,
      }))
    },

    /**
     * invokeCloudFunction (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/functions/invokeCloudFunction.html):
     * POST tcb/invokecloudfunction?env=&name= with the event as the body → {resp_data: "<the function's return
     * value as JSON>"}. The function runs without an OPENID, as a timer does: `cron` accepts it.
     */
    async invokeFunction(name, event) {
      const reply = await wechat(
        'invokeCloudFunction',
        '/tcb/invokecloudfunction',
        event,
        { env: options.envId, name },
        INVOKE_TIMEOUT_MS,
      )
      const data = reply.resp_data
      if (typeof data !== 'string') return data
      try {
        return JSON.parse(data) as unknown
      } catch {
        return data
      }
    },

    /**
     * DescribeEnvs (tcb 2018-06-08, https://cloud.tencent.com/document/api/876/34820): the environment's functions
     * region, storage bucket and log topic (EnvList[0].Functions / Storages / LogServices).
     */
    environment() {
      if (!environment) {
        environment = (async () => {
          const reply = await tcb('DescribeEnvs', {})
          const list = Array.isArray(reply.EnvList) ? reply.EnvList.filter(isRecord) : []
          const env = list.find((e) => e.EnvId === options.envId) ?? list[0]
          if (!env) throw new ApiError('tencentcloud', 'tcb.DescribeEnvs', 'ResourceNotFound.Env', options.envId)
          const first = (key: string): Record<string, unknown> => {
            const items = env[key]
            return Array.isArray(items) && isRecord(items[0]) ? items[0] : {}
          }
          const str = (x: unknown): string | null => (typeof x === 'string' && x ? x : null)
          const functions = first('Functions')
          const storage = first('Storages')
          const logs = first('LogServices')
          return {
            region: str(functions.Region) ?? str(storage.Region) ?? 'ap-shanghai',
            bucket: str(storage.Bucket),
            logsetId: str(logs.LogsetId),
            topicId: str(logs.TopicId),
          }
        })()
        environment.catch(() => (environment = null))
      }
      return environment
    },

    /** GetFunction (scf 2018-04-16, https://cloud.tencent.com/document/api/583/18584); null when there is none. */
    async getFunction(name) {
      try {
        const reply = await scf('GetFunction', { FunctionName: name })
        return {
          runtime: String(reply.Runtime ?? ''),
          status: String(reply.Status ?? ''),
          timeoutSeconds: Number(reply.Timeout ?? 0),
          memoryMB: Number(reply.MemorySize ?? 0),
        }
      } catch (e) {
        if (e instanceof ApiError && e.code.startsWith('ResourceNotFound')) return null
        throw e
      }
    },

    /**
     * CreateFunction (scf 2018-04-16, https://cloud.tencent.com/document/api/583/18586) as @cloudbase/manager-node
     * creates a 云开发 function: Role TCB_QcsRole, Stamp MINI_QCBASE, handler index.main, dependencies installed
     * in the cloud (InstallDependency), the environment's log topic. The runtime is fixed at creation
     * ("Runtime: 函数运行环境，创建时指定，目前不支持修改").
     */
    async createFunction(settings, zipBase64) {
      const env = await api.environment()
      await scf('CreateFunction', {
        FunctionName: settings.name,
        Role: 'TCB_QcsRole',
        Stamp: 'MINI_QCBASE',
        Handler: 'index.main',
        Runtime: settings.runtime,
        MemorySize: settings.memoryMB,
        Timeout: settings.timeoutSeconds,
        InstallDependency: 'TRUE',
        Environment: variables(settings.env),
        Code: { ZipFile: zipBase64 },
        ...(env.logsetId && env.topicId ? { ClsLogsetId: env.logsetId, ClsTopicId: env.topicId } : {}),
      })
    },

    /**
     * UpdateFunctionCode (scf 2018-04-16, https://cloud.tencent.com/document/api/583/18581): the zip, base64, at
     * most 20 MB ("最大支持20M"), dependencies installed in the cloud from package.json.
     */
    async updateFunctionCode(name, zipBase64) {
      await scf('UpdateFunctionCode', {
        FunctionName: name,
        Handler: 'index.main',
        InstallDependency: 'TRUE',
        ZipFile: zipBase64,
      })
    },

    /**
     * UpdateFunctionConfiguration (scf 2018-04-16, https://cloud.tencent.com/document/api/583/18580): timeout,
     * memory, and the whole set of environment variables (replaced, not merged).
     */
    async updateFunctionConfiguration(settings) {
      await scf('UpdateFunctionConfiguration', {
        FunctionName: settings.name,
        MemorySize: settings.memoryMB,
        Timeout: settings.timeoutSeconds,
        Environment: variables(settings.env),
        InstallDependency: 'TRUE',
      })
    },

    /**
     * ListTriggers (scf 2018-04-16, https://cloud.tencent.com/document/api/583/44268). A timer's TriggerDesc is
     * `{"cron":"…"}` in a listing and the bare expression when created.
     */
    async timerTriggers(functionName) {
      const reply = await scf('ListTriggers', { FunctionName: functionName, Limit: 100 })
      const triggers = Array.isArray(reply.Triggers) ? reply.Triggers.filter(isRecord) : []
      return triggers
        .filter((t) => t.Type === 'timer')
        .map((t) => {
          const desc = String(t.TriggerDesc ?? '')
          let cron = desc
          try {
            const parsed: unknown = JSON.parse(desc)
            if (isRecord(parsed) && typeof parsed.cron === 'string') cron = parsed.cron
          } catch {
            // the bare expression
          }
          return { name: String(t.TriggerName ?? ''), cron }
        })
    },

    /**
     * CreateTrigger (scf 2018-04-16, https://cloud.tencent.com/document/api/583/18589): Type timer, TriggerDesc the
     * 7-field cron (触发器配置描述, https://cloud.tencent.com/document/product/583/34880).
     */
    async createTimerTrigger(functionName, trigger) {
      await scf('CreateTrigger', {
        FunctionName: functionName,
        TriggerName: trigger.name,
        Type: 'timer',
        TriggerDesc: trigger.cron,
        Enable: 'OPEN',
      })
    },

    /** DeleteTrigger (scf 2018-04-16, 触发器相关接口: https://cloud.tencent.com/document/api/583/18587). */
    async deleteTimerTrigger(functionName, triggerName) {
      await scf('DeleteTrigger', { FunctionName: functionName, TriggerName: triggerName, Type: 'timer' })
    },

    /**
     * ModifyDatabaseACL (tcb 2018-06-08, https://cloud.tencent.com/document/api/876/34819): AclTag ADMINONLY is
     * 「仅管理端可读写」 (权限控制, https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/database/permission.html).
     */
    async setCollectionAcl(collection, acl) {
      await tcb('ModifyDatabaseACL', { CollectionName: collection, AclTag: acl })
    },

    /** ModifyStorageACL (tcb 2018-06-08, as @cloudbase/manager-node's storage.setStorageAcl sends it). */
    async setStorageAcl(bucket, acl) {
      await tcb('ModifyStorageACL', { Bucket: bucket, AclTag: acl })
    },
  }
  return api
}
