/**
 * Cloud storage as a function sees it through wx-server-sdk 4.0.2 (cloud.uploadFile / getTempFileURL /
 * downloadFile / deleteFile), files kept on disk under `dir`.
 *
 * Result shapes are the SDK's own (api/storage/api/*.ts and api/cloud/provider/tcb/api/*.ts):
 *   uploadFile     { fileID, statusCode, errMsg: 'uploadFile:ok' }
 *   getTempFileURL { fileList: [{ fileID, status, errMsg, maxAge, tempFileURL }], errMsg: 'getTempFileURL:ok' }
 *   downloadFile   { fileContent, statusCode, errMsg: 'downloadFile:ok' }
 *   deleteFile     { fileList: [{ fileID, status, errMsg }], errMsg: 'deleteFile:ok' }
 * A file the server reports with a code other than SUCCESS comes back as an item with `status` = the SDK's
 * number for that code (STORAGE_FILE_NONEXIST → -503003) and `errMsg` = its text ('storage file not exists'),
 * not as a thrown error.
 *
 * Errors are thrown as the SDK throws them:
 * - its own parameter checks (utils/assert.ts assertType) throw a CloudSDKError: errCode -1, errMsg
 *   "parameter.fileList should be array instead of undefined;";
 * - a refusal from the server arrives as @cloudbase/node-sdk 3.17.2's TcbError (its throwOnCode stays true: the
 *   `throwOnCode: false` wx-server-sdk passes in init is never read), which toSDKError rewrites to an Error with
 *   errCode -1, message = errMsg = "<api>:fail <message>", keeping the TcbError's string `code`.
 */
import { createHash } from 'crypto'
import * as fs from 'fs'
import * as path from 'path'

export interface StorageOptions {
  /** Folder for the stored files (created if missing). */
  dir: string
  /** Environment id, the `<env>` of cloud://<env>.<bucket>/<path> (default "emulator-env"). */
  env?: string
  /** Bucket name (default derived from env as CloudBase names them: "<hex of 2 chars>-<env>-<appid-ish>"). */
  bucket?: string
  /** Origin of temporary links (default https://<bucket>.tcb.qcloud.la, as CloudBase hands them out). */
  urlBase?: string
  /** Milliseconds since the epoch (default Date.now), for link expiry. */
  now?: () => number
}

export interface StorageError extends Error {
  errCode: number
  errMsg: string
  /** The CloudBase code (INVALID_PARAM, STORAGE_FILE_NONEXIST…) when the refusal came from the server. */
  code?: string
}

export interface TempFileItem {
  fileID: string
  status: number
  errMsg: string
  maxAge: number
  tempFileURL: string
}

export interface DeleteFileItem {
  fileID: string
  status: number
  errMsg: string
}

/** Per request: at most 50 files (Cloud.getTempFileURL「一次最多取 50 个」, Cloud.deleteFile「一次最多 50 个」). */
export const MAX_FILES_PER_CALL = 50

/** Temporary links: 默认一天且最大不超过一天 (getTempFileURL, wx-server-sdk reference). */
const DEFAULT_MAX_AGE = 86400
const MAX_LINK_SECONDS = 86400

// ───────────────────────────── errors ─────────────────────────────

/** CloudSDKError from the SDK's own checks: errCode -1, message "errCode: -1 unknown error | errMsg: …". */
function sdkCheckError(errMsg: string): StorageError {
  const e = new Error(`errCode: -1 unknown error | errMsg: ${errMsg}`) as StorageError
  e.errCode = -1
  e.errMsg = errMsg
  return e
}

/**
 * A refusal as toSDKError leaves it: "<api>:fail <message>", errCode -1; a server refusal (TcbError) keeps its
 * string `code`, an Error the SDK raised itself has none.
 */
function failError(api: string, message: string, code?: string): StorageError {
  const e = new Error(`${api}:fail ${message}`) as StorageError
  e.errCode = -1
  e.errMsg = e.message
  if (code) e.code = code
  return e
}

/** Status and text of a file the server reports as missing (TCB_ERR_CODE / ERR_CODE tables of the SDK). */
const NONEXIST = { status: -503003, errMsg: 'storage file not exists' }

