/**
 * The open APIs (云调用) our cloud functions call, as WeChat answers them through wx-server-sdk 4.0.2:
 * subscribeMessage.send / getTemplateList, security.msgSecCheck / imgSecCheck / mediaCheckAsync and
 * wxacode.getUnlimited. Rules are WeChat's documented ones (each cites its document); where a document does
 * not say what WeChat does, the comment says "not confirmed" and what the emulator chose.
 *
 * Image checks — which API a cloud function should use for images a user uploads: security.mediaCheckAsync
 * (内容安全 2.0, version 2). security.imgSecCheck is 1.0: "1.0版本已于2021年9月1日停止更新维护，请使用新的接口
 * mediaCheckAsync" (security.imgSecCheck, https://developers.weixin.qq.com/miniprogram/dev/framework/security.imgSecCheck.html),
 * and it takes at most 1M per image. mediaCheckAsync (多媒体内容安全识别,
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_mediacheckasync) takes up
 * to 10M, but it is asynchronous: the call returns only a trace_id (`traceId` through wx-server-sdk, which
 * camel-cases results), and the verdict is pushed within 30 minutes to the message-push endpoint (消息推送,
 * e.g. a cloud function) as a `wxa_media_check` event carrying `trace_id`. So our app should: upload the image,
 * keep it unpublished, call mediaCheckAsync with an https temporary link (getTempFileURL — WeChat must be able
 * to download media_url; a cloud:// ID is not downloadable, per WeChat staff in the 开放社区), the uploader's
 * openid (who must have used the app in the last two hours) and scene, store trace_id → file, and publish or
 * delete the image when the event arrives (or hold it for a person to look at when no event comes).
 *
 * Errors are thrown as wx-server-sdk throws WeChat's errors (its api/openapi/namespace/generic.ts): when the
 * reply carries an errcode it throws `new CloudSDKError({ errCode: errcode, errMsg: apiFailMsg(api, errmsg) })`,
 * i.e. an Error with `errCode` = WeChat's code and `errMsg` = `openapi.<api>:fail <WeChat's errmsg>` (e.g.
 * `openapi.subscribeMessage.send:fail user refuse to accept the msg rid: …`), whose `message` is
 * `errCode: 43101  | errMsg: …` (utils/error.ts). The code is not repeated inside errMsg for open APIs; the
 * `<api>:fail <code> <text>. …` form is toSDKError's, used for database and storage errors.
 *
 * Results are camel-cased as the SDK does (`trace_id` → `traceId`), and params are read after the SDK's own
 * camel → snake conversion (`templateId` → `template_id`), so either spelling works, as with the real SDK.
 */
import { createHash, randomBytes } from 'crypto'
import { deflateSync } from 'zlib'

// ───────────────────────────── public types ─────────────────────────────

/** An entry of 我的模板 exactly as subscribeMessage.getTemplateList returns it. */
export interface SubscribeTemplate {
  priTmplId: string
  title: string
  /** e.g. "活动名称:{{thing1.DATA}}\n开始时间:{{time2.DATA}}" */
  content: string
  example: string
  /** 2 一次性订阅, 3 长期订阅 (getTemplateList). */
  type: number
  keywordEnumValueList?: { keywordCode: string; enumValueList: string[] }[]
}

export interface OpenapiOptions {
  /** The account's template library (我的模板). */
  templates: SubscribeTemplate[]
  /** The app's pages as in app.json, without a leading slash: `pages/index/index`. The first is the home page. */
  pages: string[]
  /** msgSecCheck flags content containing any of these (default: two harmless test words). */
  riskyWords?: string[]
  /** An image whose bytes contain this marker is judged risky by imgSecCheck and mediaCheckAsync. */
  riskyImageMarker?: string
  /** How WeChat's checker downloads a media_url (e.g. the storage emulator's temporary links); none = unreachable. */
  fetchMedia?: (url: string) => Buffer | undefined | Promise<Buffer | undefined>
  /** The mini program's AppID and original id (gh_…), as pushed events carry them. */
  appid?: string
  username?: string
  /** Milliseconds since the epoch (default Date.now). */
  now?: () => number
}

export interface SentMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, string>
  miniprogramState: string
  lang: string
  msgid: number
}

export interface FailedCall {
  api: string
  errCode: number
  errMsg: string
  params: unknown
}

export interface OpenapiError extends Error {
  errCode: number
  errMsg: string
}

export interface SecCheckDetail {
  strategy: string
  errcode: number
  suggest?: 'pass' | 'review' | 'risky'
  label?: number
  prob?: number
  level?: number
  keyword?: string
}

