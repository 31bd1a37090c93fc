import * as sdk from 'wx-server-sdk'
import type { CloudDatabase } from '@/server/store/cloudbase-store'

/**
 * The part of wx-server-sdk our functions use, typed once here: its published typings declare `openapi` as
 * `Record<string, any>`, the database as union-typed promises, and DYNAMIC_CURRENT_ENV as a symbol.
 */
export interface SubscribeMessageParams {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}

/** One template of the account's 我的模板 (subscribeMessage.getTemplateList, cloud-call field names). */
export interface SubscribeTemplateInfo {
  priTmplId: string
  title: string
  /** e.g. "活动名称:{{thing1.DATA}}\n活动时间:{{time2.DATA}}\n" */
  content: string
  example?: string
  /** 2 one-time, 3 long-term. */
  type?: number
}

export interface TemplateListResult {
  errCode?: number
  errMsg?: string
  data?: SubscribeTemplateInfo[]
}

export interface MsgSecCheckParams {
  openid: string
  scene: 1 | 2 | 3 | 4
  version: 2
  content: string
}

export interface MsgSecCheckResult {
  errCode?: number
  result?: { suggest: 'pass' | 'review' | 'risky' | string; label: number }
}

/** mediaCheckAsync v2 as a cloud call: camelCase in, camelCase out (wx-server-sdk converts both ways). */
export interface MediaCheckAsyncParams {
  mediaUrl: string
  /** 1 audio, 2 picture. */
  mediaType: 1 | 2
  version: 2
  scene: 1 | 2 | 3 | 4
  openid: string
}

export interface MediaCheckAsyncResult {
  errCode?: number
  errMsg?: string
  /** What the verdict push names; `trace_id` over HTTPS, `traceId` from a cloud call. */
  traceId?: string
  trace_id?: string
}

export interface WxacodeParams {
  scene: string
  page: string
  checkPath: boolean
}

export interface WxacodeResult {
  errCode?: number
  errMsg?: string
  contentType?: string
  buffer?: Uint8Array
}

export interface UploadFileParams {
  cloudPath: string
  fileContent: Buffer
}

export interface UploadFileResult {
  fileID?: string
  statusCode?: number
  errMsg?: string
}

export interface GetTempFileUrlParams {
  fileList: { fileID: string; maxAge: number }[]
}

export interface GetTempFileUrlResult {
  fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[]
}

export interface CloudSdk {
  init(config: { env: string }): void
  DYNAMIC_CURRENT_ENV: unknown
  getWXContext(): { OPENID?: string }
  database(): CloudDatabase
  openapi: {
    subscribeMessage: {
      send(params: SubscribeMessageParams): Promise<unknown>
      getTemplateList(): Promise<TemplateListResult>
    }
    security: {
      msgSecCheck(params: MsgSecCheckParams): Promise<MsgSecCheckResult>
      mediaCheckAsync(params: MediaCheckAsyncParams): Promise<MediaCheckAsyncResult>
    }
    wxacode: { getUnlimited(params: WxacodeParams): Promise<WxacodeResult> }
  }
}

/** Cloud storage, kept apart so an adapter that needs only openapi is not handed (or faked with) storage. */
export interface CloudStorage {
  uploadFile(params: UploadFileParams): Promise<UploadFileResult>
  getTempFileURL(params: GetTempFileUrlParams): Promise<GetTempFileUrlResult>
}

export const cloud = sdk as unknown as CloudSdk & CloudStorage

/** `cloud.init` for a deployed function: the environment it runs in, whatever it is called. */
export function initCloud(): void {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as string })
}