const typeOf = (x: unknown): string => Object.prototype.toString.call(x).slice(8, -1).toLowerCase()

// ───────────────────────────── the emulator ─────────────────────────────

/**
 * The emulated storage. Its own enumerable properties are exactly the four SDK functions, so
 * `Object.entries(storage)` lists what a function may call; the helpers (readTempFileURL, fileIDOf, has) are
 * on the prototype.
 */
export class EmulatedStorage {
  readonly uploadFile: (params: unknown) => Promise<{ fileID: string; statusCode: number; errMsg: string }>
  readonly getTempFileURL: (params: unknown) => Promise<{ fileList: TempFileItem[]; errMsg: string }>
  readonly downloadFile: (params: unknown) => Promise<{ fileContent: Buffer; statusCode: number; errMsg: string }>
  readonly deleteFile: (params: unknown) => Promise<{ fileList: DeleteFileItem[]; errMsg: string }>

  readonly #objects: string
  readonly #env: string
  readonly #bucket: string
  readonly #urlBase: string
  readonly #now: () => number

  constructor(options: StorageOptions) {
    this.#env = options.env ?? 'emulator-env'
    this.#bucket = options.bucket ?? `${Buffer.from(this.#env.slice(0, 2)).toString('hex')}-${this.#env}-1300000000`
    this.#urlBase = (options.urlBase ?? `https://${this.#bucket}.tcb.qcloud.la`).replace(/\/+$/, '')
    this.#now = options.now ?? Date.now
    this.#objects = path.join(options.dir, 'objects')
    fs.mkdirSync(this.#objects, { recursive: true })

    this.uploadFile = async (params) => this.#upload(params)
    this.getTempFileURL = async (params) => this.#tempURLs(params)
    this.downloadFile = async (params) => this.#download(params)
    this.deleteFile = async (params) => this.#delete(params)
  }

  // ── helpers for tests and for the emulator's other parts ──

  /** The fileID uploadFile returns for this cloudPath: cloud://<env>.<bucket>/<cloudPath>. */
  fileIDOf(cloudPath: string): string {
    return `cloud://${this.#env}.${this.#bucket}/${cloudPath}`
  }

  /** Whether a file is stored under this fileID. */
  has(fileID: string): boolean {
    const cloudPath = this.#pathOf(fileID)
    return cloudPath !== null && fs.existsSync(this.#fileOf(cloudPath))
  }

  /**
   * What fetching a temporary link returns: the file's bytes, or undefined when the link is not one of ours,
   * its signature or path was altered, it has expired, or the file is gone (CloudBase answers 403/404).
   */
  readTempFileURL(url: string): Buffer | undefined {
    if (!url.startsWith(`${this.#urlBase}/`)) return undefined
    // Read by hand rather than with URL, which would resolve "." and ".." segments of the path.
    const [encoded, query = ''] = url.slice(this.#urlBase.length + 1).split('?', 2)
    let cloudPath: string
    try {
      cloudPath = decodeURIComponent(encoded)
    } catch {
      return undefined
    }
    const search = new URLSearchParams(query)
    const t = Number(search.get('t'))
    if (search.get('sign') !== this.#sign(cloudPath, t) || t * 1000 < this.#now()) return undefined
    const file = this.#fileOf(cloudPath)
    return fs.existsSync(file) ? fs.readFileSync(file) : undefined
  }

  // ── uploadFile ──

  #upload(params: unknown): { fileID: string; statusCode: number; errMsg: string } {
    const p = record(params)
    // wx-server-sdk uploadFile: assertType(options, { cloudPath: 'string' }), then fileContent must be truthy.
    if (typeof p.cloudPath !== 'string')
      throw sdkCheckError(`parameter.cloudPath should be string instead of ${typeOf(p.cloudPath)};`)
    if (!p.fileContent)
      throw failError('uploadFile', `Type of fileContent must be fs.ReadStream instead of ${typeof p.fileContent}`)
    // @cloudbase/node-sdk uploadFile: fileContent must be an fs.ReadStream or a Buffer (the emulator takes Buffers).
    if (!Buffer.isBuffer(p.fileContent))
      throw failError(
        'uploadFile',
        '[node-sdk] fileContent should be instance of fs.ReadStream or Buffer',
        'INVALID_PARAM',
      )
    const cloudPath = p.cloudPath
    // 文件名命名限制 (https://developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming.html): 不能为空，
    // 不能以/开头，不能出现连续/，编码长度最大为850个字节，不支持 ASCII 控制字符 CAN(24) EM(25) SUB(26) ESC(27).
    // The code and text CloudBase answers with are not documented (INVALID_PARAM and these texts: emulator's).
    const broken =
      cloudPath === ''
        ? 'cloudPath 不能为空'
        : cloudPath.startsWith('/')
          ? 'cloudPath 不能以/开头'
          : cloudPath.includes('//')
            ? 'cloudPath 不能出现连续/'
            : Buffer.byteLength(cloudPath) > 850
              ? 'cloudPath 编码长度最大为850个字节'
              : [...cloudPath].some((c) => c.charCodeAt(0) >= 24 && c.charCodeAt(0) <= 27)
                ? 'cloudPath 不支持 ASCII 控制字符 CAN、EM、SUB、ESC'
                : null
    if (broken) throw failError('uploadFile', broken, 'INVALID_PARAM')
    // Uploading to an existing path replaces the file (object storage semantics).
    fs.writeFileSync(this.#fileOf(cloudPath), p.fileContent)
    return { fileID: this.fileIDOf(cloudPath), statusCode: 200, errMsg: 'uploadFile:ok' }
  }

  // ── getTempFileURL ──

  #tempURLs(params: unknown): { fileList: TempFileItem[]; errMsg: string } {
    const p = record(params)
    // wx-server-sdk getTempFileURL: assertType(options, { fileList: 'array' }).
    if (!Array.isArray(p.fileList))
      throw sdkCheckError(`parameter.fileList should be array instead of ${typeOf(p.fileList)};`)
    const list: unknown[] = p.fileList
    // 一次最多取 50 个 (Cloud.getTempFileURL, https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/Cloud.getTempFileURL.md).
    // How CloudBase refuses a longer list is not documented (INVALID_PARAM and this text: emulator's).
    if (list.length > MAX_FILES_PER_CALL)
      throw failError(
        'getTempFileURL',
        `fileList 一次最多 ${MAX_FILES_PER_CALL} 个，收到 ${list.length} 个`,
        'INVALID_PARAM',
      )
    const items: { fileID: string; maxAge: number }[] = []
    for (const f of list) {
      // @cloudbase/node-sdk getTempFileURL: an element is a fileID string, or an object with both fileID and maxAge.
      if (typeof f === 'string') items.push({ fileID: f, maxAge: DEFAULT_MAX_AGE })
      else if (f !== null && typeof f === 'object') {
        const o = f as Record<string, unknown>
        if (!Object.prototype.hasOwnProperty.call(o, 'fileID') || !Object.prototype.hasOwnProperty.call(o, 'maxAge'))
          throw failError(
            'getTempFileURL',
            'fileList 的元素如果是对象，必须是包含 fileID 和 maxAge 的对象',
            'INVALID_PARAM',
          )
        items.push({ fileID: String(o.fileID), maxAge: typeof o.maxAge === 'number' ? o.maxAge : DEFAULT_MAX_AGE })
      } else throw failError('getTempFileURL', 'fileList的元素如果不是对象，则必须是字符串', 'INVALID_PARAM')
    }
    const fileList = items.map(({ fileID, maxAge }): TempFileItem => {
      // A fileID that names no stored file (or another environment's): STORAGE_FILE_NONEXIST, status -503003
      // (the code CloudBase uses here is not documented; NONEXIST is the SDK's code for it).
      if (!this.has(fileID)) return { fileID, ...NONEXIST, maxAge, tempFileURL: '' }
      const cloudPath = this.#pathOf(fileID) as string
      const expires = Math.floor(this.#now() / 1000) + Math.min(Math.max(1, maxAge), MAX_LINK_SECONDS)
      const tempFileURL = `${this.#urlBase}/${encodeCloudPath(cloudPath)}?sign=${this.#sign(cloudPath, expires)}&t=${expires}`
      return { fileID, status: 0, errMsg: 'ok', maxAge, tempFileURL }
    })
    return { fileList, errMsg: 'getTempFileURL:ok' }
  }

  // ── downloadFile ──

  #download(params: unknown): { fileContent: Buffer; statusCode: number; errMsg: string } {
    const p = record(params)
    // wx-server-sdk downloadFile: assertType(options, { fileID: 'string' }).
    if (typeof p.fileID !== 'string')
      throw sdkCheckError(`parameter.fileID should be string instead of ${typeOf(p.fileID)};`)
    // @cloudbase/node-sdk downloadFile gets a link first and throws when its code is not SUCCESS
    // (processReturn); the text is node-sdk's ERROR.STORAGE_FILE_NONEXIST message.
    if (!this.has(p.fileID)) throw failError('downloadFile', 'storage file not exist', 'STORAGE_FILE_NONEXIST')
    return {
      fileContent: fs.readFileSync(this.#fileOf(this.#pathOf(p.fileID) as string)),
      statusCode: 200,
      errMsg: 'downloadFile:ok',
    }
  }

  // ── deleteFile ──

  #delete(params: unknown): { fileList: DeleteFileItem[]; errMsg: string } {
    const p = record(params)
    // wx-server-sdk deleteFile: assertType(options, { fileList: 'array' }) and every element a string.
    if (!Array.isArray(p.fileList))
      throw sdkCheckError(`parameter.fileList should be array instead of ${typeOf(p.fileList)};`)
    const list: unknown[] = p.fileList
    list.forEach((f, i) => {
      if (typeof f !== 'string')
        throw failError('deleteFile', `Type of fileList[${i}] must be string instead of ${typeof f}`)
    })
    const ids = list as string[]
    // @cloudbase/node-sdk deleteFile: fileList的元素必须是非空的字符串.
    if (ids.some((f) => f === '')) throw failError('deleteFile', 'fileList的元素必须是非空的字符串', 'INVALID_PARAM')
    // 一次最多 50 个 (Cloud.deleteFile, https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/storage/Cloud.deleteFile.html).
    if (ids.length > MAX_FILES_PER_CALL)
      throw failError(
        'deleteFile',
        `fileList 一次最多 ${MAX_FILES_PER_CALL} 个，收到 ${ids.length} 个`,
        'INVALID_PARAM',
      )
    const fileList = ids.map((fileID): DeleteFileItem => {
      // Deleting a missing file: reported per item as STORAGE_FILE_NONEXIST (not confirmed).
      if (!this.has(fileID)) return { fileID, ...NONEXIST }
      fs.rmSync(this.#fileOf(this.#pathOf(fileID) as string))
      return { fileID, status: 0, errMsg: 'ok' }
    })
    return { fileList, errMsg: 'deleteFile:ok' }
  }

  // ── paths ──

  /** cloud://<env>.<bucket>/<cloudPath> → cloudPath, or null for another environment's or a malformed ID. */
  #pathOf(fileID: string): string | null {
    const prefix = `cloud://${this.#env}.${this.#bucket}/`
    return fileID.startsWith(prefix) && fileID.length > prefix.length ? fileID.slice(prefix.length) : null
  }

  /** Files are stored by a hash of their cloudPath, so any cloudPath (Chinese, "..", 850 bytes) is safe on disk. */
  #fileOf(cloudPath: string): string {
    return path.join(this.#objects, createHash('sha256').update(cloudPath).digest('hex'))
  }

  #sign(cloudPath: string, expires: number): string {
    return createHash('sha256').update(`${this.#bucket}\n${cloudPath}\n${expires}`).digest('hex').slice(0, 32)
  }
}

function record(x: unknown): Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {}
}

/** Chinese and other characters in a path are percent-encoded in links (文件名命名限制); "/" stays. */
function encodeCloudPath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/')
}

export function createStorage(options: StorageOptions): EmulatedStorage {
  return new EmulatedStorage(options)
}
