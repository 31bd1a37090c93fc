import * as fs from 'fs'
import * as path from 'path'
import * as v from 'valibot'
import { describeIssues } from '@/core/shared/fields'
import { openUnionInput, type OpenUnionInput } from '@/core/members/open-union'
import {
  parseSubscribeTemplates,
  SUBSCRIBE_TEMPLATES,
  type ParsedSubscribeConfig,
} from '../../cloudfunctions/_runtime/subscribe-config'

/**
 * deploy.config.json: everything one deployment needs, in one file that stays on the deployer's machine
 * (git-ignored; deploy.config.example.json explains every field). Keys starting with "//" are notes.
 */
export interface DeployConfig {
  appId: string
  envId: string
  appSecret: string
  /** Absolute path of the mini-program code upload key. */
  uploadKeyPath: string
  tencentCloud: { secretId: string; secretKey: string }
  /** As written (the value of SUBSCRIBE_TEMPLATES on the functions), or null when none is configured. */
  subscribeTemplates: Record<string, unknown> | null
  /** The same, as the functions read it. */
  templates: ParsedSubscribeConfig
  /** The first union and its chair (FIRST_UNION of the `init` job), or null. */
  firstUnion: OpenUnionInput | null
  miniprogram: { version: string; description: string; robot: number }
}

export const CONFIG_FILE = 'deploy.config.json'

