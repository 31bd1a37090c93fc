import { TEMPLATE_NAMES, type TemplateName } from '@/core/messages/model'
import { templateField, templateFieldNames, type FieldKind } from '@/core/messages/templates'
import { chineseFullDate, shanghaiClock, shanghaiDate } from '@/core/shared/shanghai-time'

/**
 * WeChat's value rules per keyword type, from subscribeMessage.send's「订阅消息参数值内容限制说明」
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html,
 * formerly …/api-backend/open-api/subscribe-message/subscribeMessage.send.html). A keyword is its type plus a
 * number (thing1, time2); a value that breaks its type's rule makes WeChat refuse the whole send with 47003.
 *
 *   thing            事物  20个以内字符，可汉字、数字、字母或符号组合
 *   number           数字  32位以内数字，只能数字，可带小数
 *   letter           字母  32位以内字母
 *   symbol           符号  5位以内符号
 *   character_string 字符串 32位以内数字、字母或符号
 *   time             时间  24小时制时间格式（支持+年月日），例如 15:01，或 2019年10月1日 15:01
 *   date             日期  年月日格式（支持+24小时制时间），例如 2019年10月1日，或 2019年10月1日 15:01
 *   amount           金额  1个币种符号+10位以内纯数字，可带小数，结尾可带“元”
 *   phone_number     电话  17位以内，数字、符号
 *   car_number       车牌  8位以内，第一位与最后一位可为汉字，其余为字母或数字
 *   name             姓名  10个以内纯汉字或20个以内纯字母或符号（中文和字母混合按中文名算，10个字内）
 *   phrase           汉字  5个以内纯汉字
 *   enum             枚举值 只能上传枚举值范围内的字段值
 *
 * We fill only the types a value we send can honestly become (ACCEPTS): every field we offer is Chinese
 * text, an instant or a day, so number, letter, symbol, character_string, amount, phone_number, car_number and
 * enum keywords are refused when the configuration is read, rather than filled with something WeChat rejects
 * or a teacher cannot read.
 */
const WECHAT_TYPE_LABELS: Record<string, string> = {
  thing: '事物',
  number: '数字',
  letter: '字母',
  symbol: '符号',
  character_string: '字符串',
  time: '时间',
  date: '日期',
  amount: '金额',
  phone_number: '电话',
  car_number: '车牌',
  name: '姓名',
  phrase: '汉字',
  enum: '枚举值',
}

/** The keyword types we fill, and the kinds of value each can show. */
const ACCEPTS = {
  thing: ['text', 'instant', 'day'],
  phrase: ['text'],
  name: ['text'],
  time: ['instant'],
  date: ['instant', 'day'],
} as const satisfies Record<string, readonly FieldKind[]>

export type KeywordType = keyof typeof ACCEPTS

export const THING_MAX = 20
export const PHRASE_MAX = 5
/** A name with any Chinese character counts as a Chinese name: 10; an all-Latin one: 20. */
export const NAME_MAX_CHINESE = 10
export const NAME_MAX_LATIN = 20

const KIND_LABELS: Record<FieldKind, string> = { text: '文字', instant: '时间', day: '日期' }

/** Stands in for an empty value: WeChat refuses an empty one ("data.thing1.value is empty", 47003). */
const EMPTY = '无'
const ELLIPSIS = '…'
const HAN = /\p{Script=Han}/u

export interface KeywordMapping {
  /** The WeChat keyword, e.g. thing1. */
  keyword: string
  type: KeywordType
  /** Our field, e.g. title. */
  field: string
  kind: FieldKind
}

export interface TemplateConfig {
  /** priTmplId of the template in the account's 我的模板. */
  id: string
  keywords: KeywordMapping[]
}

export type SubscribeConfig = Partial<Record<TemplateName, TemplateConfig>>

export interface ParsedSubscribeConfig {
  /** The entries that passed every check; an entry with any problem is left out whole. */
  templates: SubscribeConfig
  /** One line per problem, each naming its entry (SUBSCRIBE_TEMPLATES.activity.fields.thing1 …). */
  problems: string[]
}

export const SUBSCRIBE_TEMPLATES = 'SUBSCRIBE_TEMPLATES'
const EXAMPLE = '{"activity": {"id": "<模板ID>", "fields": {"thing1": "title", "time2": "startsAt"}}}'

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}

function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name)
}

function isKeywordType(type: string): type is KeywordType {
  return Object.prototype.hasOwnProperty.call(ACCEPTS, type)
}

