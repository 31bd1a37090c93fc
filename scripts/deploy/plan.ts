import type { IndexSpec } from '@/core/shared/ports'
import { COLLECTIONS } from '@/server/collections'
import { INDEXES } from '@/server/indexes'
import { TICK_TRIGGER } from '@/server/jobs'
import { FUNCTIONS, type CloudFunctionSpec } from '../functions'
import { configuredTemplates } from '../../cloudfunctions/_runtime/subscribe-config'
import type { DeployConfig } from './config'
import { hidden } from './log'
import type { IndexDefinition } from './wechat-api'

/**
 * What a deploy does, derived from the lists the code already keeps (FUNCTIONS, the collection registry,
 * INDEXES) and the config: never a second list to forget.
 */
export interface DeployPlan {
  functions: {
    name: string
    timeoutSeconds: number
    memoryMB: number
    runtime: string
    triggers: { name: string; type: string; config: string }[]
  }[]
  collections: string[]
  indexes: { collection: string; fields: string[]; unique: boolean }[]
  templates: { name: string; id: string; keywords: Record<string, string> }[]
  miniprogram: {
    appId: string | null
    envId: string | null
    /** What miniprogram-ci uploads: project.config.json's miniprogramRoot. */
    projectPath: string
    version: string | null
    description: string | null
    robot: number | null
  }
}

/** The function that runs the timed jobs, `init` among them: the one carrying the tick trigger. */
export function jobsFunction(functions: CloudFunctionSpec[] = FUNCTIONS): CloudFunctionSpec {
  const fn = functions.find((f) => f.triggers?.some((t) => t.name === TICK_TRIGGER.name))
  if (!fn) throw new Error(`no function carries the ${TICK_TRIGGER.name} trigger (scripts/functions.ts)`)
  return fn
}

/**
 * A function's environment variables: SUBSCRIBE_TEMPLATES wherever subscribe messages are sent (the app's
 * ids and the send mapping), FIRST_UNION on the function that runs `init`. The whole set, as scf replaces it.
 */
export function functionEnv(fn: CloudFunctionSpec, config: DeployConfig): Record<string, string> {
  const env: Record<string, string> = {}
  if (config.subscribeTemplates && fn.openapi.includes('subscribeMessage.send')) {
    env.SUBSCRIBE_TEMPLATES = JSON.stringify(config.subscribeTemplates)
  }
  if (config.firstUnion && fn === jobsFunction()) env.FIRST_UNION = JSON.stringify(config.firstUnion)
  return env
}

/**
 * updateIndex names each index; ours follow MongoDB's default (`field_1_field_1`), with a nested field's dot
 * written as an underscore, as CloudBase's console names do not take dots.
 */
export function indexDefinition(spec: IndexSpec): IndexDefinition {
  return {
    name: spec.fields.map((f) => `${f.replace(/\./g, '_')}_1`).join('_'),
    unique: spec.unique === true,
    keys: spec.fields.map((name) => ({ name, direction: '1' })),
  }
}