export interface MsgSecCheckResult {
  errCode: 0
  errMsg: string
  traceId?: string
  result?: { suggest: 'pass' | 'review' | 'risky'; label: number }
  detail?: SecCheckDetail[]
}

/** The `wxa_media_check` event WeChat pushes to the message-push endpoint (not camel-cased: it is not a reply). */
export interface MediaCheckEvent {
  ToUserName: string
  FromUserName: string
  CreateTime: number
  MsgType: 'event'
  Event: 'wxa_media_check'
  appid: string
  trace_id: string
  version: 2
  result: { suggest: 'pass' | 'review' | 'risky'; label: string }
  detail: { strategy: string; errcode: number; suggest?: string; label?: string; prob?: number }[]
}

export interface GeneratedCode {
  scene: string
  page: string
  checkPath: boolean
  envVersion: string
  width: number
  contentType: string
}

// ───────────────────────────── errors ─────────────────────────────

class WxOpenapiError extends Error implements OpenapiError {
  readonly errCode: number
  readonly errMsg: string
  constructor(errCode: number, errMsg: string) {
    // CloudSDKError's message: `errCode: ${code} ${ERR_CODE[code] || ''} | errMsg: …`; WeChat's codes have no
    // entry in the SDK's ERR_CODE table, hence the two spaces.
    super(`errCode: ${errCode}  | errMsg: ${errMsg}`)
    this.errCode = errCode
    this.errMsg = errMsg
  }
}