/** thing1 → { type: 'thing', n: '1' }; null when it is not a type followed by a number. */
export function splitKeyword(keyword: string): { type: string; n: string } | null {
  const m = /^([a-z]+(?:_[a-z]+)*)(\d+)$/.exec(keyword)
  return m ? { type: m[1], n: m[2] } : null
}

/**
 * Reads SUBSCRIBE_TEMPLATES once per function instance: template name → the WeChat template id and which of
 * our fields fills each keyword. Unset means no push at all (inbox only). A bad entry is reported and left
 * out, so the other templates still push and the app keeps working; `init` repeats the problems daily.
 */
export function parseSubscribeTemplates(json: string | undefined): ParsedSubscribeConfig {
  const templates: SubscribeConfig = {}
  const problems: string[] = []
  if (json === undefined || json.trim() === '') return { templates, problems }
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    return { templates, problems: [`${SUBSCRIBE_TEMPLATES} 不是合法的 JSON（${reason}），例如 ${EXAMPLE}`] }
  }
  if (!isRecord(parsed)) {
    return { templates, problems: [`${SUBSCRIBE_TEMPLATES} 应是一个对象，例如 ${EXAMPLE}`] }
  }
  for (const [name, entry] of Object.entries(parsed)) {
    const at = `${SUBSCRIBE_TEMPLATES}.${name}`
    if (!isTemplateName(name)) {
      problems.push(`${at}：没有名为 ${name} 的模板（可用：${TEMPLATE_NAMES.join('、')}）`)
      continue
    }
    const before = problems.length
    const config = parseEntry(name, entry, at, problems)
    if (config && problems.length === before) templates[name] = config
  }
  return { templates, problems }
}

/** The configured templates in TEMPLATE_NAMES order. */
export function configuredTemplates(config: ParsedSubscribeConfig): [TemplateName, TemplateConfig][] {
  const out: [TemplateName, TemplateConfig][] = []
  for (const name of TEMPLATE_NAMES) {
    const template = config.templates[name]
    if (template) out.push([name, template])
  }
  return out
}

/**
 * The configuration of this function instance, from its environment. TEMPLATE_IDS (names → ids, before
 * 2026-12) held no keyword mapping, so it cannot be read as SUBSCRIBE_TEMPLATES: it is reported instead.
 */
export function subscribeConfigFromEnv(env: Readonly<Record<string, string | undefined>>): ParsedSubscribeConfig {
  const parsed = parseSubscribeTemplates(env.SUBSCRIBE_TEMPLATES)
  if (env.TEMPLATE_IDS && !env.SUBSCRIBE_TEMPLATES) {
    parsed.problems.push(`TEMPLATE_IDS 已不再使用：请改设 ${SUBSCRIBE_TEMPLATES}（每个模板的 ID 和关键词对应的字段）`)
  }
  return parsed
}

function parseEntry(name: TemplateName, entry: unknown, at: string, problems: string[]): TemplateConfig | null {
  if (!isRecord(entry)) {
    problems.push(`${at} 应是 {"id": "<模板ID>", "fields": {"<关键词>": "<字段>"}}`)
    return null
  }
  for (const key of Object.keys(entry)) {
    if (key !== 'id' && key !== 'fields') problems.push(`${at}.${key}：不认识的设置（只有 id 和 fields）`)
  }
  const id = entry.id
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    problems.push(`${at}.id 应是微信公众平台「订阅消息 → 我的模板」里的模板 ID`)
  }
  const fields = entry.fields
  if (!isRecord(fields) || Object.keys(fields).length === 0) {
    problems.push(`${at}.fields 应是「微信关键词 → 字段」的对象，至少一项，如 {"thing1": "title"}`)
    return null
  }
  const keywords: KeywordMapping[] = []
  for (const [keyword, field] of Object.entries(fields)) {
    const mapping = parseKeyword(name, keyword, field, `${at}.fields.${keyword}`, problems)
    if (mapping) keywords.push(mapping)
  }
  return typeof id === 'string' ? { id, keywords } : null
}