export function buildPlan(config: DeployConfig | null): DeployPlan {
  return {
    functions: FUNCTIONS.map((fn) => ({
      name: fn.name,
      timeoutSeconds: fn.timeoutSeconds,
      memoryMB: fn.memoryMB,
      runtime: fn.runtime,
      triggers: (fn.triggers ?? []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
    })),
    collections: [...COLLECTIONS],
    indexes: INDEXES.map((i) => ({ collection: i.collection, fields: [...i.fields], unique: i.unique === true })),
    templates: config
      ? configuredTemplates(config.templates).map(([name, t]) => ({
          name,
          id: t.id,
          keywords: Object.fromEntries(t.keywords.map((k) => [k.keyword, k.field])),
        }))
      : [],
    miniprogram: {
      appId: config?.appId ?? null,
      envId: config?.envId ?? null,
      projectPath: 'dist/weapp',
      version: config?.miniprogram.version ?? null,
      description: config?.miniprogram.description ?? null,
      robot: config?.miniprogram.robot ?? null,
    },
  }
}

/** The plan in Chinese, step by step, as `npm run deploy -- --dry-run` prints it. No secret is shown. */
export function planText(plan: DeployPlan, config: DeployConfig | null): string[] {
  const lines: string[] = []
  const push = (...more: string[]) => lines.push(...more)
  push('部署计划（演练：不连网、不改动任何东西）', '')
  if (config) {
    push(
      `小程序 AppID：${config.appId}`,
      `云开发环境：${config.envId}`,
      `AppSecret：${hidden(config.appSecret)}`,
      `腾讯云 API 密钥：SecretId ${hidden(config.tencentCloud.secretId)}，SecretKey ${hidden(config.tencentCloud.secretKey)}`,
      `代码上传密钥：${config.uploadKeyPath}`,
      '',
    )
  } else {
    push('（还没有 deploy.config.json：下面是不含账号信息的计划。）', '')
  }
  const envId = config?.envId ?? '<环境ID>'
  const jobs = jobsFunction()

  push(
    '0. 构建',
    `   - 小程序：taro build --type weapp，云开发环境 ${envId}（写入 .env.production.local 的 TARO_APP_CLOUD_ENV）`,
    '   - 云函数：scripts/build-functions.ts → dist/cloudfunctions/<函数>/',
  )
  push(
    '1. 核对订阅消息模板（微信 getTemplateList）',
    ...(plan.templates.length === 0
      ? ['   - 没有配置 subscribeTemplates：不发订阅消息，消息只进站内信']
      : plan.templates.map(
          (t) =>
            `   - ${t.name}：模板 ${t.id}，关键词 ${Object.entries(t.keywords)
              .map(([k, f]) => `${k}→${f}`)
              .join('、')}`,
        )),
  )
  push(`2. 创建数据库集合（微信 databaseCollectionAdd）：${plan.collections.length} 个`)
  push(`   ${plan.collections.join('、')}`)
  push(`3. 创建索引（微信 updateIndex）：${plan.indexes.length} 个`)
  for (const i of plan.indexes) push(`   - ${i.collection}：${i.fields.join(' + ')}${i.unique ? '（唯一）' : ''}`)
  push(
    '4. 设置权限（腾讯云 ModifyDatabaseACL / ModifyStorageACL）',
    `   - ${plan.collections.length} 个集合：仅管理端可读写（只有云函数能读写）`,
    '   - 云存储：仅管理端可读写',
  )
  push('5. 上传云函数（腾讯云 CreateFunction 或 UpdateFunctionCode，再 UpdateFunctionConfiguration）')
  for (const fn of FUNCTIONS) {
    const env = config ? Object.keys(functionEnv(fn, config)) : []
    push(
      `   - ${fn.name}：超时 ${fn.timeoutSeconds} 秒，内存 ${fn.memoryMB} MB，${fn.runtime}，云端安装依赖，` +
        `云调用 ${fn.openapi.length ? fn.openapi.join('、') : '无'}，环境变量 ${env.length ? env.join('、') : '无'}`,
    )
  }
  push('6. 定时触发器（腾讯云 CreateTrigger）')
  for (const fn of plan.functions) {
    for (const t of fn.triggers) push(`   - ${fn.name}：${t.name}（${t.config}），并删除其他定时触发器`)
  }
  push(
    `7. 运行 init（微信 invokeCloudFunction → ${jobs.name}）：确认集合，核对模板` +
      (config?.firstUnion
        ? `，开通第一个工会：${config.firstUnion.name}（学校代码 ${config.firstUnion.code}），主席 ${config.firstUnion.chair.name}`
        : '；没有配置 firstUnion，不开通工会'),
  )
  push(
    `8. 上传小程序开发版（miniprogram-ci）：${plan.miniprogram.projectPath}，版本 ${plan.miniprogram.version ?? '<版本号>'}，` +
      `说明 “${plan.miniprogram.description ?? ''}”，ci机器人${plan.miniprogram.robot ?? 1}`,
  )
  push('', '每一步都可以重做：已存在的集合、索引、函数和触发器算作成功。中途失败后再运行一次，会从失败处接着做。')
  return lines
}