export interface ConfigProblem {
  /** The field, as written in the file: `tencentCloud.secretKey`, `firstUnion.chair.phone`. */
  field: string
  message: string
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${file}：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`)
    this.name = 'ConfigError'
  }
}

/** The fields of deploy.config.json, in the order the example explains them. */
export const CONFIG_FIELDS = [
  'appId',
  'envId',
  'appSecret',
  'uploadKeyPath',
  'tencentCloud',
  'subscribeTemplates',
  'firstUnion',
  'miniprogram',
] as const

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}

const isNote = (key: string): boolean => key.startsWith('//')

/** The object without its "//" notes, and a problem for every key it does not know. */
function known(
  value: Record<string, unknown>,
  keys: readonly string[],
  at: string,
  problems: ConfigProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (isNote(key)) continue
    if (!keys.includes(key)) {
      problems.push({ field: `${at}${key}`, message: `不认识的设置（可用：${keys.join('、')}）` })
      continue
    }
    out[key] = item
  }
  return out
}

function text(value: unknown, field: string, problems: ConfigProblem[], rule: RegExp, message: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    problems.push({ field, message: `没有填写。${message}` })
    return ''
  }
  if (!rule.test(value.trim())) problems.push({ field, message })
  return value.trim()
}

/** Notes in a value the functions receive (SUBSCRIBE_TEMPLATES, FIRST_UNION) would make them refuse it. */
function withoutNotes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNotes)
  if (!isRecord(value)) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !isNote(key))
      .map(([key, item]) => [key, withoutNotes(item)]),
  )
}

const DEFAULT_VERSION = /^\d+\.\d+\.\d+$/

/**
 * Reads and checks the file. Every problem names its field in Chinese and says where the right value is
 * found; a secret's value is never part of a message.
 */
export function loadConfig(file: string, packageVersion: string): DeployConfig {
  if (!fs.existsSync(file)) {
    throw new ConfigError(file, [
      {
        field: path.basename(file),
        message: `找不到这个文件。请把 deploy.config.example.json 复制为 ${CONFIG_FILE}，按其中的说明填写`,
      },
    ])
  }
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new ConfigError(file, [{ field: path.basename(file), message: `不是合法的 JSON（${reason}）` }])
  }
  if (!isRecord(raw)) {
    throw new ConfigError(file, [{ field: path.basename(file), message: '应是一个 JSON 对象 {…}' }])
  }
  const problems: ConfigProblem[] = []
  const top = known(raw, CONFIG_FIELDS, '', problems)

  const appId = text(
    top.appId,
    'appId',
    problems,
    /^wx[0-9a-f]{16}$/i,
    '应是小程序的 AppID：wx 开头共 18 位（微信公众平台 → 开发管理 → 开发设置 → 开发者ID）',
  )
  const envId = text(
    top.envId,
    'envId',
    problems,
    /^[a-z0-9][a-z0-9_-]{3,63}$/i,
    '应是云开发环境 ID，不是环境名称（云开发控制台 → 设置 → 环境 ID，如 cloud1-2gxxxxxx）',
  )
  const appSecret = text(
    top.appSecret,
    'appSecret',
    problems,
    /^[0-9a-f]{32}$/i,
    '应是小程序的 AppSecret：32 位字母和数字（微信公众平台 → 开发管理 → 开发设置 → 开发者密码，生成或重置后复制）',
  )

  let uploadKeyPath = ''
  if (typeof top.uploadKeyPath !== 'string' || !top.uploadKeyPath.trim()) {
    problems.push({
      field: 'uploadKeyPath',
      message:
        '没有填写。应是小程序代码上传密钥文件的路径（微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传 → 生成密钥，下载的 private.<AppID>.key），用于上传小程序',
    })
  } else {
    uploadKeyPath = path.resolve(path.dirname(file), top.uploadKeyPath.trim())
    if (!fs.existsSync(uploadKeyPath) || !fs.statSync(uploadKeyPath).isFile()) {
      problems.push({
        field: 'uploadKeyPath',
        message: `找不到文件 ${uploadKeyPath}（相对路径从 ${CONFIG_FILE} 所在的文件夹算起）`,
      })
    } else if (!/PRIVATE KEY/.test(fs.readFileSync(uploadKeyPath, 'utf8'))) {
      problems.push({
        field: 'uploadKeyPath',
        message: `${uploadKeyPath} 不像代码上传密钥（应含 “PRIVATE KEY”）；请重新下载，不要改动文件内容`,
      })
    }
  }

  const tencentCloud = { secretId: '', secretKey: '' }
  if (!isRecord(top.tencentCloud)) {
    problems.push({
      field: 'tencentCloud',
      message:
        '没有填写。应是 {"secretId": "…", "secretKey": "…"}：腾讯云 API 密钥（用小程序管理员的微信登录腾讯云控制台 → 访问管理 → API 密钥管理）',
    })
  } else {
    const tc = known(top.tencentCloud, ['secretId', 'secretKey'], 'tencentCloud.', problems)
    tencentCloud.secretId = text(
      tc.secretId,
      'tencentCloud.secretId',
      problems,
      /^AKID[0-9A-Za-z]{10,}$/,
      '应是腾讯云 API 密钥的 SecretId：AKID 开头（访问管理 → API 密钥管理）',
    )
    tencentCloud.secretKey = text(
      tc.secretKey,
      'tencentCloud.secretKey',
      problems,
      /^[0-9A-Za-z]{16,}$/,
      '应是腾讯云 API 密钥的 SecretKey：与 SecretId 同一行，字母和数字',
    )
  }

  let subscribeTemplates: Record<string, unknown> | null = null
  let templates: ParsedSubscribeConfig = { templates: {}, problems: [] }
  if (top.subscribeTemplates !== undefined && top.subscribeTemplates !== null) {
    const value = withoutNotes(top.subscribeTemplates)
    if (!isRecord(value)) {
      problems.push({ field: 'subscribeTemplates', message: '应是对象，如 {"activity": {"id": "…", "fields": {…}}}' })
    } else if (Object.keys(value).length > 0) {
      subscribeTemplates = value
      // The functions' own reader: what passes here is exactly what they will accept.
      templates = parseSubscribeTemplates(JSON.stringify(value))
      for (const problem of templates.problems) {
        const named = problem.replace(new RegExp(`^${SUBSCRIBE_TEMPLATES}\\.?`), 'subscribeTemplates.')
        const cut = named.indexOf('：')
        problems.push(
          cut > 0
            ? { field: named.slice(0, cut), message: named.slice(cut + 1) }
            : { field: 'subscribeTemplates', message: named },
        )
      }
    }
  }

  let firstUnion: OpenUnionInput | null = null
  if (top.firstUnion !== undefined && top.firstUnion !== null) {
    // The `init` job's own schema (src/core/members/open-union.ts), so deploy and init never disagree.
    const parsed = v.safeParse(openUnionInput, withoutNotes(top.firstUnion))
    if (parsed.success) {
      firstUnion = parsed.output
    } else {
      const { fields } = describeIssues(parsed.issues)
      for (const [key, message] of Object.entries(fields)) {
        problems.push({ field: key === '_' ? 'firstUnion' : `firstUnion.${key}`, message })
      }
    }
  }

  const miniprogram = { version: packageVersion, description: '', robot: 1 }
  if (top.miniprogram !== undefined) {
    if (!isRecord(top.miniprogram)) {
      problems.push({ field: 'miniprogram', message: '应是对象，如 {"version": "1.0.0", "description": "…"}' })
    } else {
      const mp = known(top.miniprogram, ['version', 'description', 'robot'], 'miniprogram.', problems)
      if (mp.version !== undefined) {
        miniprogram.version = text(
          mp.version,
          'miniprogram.version',
          problems,
          DEFAULT_VERSION,
          '应是版本号，三段数字，如 1.0.0（显示在 微信公众平台 → 版本管理 → 开发版本）',
        )
      }
      if (mp.description !== undefined) {
        if (typeof mp.description !== 'string' || mp.description.length > 200) {
          problems.push({ field: 'miniprogram.description', message: '应是一段不超过 200 字的说明' })
        } else {
          miniprogram.description = mp.description.trim()
        }
      }
      if (mp.robot !== undefined) {
        if (typeof mp.robot !== 'number' || !Number.isInteger(mp.robot) || mp.robot < 1 || mp.robot > 30) {
          problems.push({ field: 'miniprogram.robot', message: '应是 1 到 30 的整数（上传者显示为 “ci机器人N”）' })
        } else {
          miniprogram.robot = mp.robot
        }
      }
    }
  }
  if (!miniprogram.description) miniprogram.description = `教工之家 ${miniprogram.version}`

  if (problems.length > 0) throw new ConfigError(file, problems)
  return {
    appId,
    envId,
    appSecret,
    uploadKeyPath,
    tencentCloud,
    subscribeTemplates,
    templates,
    firstUnion,
    miniprogram,
  }
}

/** Everything in the config that must never appear in output. */
export function configSecrets(config: DeployConfig): string[] {
  const secrets = [config.appSecret, config.tencentCloud.secretKey, config.tencentCloud.secretId]
  try {
    // The key's body lines, should anything ever echo the file.
    for (const line of fs.readFileSync(config.uploadKeyPath, 'utf8').split(/\r?\n/)) {
      if (line.length >= 16 && !line.startsWith('-----')) secrets.push(line.trim())
    }
  } catch {
    // checked when the config was read
  }
  return secrets.filter((s) => s.length >= 6)
}