function parseKeyword(
  name: TemplateName,
  keyword: string,
  field: unknown,
  at: string,
  problems: string[],
): KeywordMapping | null {
  const split = splitKeyword(keyword)
  if (!split) {
    problems.push(`${at}：关键词应是类型加编号，如 thing1、time2（见模板详情里的 {{thing1.DATA}}）`)
    return null
  }
  const { type } = split
  if (!isKeywordType(type)) {
    const label = WECHAT_TYPE_LABELS[type]
    problems.push(
      label
        ? `${at}：${type}（${label}）类型的关键词本应用填不了（只填 thing、time、date、phrase、name），请换一个模板`
        : `${at}：不认识的关键词类型 ${type}`,
    )
    return null
  }
  if (typeof field !== 'string') {
    problems.push(`${at} 应是字段名（可用：${templateFieldNames(name).join('、')}）`)
    return null
  }
  const spec = templateField(name, field)
  if (!spec) {
    problems.push(`${at}：${name} 模板没有字段 ${field}（可用：${templateFieldNames(name).join('、')}）`)
    return null
  }
  const accepted: readonly FieldKind[] = ACCEPTS[type]
  if (!accepted.includes(spec.kind)) {
    problems.push(
      `${at}：字段 ${field}（${spec.label}）是${KIND_LABELS[spec.kind]}，填不进 ${type}（${WECHAT_TYPE_LABELS[type]}）类型的关键词`,
    )
    return null
  }
  return { keyword, type, field, kind: spec.kind }
}

/** Whole characters: a cut never splits an emoji's surrogate pair. */
function chars(text: string): string[] {
  return Array.from(text)
}

/**
 * At most `max` characters, counted in UTF-16 units: the same as characters for Chinese, and on the safe side
 * for an emoji, whichever way WeChat counts it. With `ellipsis` the last place holds 「…」.
 */
function cut(text: string, max: number, ellipsis: boolean): string {
  if (text.length <= max) return text
  const room = ellipsis ? max - ELLIPSIS.length : max
  let out = ''
  for (const c of chars(text)) {
    if (out.length + c.length > room) break
    out += c
  }
  return ellipsis ? out + ELLIPSIS : out
}

function instant(raw: string, field: string): Date {
  const d = new Date(raw)
  if (Number.isNaN(d.getTime())) throw new Error(`field ${field} is not an instant: ${raw}`)
  return d
}

function day(raw: string, field: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new Error(`field ${field} is not a YYYY-MM-DD day: ${raw}`)
  return raw
}

/** 2026年12月3日 14:30, read on a Shanghai clock: WeChat's time form "with 年月日". */
function chineseDateTime(d: Date): string {
  return `${chineseFullDate(shanghaiDate(d))} ${shanghaiClock(d)}`
}

/** The value of one keyword from one field, shaped to the keyword type's rule (see the table above). */
export function formatValue(mapping: Pick<KeywordMapping, 'type' | 'kind' | 'field'>, raw: string): string {
  const { type, kind, field } = mapping
  if (kind === 'instant') {
    const d = instant(raw, field)
    return type === 'date' ? chineseFullDate(shanghaiDate(d)) : chineseDateTime(d)
  }
  if (kind === 'day') return chineseFullDate(day(raw, field))
  const text = raw.replace(/\s+/g, ' ').trim()
  switch (type) {
    case 'thing':
      return cut(text, THING_MAX, true) || EMPTY
    case 'phrase':
      // Pure Chinese: everything else (digits, punctuation, an ellipsis) would be refused.
      return (
        cut(
          chars(text)
            .filter((c) => HAN.test(c))
            .join(''),
          PHRASE_MAX,
          false,
        ) || EMPTY
      )
    case 'name': {
      if (HAN.test(text)) {
        const hanzi = chars(text).filter((c) => HAN.test(c) || c === '·')
        return cut(hanzi.join(''), NAME_MAX_CHINESE, false) || EMPTY
      }
      return cut(text.replace(/[^A-Za-z .'-]/g, ''), NAME_MAX_LATIN, false).trim() || EMPTY
    }
    default:
      // time/date take only instants and days (ACCEPTS); a text here is a configuration the parser let through.
      throw new Error(`field ${field} (${kind}) cannot fill a ${type} keyword`)
  }
}

/** `data` for subscribeMessage.send: every configured keyword, from the message's semantic values. */
export function templateData(
  config: TemplateConfig,
  values: Readonly<Record<string, string>>,
): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const mapping of config.keywords) {
    const raw = values[mapping.field]
    if (typeof raw !== 'string') throw new Error(`the message has no value for field ${mapping.field}`)
    data[mapping.keyword] = { value: formatValue(mapping, raw) }
  }
  return data
}