/** WeChat ends every errmsg with a request id: "user refuse to accept the msg rid: 6472dfd0-536f4e2c-16f28abc". */
function rid(): string {
  const hex = randomBytes(12).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`
}

class Refusal {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {}
}

const refuse = (errcode: number, errmsg: string): Refusal => new Refusal(errcode, errmsg)

// ───────────────────────────── params ─────────────────────────────

type Params = Record<string, unknown>

function isRecord(x: unknown): x is Params {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !Buffer.isBuffer(x)
}

/** wx-server-sdk's utils.convertCase camel → snake, recursive (it leaves Buffers alone). */
function toSnake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnake)
  if (!isRecord(value)) return value
  const out: Params = {}
  for (const [key, v] of Object.entries(value)) {
    out[key.replace(/[A-Z]/g, (m, i: number) => `${i ? '_' : ''}${m.toLowerCase()}`)] = toSnake(v)
  }
  return out
}

const text = (p: Params, key: string): string | undefined =>
  typeof p[key] === 'string' ? (p[key] as string) : undefined

// ───────────────────────────── subscribe-message value rules ─────────────────────────────

const chars = (s: string): string[] => Array.from(s)
const isHan = (c: string): boolean => /^\p{Script=Han}$/u.test(c)
const isLetter = (c: string): boolean => /^[A-Za-z]$/.test(c)
const isDigit = (c: string): boolean => /^[0-9]$/.test(c)
/** A 符号: punctuation or symbol, ASCII or not (。，·￥…). */
const isSymbol = (c: string): boolean => /^[\p{P}\p{S}]$/u.test(c)

/** 2019年10月1日 or 2019-10-01 (the document's own example writes date2 as "2019-12-25 09:42"). */
function isDay(s: string): boolean {
  const m = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日|-(\d{1,2})-(\d{1,2}))$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** 15:01, optionally with seconds (getTemplateList's own example shows time1 as "2021年10月21日 12:00:00"). */
function isClock(s: string): boolean {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s)
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && (m[3] === undefined || Number(m[3]) <= 59)
}

/** One point of a time or date value: `day`, `clock` or `day clock`, as the type requires. */
function isPoint(s: string, type: 'time' | 'date'): boolean {
  const parts = s.trim().split(/\s+/)
  if (parts.length === 2) return isDay(parts[0]) && isClock(parts[1])
  if (parts.length !== 1) return false
  return type === 'time' ? isClock(parts[0]) : isDay(parts[0])
}

/** 支持填时间段，两个时间点之间用“~”符号连接 (time and date). */
function isPointOrRange(s: string, type: 'time' | 'date'): boolean {
  const points = s.split('~')
  return points.length <= 2 && points.every((p) => isPoint(p, type))
}

/**
 * Each keyword type's rule, from 订阅消息参数值内容限制说明 in 发送订阅消息
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage).
 * Lengths count characters (code points); the document does not say how (not confirmed).
 */
const VALUE_RULES: Record<string, (v: string) => boolean> = {
  // thing.DATA 事物: 20个以内字符，可汉字、数字、字母或符号组合 (no control characters such as newlines: emulator).
  thing: (v) => chars(v).length <= 20 && !/\p{Cc}/u.test(v),
  // number.DATA 数字: 32位以内数字，只能数字，可带小数.
  number: (v) => /^\d+(?:\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  // letter.DATA 字母: 32位以内字母，只能字母.
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  // symbol.DATA 符号: 5位以内符号，只能符号.
  symbol: (v) => chars(v).length <= 5 && chars(v).every(isSymbol),
  // character_string.DATA 字符串: 32位以内数字、字母或符号.
  character_string: (v) => chars(v).length <= 32 && chars(v).every((c) => isLetter(c) || isDigit(c) || isSymbol(c)),
  // time.DATA 时间: 24小时制时间格式（支持+年月日），支持填时间段 (15:01, 2019年10月1日 15:01).
  time: (v) => isPointOrRange(v, 'time'),
  // date.DATA 日期: 年月日格式（支持+24小时制时间），支持填时间段 (2019年10月1日, 2019年10月1日 15:01).
  date: (v) => isPointOrRange(v, 'date'),
  // amount.DATA 金额: 1个币种符号+10位以内纯数字，可带小数，结尾可带“元” (the symbol is taken as optional: not confirmed).
  amount: (v) => /^\p{Sc}?\d{1,10}(?:\.\d+)?元?$/u.test(v),
  // phone_number.DATA 电话: 17位以内，数字、符号 (+86-0766-66888866).
  phone_number: (v) => chars(v).length <= 17 && chars(v).every((c) => isDigit(c) || isSymbol(c)),
  // car_number.DATA 车牌: 8位以内，第一位与最后一位可为汉字，其余为字母或数字 (粤A8Z888挂).
  car_number: (v) => {
    const cs = chars(v)
    return (
      cs.length <= 8 && cs.every((c, i) => isLetter(c) || isDigit(c) || ((i === 0 || i === cs.length - 1) && isHan(c)))
    )
  },
  // name.DATA 姓名: 10个以内纯汉字或20个以内纯字母或符号；中文和字母混合按中文名算，10个字内
  // (a space between Latin names is taken as a 符号: not confirmed).
  name: (v) => {
    const cs = chars(v)
    if (cs.some(isHan)) return cs.length <= 10 && cs.every((c) => isHan(c) || isLetter(c) || isSymbol(c))
    return cs.length <= 20 && cs.every((c) => isLetter(c) || isSymbol(c) || c === ' ')
  },
  // phrase.DATA 汉字: 5个以内纯汉字 (配送中).
  phrase: (v) => chars(v).length <= 5 && chars(v).every(isHan),
}

interface Keyword {
  key: string
  check: (v: string) => boolean
}

/** A template's keywords ({{thing1.DATA}} → thing1, type thing), checked when the emulator is configured. */
function keywordsOf(t: SubscribeTemplate): Keyword[] {
  const out: Keyword[] = []
  for (const m of t.content.matchAll(/\{\{\s*([A-Za-z_]+\d+)\.DATA\s*\}\}/g)) {
    const key = m[1]
    const type = /^([a-z]+(?:_[a-z]+)*)\d+$/.exec(key)?.[1] ?? ''
    // enum.DATA 枚举值: 只能上传枚举值范围内的字段值 (getTemplateList's keywordEnumValueList, keywordCode "enum_string2.DATA").
    const enumValues = t.keywordEnumValueList?.find((e) => e.keywordCode === `${key}.DATA` || e.keywordCode === key)
    if (enumValues) {
      out.push({ key, check: (v) => enumValues.enumValueList.includes(v) })
      continue
    }
    const rule = VALUE_RULES[type]
    if (!rule)
      throw new Error(`template ${t.priTmplId}: keyword ${key} has a type (${type}) the emulator does not know`)
    out.push({ key, check: rule })
  }
  if (out.length === 0) throw new Error(`template ${t.priTmplId}: no {{keyword.DATA}} in its content`)
  return out
}

// ───────────────────────────── images ─────────────────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/**
 * A real PNG of size×size, 8-bit grey + alpha: a 21×21 grid of dark modules drawn from `seed` on a transparent
 * ground (it decodes; it is not a code).
 */
function makePng(size: number, seed: Buffer): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 4 // greyscale with alpha
  const row = 1 + 2 * size
  const raw = Buffer.alloc(row * size) // filter byte 0 (none) per row; transparent white where left 0
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const bit = Math.floor((y * 21) / size) * 21 + Math.floor((x * 21) / size)
      const dark = (seed[(bit >> 3) % seed.length] >> (bit & 7)) & 1
      raw[y * row + 1 + 2 * x] = dark ? 0 : 255
      raw[y * row + 2 + 2 * x] = dark ? 255 : 0
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A real baseline JPEG of size×size in one light grey: every 8×8 block has the same DC and no AC, so the
 * entropy data is one DC value then "no change, end of block" per block, with two tiny Huffman tables.
 */
function makeJpeg(size: number): Buffer {
  const grey = 240
  const dc = 8 * (grey - 128) // the DCT's DC term of a flat block, quantised by 1
  const category = Math.floor(Math.log2(dc)) + 1
  const bits: number[] = []
  const put = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >> i) & 1)
  }
  const blocks = Math.ceil(size / 8) ** 2
  put(0b01, 2) // DC table code 01 = category `category`
  put(dc, category)
  put(0, 1) // AC table code 0 = EOB
  for (let i = 1; i < blocks; i++) {
    put(0b00, 2) // DC difference 0
    put(0, 1) // EOB
  }
  while (bits.length % 8) bits.push(1)
  const scan: number[] = []
  for (let i = 0; i < bits.length; i += 8) {
    const byte = bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0)
    scan.push(byte)
    if (byte === 0xff) scan.push(0x00)
  }
  const segment = (marker: number, body: number[]): number[] => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ]
  const sixteen = (first: number[]): number[] => [...first, ...new Array<number>(16 - first.length).fill(0)]
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, size >> 8, size & 0xff, size >> 8, size & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...sixteen([0, 2]), 0, category]),
    ...segment(0xc4, [0x10, ...sixteen([1]), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff,
    0xd9,
  ])
}

/** Pixel size from a PNG, GIF or JPEG header; null when the bytes are none of these. */
function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47)
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
  if (b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF')
    return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2
    while (i + 9 < b.length && b[i] === 0xff) {
      const marker = b[i + 1]
      const length = b.readUInt16BE(i + 2)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) }
      i += 2 + length
    }
  }
  return null
}

// ───────────────────────────── the emulator ─────────────────────────────

const DEFAULT_RISKY_WORDS = ['违规测试词', '风险测试词']
const DEFAULT_RISKY_IMAGE_MARKER = 'EMULATOR-RISKY-IMAGE'
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/

interface PendingMediaCheck {
  traceId: string
  openid: string
  mediaUrl: string
}

type SecCheckApi = {
  msgSecCheck(params: unknown): Promise<MsgSecCheckResult>
  imgSecCheck(params: unknown): Promise<{ errCode: 0; errMsg: string }>
  mediaCheckAsync(params: unknown): Promise<{ errCode: 0; errMsg: string; traceId: string }>
}

/**
 * The emulated `cloud.openapi`. Its own enumerable properties are only the API namespaces, so
 * `Object.entries(openapi)` lists exactly what a function may call; the helpers for tests (grantConsent,
 * sent, failures, …) live on the prototype.
 */
export class EmulatedOpenapi {
  readonly subscribeMessage: {
    send(params: unknown): Promise<{ errCode: 0; errMsg: string; msgid: number }>
    getTemplateList(params?: unknown): Promise<{ errCode: 0; errMsg: string; data: SubscribeTemplate[] }>
  }
  readonly security: SecCheckApi
  readonly wxacode: {
    getUnlimited(params: unknown): Promise<{ errCode: 0; errMsg: string; contentType: string; buffer: Buffer }>
  }

  readonly #templates: SubscribeTemplate[]
  readonly #keywords = new Map<string, Keyword[]>()
  readonly #pages: Set<string>
  readonly #home: string
  readonly #riskyWords: string[]
  readonly #riskyImage: Buffer
  readonly #fetchMedia: OpenapiOptions['fetchMedia']
  readonly #appid: string
  readonly #username: string
  readonly #now: () => number
  readonly #consents = new Map<string, number>()
  readonly #sent: SentMessage[] = []
  readonly #failures: FailedCall[] = []
  readonly #pending: PendingMediaCheck[] = []
  readonly #codes: GeneratedCode[] = []
  #msgSecCheckCalls = 0
  #longestContent = 0
  #msgid = 1000

  constructor(options: OpenapiOptions) {
    this.#templates = options.templates.map((t) => structuredClone(t))
    for (const t of this.#templates) this.#keywords.set(t.priTmplId, keywordsOf(t))
    if (options.pages.length === 0) throw new Error('the app needs at least one page')
    for (const p of options.pages) if (p.startsWith('/')) throw new Error(`pages are listed without a leading /: ${p}`)
    this.#pages = new Set(options.pages)
    this.#home = options.pages[0]
    this.#riskyWords = options.riskyWords ?? DEFAULT_RISKY_WORDS
    this.#riskyImage = Buffer.from(options.riskyImageMarker ?? DEFAULT_RISKY_IMAGE_MARKER)
    this.#fetchMedia = options.fetchMedia
    this.#appid = options.appid ?? 'wx0000000000000000'
    this.#username = options.username ?? 'gh_000000000000'
    this.#now = options.now ?? Date.now

    this.subscribeMessage = {
      send: (params) => this.#call('subscribeMessage.send', params, (p) => this.#send(p)),
      getTemplateList: (params) =>
        this.#call('subscribeMessage.getTemplateList', params ?? {}, () => ({
          data: this.#templates.map((t) => structuredClone(t)),
        })),
    }
    this.security = {
      msgSecCheck: (params) => this.#call('security.msgSecCheck', params, (p) => this.#msgSecCheck(p)),
      imgSecCheck: (params) => this.#call('security.imgSecCheck', params, (p) => this.#imgSecCheck(p)),
      mediaCheckAsync: (params) => this.#call('security.mediaCheckAsync', params, (p) => this.#mediaCheckAsync(p)),
    }
    this.wxacode = {
      getUnlimited: (params) => this.#call('wxacode.getUnlimited', params, (p) => this.#getUnlimited(p)),
    }
  }

  // ── helpers for tests ──

  /** The user tapped 允许 for this template in wx.requestSubscribeMessage, `n` times. */
  grantConsent(openid: string, templateId: string, n = 1): void {
    if (!this.#keywords.has(templateId)) throw new Error(`no template ${templateId} in the library`)
    if (!Number.isInteger(n) || n < 1) throw new Error(`consents come one tap at a time: ${n}`)
    const key = consentKey(openid, templateId)
    this.#consents.set(key, (this.#consents.get(key) ?? 0) + n)
  }

  /** Sends this user can still receive with this template. */
  consentsLeft(openid: string, templateId: string): number {
    return this.#consents.get(consentKey(openid, templateId)) ?? 0
  }

  /** Every subscribe message WeChat accepted, in order. */
  get sent(): readonly SentMessage[] {
    return this.#sent
  }

  /** Every refused open-API call, in order. */
  get failures(): readonly FailedCall[] {
    return this.#failures
  }

  /** msgSecCheck calls (refused ones too) and the longest content any of them carried, in characters. */
  get msgSecCheckStats(): { calls: number; longestContent: number } {
    return { calls: this.#msgSecCheckCalls, longestContent: this.#longestContent }
  }

  /** Mini-program codes generated, in order. */
  get codes(): readonly GeneratedCode[] {
    return this.#codes
  }

  /** mediaCheckAsync requests whose verdict has not been pushed yet. */
  get pendingMediaChecks(): number {
    return this.#pending.length
  }

  /**
   * WeChat's checker runs: each pending media_url is downloaded (through `fetchMedia`) and judged, and the
   * `wxa_media_check` events are returned, in request order, as the message-push endpoint would receive them.
   */
  async deliverMediaCheckResults(): Promise<MediaCheckEvent[]> {
    const batch = this.#pending.splice(0, this.#pending.length)
    const events: MediaCheckEvent[] = []
    for (const job of batch) events.push(await this.#judgeMedia(job))
    return events
  }

  // ── the call wrapper ──

  async #call<T extends object>(
    api: string,
    params: unknown,
    handle: (p: Params) => T,
  ): Promise<T & { errCode: 0; errMsg: string }> {
    const p = toSnake(isRecord(params) ? params : {}) as Params
    try {
      const result = handle(p)
      return { ...result, errMsg: `openapi.${api}:ok`, errCode: 0 as const }
    } catch (e) {
      if (!(e instanceof Refusal)) throw e
      const error = new WxOpenapiError(e.errcode, `openapi.${api}:fail ${e.errmsg} rid: ${rid()}`)
      this.#failures.push({ api, errCode: error.errCode, errMsg: error.errMsg, params })
      throw error
    }
  }

  // ── subscribeMessage.send ──

  #send(p: Params): { msgid: number } {
    const touser = text(p, 'touser') ?? ''
    const templateId = text(p, 'template_id') ?? ''
    // 40003 touser字段openid为空或者不正确 (subscribeMessage.send, errcode 的合法值).
    if (touser.trim() === '') throw refuse(40003, 'invalid openid')
    // 40037 订阅模板id为空不正确 (subscribeMessage.send).
    const keywords = this.#keywords.get(templateId)
    if (!keywords) throw refuse(40037, 'invalid template_id')
    const template = this.#templates.find((t) => t.priTmplId === templateId)
    // 43101 用户拒绝接受消息 (subscribeMessage.send). One-time templates (type 2) allow one send per tap of 允许;
    // long-term ones (type 3) allow many after one (小程序订阅消息 overview,
    // https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message-overview.html).
    // Consent is checked before the data, as 开放社区 reports show (a "phrase2":"aaa" send answered 43101); not
    // confirmed by a document.
    const key = consentKey(touser, templateId)
    if ((this.#consents.get(key) ?? 0) < 1) throw refuse(43101, 'user refuse to accept the msg')
    // 41030 page路径不正确，需要保证在现网版本小程序中存在，与app.json保持一致 (subscribeMessage.send); 仅限本小程序内的页面，
    // 支持带参数 (index?foo=bar). A leading / is accepted (开放社区 requests with "/pages/…" fail on other fields; not confirmed).
    const page = text(p, 'page')
    if (p.page !== undefined && (page === undefined || (page !== '' && !this.#pages.has(pathOf(page)))))
      throw refuse(41030, 'invalid page')
    // data: 模板内容 { "thing1": { "value": … } }; 47003 模板参数不准确，可能为空或者不满足规则，errmsg会提示具体是哪个字段出错.
    const data = isRecord(p.data) ? p.data : {}
    const values: Record<string, string> = {}
    for (const { key: k, check } of keywords) {
      const entry = data[k]
      const raw = isRecord(entry) ? entry.value : undefined
      const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined
      // "argument invalid! data.thing1.value is empty rid: …" (开放社区 reports of 47003).
      if (value === undefined || value.trim() === '') throw refuse(47003, `argument invalid! data.${k}.value is empty`)
      // "argument invalid! data.thing18.value invalid rid: …" (开放社区 reports of 47003).
      if (!check(value)) throw refuse(47003, `argument invalid! data.${k}.value invalid`)
      values[k] = value
    }
    // A key that is not one of the template's keywords: refused as 47003 too (emulator's choice; WeChat may ignore it).
    const extra = Object.keys(data).find((k) => !keywords.some((kw) => kw.key === k))
    if (extra !== undefined) throw refuse(47003, `argument invalid! data.${extra} is not a keyword of the template`)
    // miniprogram_state: developer / trial / formal (default formal); lang: zh_CN, en_US, zh_HK, zh_TW (default zh_CN)
    // (发送订阅消息). Other values are refused as 47003 (emulator's choice; not confirmed).
    const state = p.miniprogram_state ?? 'formal'
    if (state !== 'developer' && state !== 'trial' && state !== 'formal')
      throw refuse(47003, 'argument invalid! miniprogram_state invalid')
    const lang = p.lang ?? 'zh_CN'
    if (lang !== 'zh_CN' && lang !== 'en_US' && lang !== 'zh_HK' && lang !== 'zh_TW')
      throw refuse(47003, 'argument invalid! lang invalid')
    // Only a send WeChat accepts uses up the consent; a refused one does not (not documented: emulator's choice,
    // as nothing reached the user).
    if (template?.type !== 3) this.#consents.set(key, (this.#consents.get(key) ?? 0) - 1)
    this.#msgid += 1
    this.#sent.push({
      touser,
      templateId,
      ...(page ? { page } : {}),
      data: values,
      miniprogramState: state,
      lang,
      msgid: this.#msgid,
    })
    return { msgid: this.#msgid }
  }

  // ── security ──

  /**
   * msgSecCheck 2.0 (文本内容安全识别, https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck).
   */
  #msgSecCheck(p: Params): Omit<MsgSecCheckResult, 'errCode' | 'errMsg'> {
    const content = text(p, 'content') ?? ''
    this.#msgSecCheckCalls += 1
    this.#longestContent = Math.max(this.#longestContent, chars(content).length)
    // version: 接口版本号，2.0版本为固定值2. Without it WeChat runs 1.0 (security.msgSecCheck-v1,
    // https://developers.weixin.qq.com/miniprogram/dev/framework/security.msgSecCheck-v1.html): errcode 0 or
    // 87014 "risky content", content up to 500KB, no `result`.
    if (p.version !== 2 && p.version !== '2') {
      // 1.0: 要检测的文本内容，长度不超过 500KB (the error for a longer one is not documented: 47001 chosen).
      if (Buffer.byteLength(content) > 500 * 1024) throw refuse(47001, 'data format error')
      if (this.#riskyWords.some((w) => content.includes(w))) throw refuse(87014, 'risky content')
      return {}
    }
    // 40003 openid 无效 (msgSecCheck errcode 的合法值); 用户的openid（用户需在近两小时访问过小程序） is not emulated (61010).
    const openid = text(p, 'openid') ?? ''
    if (openid.trim() === '') throw refuse(40003, 'invalid openid')
    // 40129 场景值错误（目前支持场景 1 资料；2 评论；3 论坛；4 社交日志）.
    if (p.scene !== 1 && p.scene !== 2 && p.scene !== 3 && p.scene !== 4) throw refuse(40129, 'invalid scene')
    // 44002 传递的参数为空.
    if (content === '') throw refuse(44002, 'empty post data')
    // content: 文本字数的上限为2500字. The document gives no errcode for a longer text; 47001 (传递的参数格式不对,
    // in the same table) is the emulator's choice — not confirmed.
    if (chars(content).length > 2500) throw refuse(47001, 'data format error')
    const fields = [content, text(p, 'title') ?? '', text(p, 'nickname') ?? '', text(p, 'signature') ?? '']
    const hit = this.#riskyWords.find((w) => fields.some((f) => f.includes(w)))
    // result.suggest risky/pass/review, label 100 正常, 20001 时政 …; detail per strategy (msgSecCheck 返回参数;
    // the pass shape is a real reply quoted in 开放社区).
    const model: SecCheckDetail = { strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }
    return {
      traceId: traceId(),
      result: hit ? { suggest: 'risky', label: 20001 } : { suggest: 'pass', label: 100 },
      detail: hit
        ? [{ strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20001, level: 20, keyword: hit }, model]
        : [{ strategy: 'keyword', errcode: 0 }, model],
    }
  }

  /**
   * imgSecCheck 1.0 (security.imgSecCheck, https://developers.weixin.qq.com/miniprogram/dev/framework/security.imgSecCheck.html):
   * synchronous, media { contentType, value: Buffer }; errcode 87014 (thrown by the SDK) when risky.
   */
  #imgSecCheck(p: Params): object {
    const media = isRecord(p.media) ? p.media : undefined
    const value = media?.value
    // media 必填; the errcode for a missing one is not documented (41005 缺少多媒体文件数据, WeChat's general code: not confirmed).
    if (!media || !Buffer.isBuffer(value)) throw refuse(41005, 'media data missing')
    // 格式支持PNG、JPEG、JPG、GIF (40004 invalid media type: WeChat's general code, not confirmed for this API).
    const type = String(media.content_type ?? '').toLowerCase()
    if (!['image/png', 'image/jpeg', 'image/jpg', 'image/gif'].includes(type)) throw refuse(40004, 'invalid media type')
    // 图片大小限制：1M; 图片尺寸不超过 750px x 1334px. "40006 invalid media size" is what 开放社区 reports show.
    const size = imageSize(value)
    if (value.length > 1024 * 1024 || (size && (size.width > 750 || size.height > 1334)))
      throw refuse(40006, 'invalid media size')
    // 87014 内容可能潜在风险, errmsg "risky content".
    if (value.includes(this.#riskyImage)) throw refuse(87014, 'risky content')
    return {}
  }

  /** mediaCheckAsync 2.0 (多媒体内容安全识别, https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_mediacheckasync). */
  #mediaCheckAsync(p: Params): { traceId: string } {
    const mediaUrl = text(p, 'media_url') ?? ''
    // media_url 必填 (44002 传递的参数为空 for a missing one: emulator's choice).
    if (mediaUrl === '') throw refuse(44002, 'empty post data')
    // media_type 1:音频；2:图片 (40004 invalid media type for others: not confirmed).
    if (p.media_type !== 1 && p.media_type !== 2) throw refuse(40004, 'invalid media type')
    // version 接口版本号，2.0版本为固定值2. 1.0 (media_url + media_type only) is not emulated: refused as 47001.
    if (p.version !== 2 && p.version !== '2') throw refuse(47001, 'data format error: the emulator runs version 2 only')
    // openid 必填 (40003 invalid openid, as msgSecCheck); scene 1–4 (40129, as msgSecCheck): codes not confirmed here.
    const openid = text(p, 'openid') ?? ''
    if (openid.trim() === '') throw refuse(40003, 'invalid openid')
    if (p.scene !== 1 && p.scene !== 2 && p.scene !== 3 && p.scene !== 4) throw refuse(40129, 'invalid scene')
    // The call only queues the job ("0 检测请求已接收"); the verdict comes as a push event.
    const id = traceId()
    this.#pending.push({ traceId: id, openid, mediaUrl })
    return { traceId: id }
  }

  async #judgeMedia(job: PendingMediaCheck): Promise<MediaCheckEvent> {
    // media_url 需要保证可以被检测服务器下载 (an https link WeChat can open; cloud:// is not, per WeChat staff).
    const bytes =
      /^https?:\/\//.test(job.mediaUrl) && this.#fetchMedia ? await this.#fetchMedia(job.mediaUrl) : undefined
    const base = {
      ToUserName: this.#username,
      // The pushed FromUserName looks like the user's openid in real 2.0 events quoted in 开放社区 (not confirmed).
      FromUserName: job.openid,
      CreateTime: Math.floor(this.#now() / 1000),
      MsgType: 'event' as const,
      Event: 'wxa_media_check' as const,
      appid: this.#appid,
      trace_id: job.traceId,
      version: 2 as const,
    }
    // What 2.0 pushes when the file cannot be downloaded or is over 文件大小限制：单个文件大小不超过10M is not
    // documented: the emulator pushes suggest "review" with the strategy's errcode -1008 (1.0's 链接无法下载) or
    // 40006, so an app holding images on "review" is safe either way (not confirmed).
    if (!bytes || bytes.length > 10 * 1024 * 1024) {
      return {
        ...base,
        result: { suggest: 'review', label: '100' },
        detail: [{ strategy: 'content_model', errcode: bytes ? 40006 : -1008 }],
      }
    }
    // Labels arrive as strings in real 2.0 events ("label":"100", 开放社区 2025), numbers in the document.
    const risky = bytes.includes(this.#riskyImage)
    const verdict = risky ? { suggest: 'risky' as const, label: '20002' } : { suggest: 'pass' as const, label: '100' }
    return { ...base, result: verdict, detail: [{ strategy: 'content_model', errcode: 0, ...verdict, prob: 90 }] }
  }

  // ── wxacode.getUnlimited ──

  /** 获取不限制的小程序码 (https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode). */
  #getUnlimited(p: Params): { contentType: string; buffer: Buffer } {
    const scene = typeof p.scene === 'string' ? p.scene : typeof p.scene === 'number' ? String(p.scene) : ''
    // scene 必填，最大32个可见字符; 40169 "invalid length for scene, or the data is not json string" (开放社区 reports).
    if (scene.length === 0 || scene.length > 32)
      throw refuse(40169, 'invalid length for scene, or the data is not json string')
    // 只支持数字，大小写英文以及部分特殊字符：!#$&'()*+,/:;=?@-._~ ; 40129 "invalid scene" for others (开放社区 reports).
    if (!SCENE_CHARS.test(scene)) throw refuse(40129, 'invalid scene')
    // page: 默认是主页; 根路径前不要填加 /，不能携带参数; check_path 默认 true: page 必须是已经发布的小程序存在的页面,
    // false 时允许 page 不存在. 41030 "invalid page" (所传page页面不存在，或者小程序没有发布). The form rules are
    // applied even with check_path false (not confirmed).
    const page = p.page === undefined || p.page === '' ? this.#home : text(p, 'page')
    const checkPath = p.check_path !== false
    if (page === undefined || page.startsWith('/') || page.includes('?')) throw refuse(41030, 'invalid page')
    if (checkPath && !this.#pages.has(page)) throw refuse(41030, 'invalid page')
    // env_version: release / trial / develop (默认正式版); others refused as 40097 invalid args (not confirmed).
    const envVersion = p.env_version ?? 'release'
    if (envVersion !== 'release' && envVersion !== 'trial' && envVersion !== 'develop')
      throw refuse(40097, 'invalid args')
    // width: 默认430，最小 280px，最大 1280px; out-of-range values are taken to the nearest bound (not confirmed).
    const width = Math.min(1280, Math.max(280, typeof p.width === 'number' ? Math.round(p.width) : 430))
    // The image comes as JPEG ("content-type: image/jpeg" in 开放社区 replies and blog examples); with
    // is_hyaline (透明底色) it needs an alpha channel, so PNG (not confirmed).
    const hyaline = p.is_hyaline === true
    const contentType = hyaline ? 'image/png' : 'image/jpeg'
    const seed = createHash('sha256').update(`${page}\n${scene}`).digest()
    const buffer = hyaline ? makePng(width, seed) : makeJpeg(width)
    this.#codes.push({ scene, page, checkPath, envVersion: String(envVersion), width, contentType })
    return { contentType, buffer }
  }
}

function consentKey(openid: string, templateId: string): string {
  return `${openid}\u0000${templateId}`
}

/** The page of a link: "/pages/a/b?x=1" → "pages/a/b". */
function pathOf(link: string): string {
  return link.replace(/^\//, '').split('?')[0]
}

/** "63e64edc-16ebb171-098cba3f", as WeChat's trace ids look. */
function traceId(): string {
  return rid()
}

export function createOpenapi(options: OpenapiOptions): EmulatedOpenapi {
  return new EmulatedOpenapi(options)
}
