/**
 * Errors as wx-server-sdk 4.0.2 throws them to function code: an Error whose message reads
 * `<api>:fail <errCode> <text>` and which carries `errCode` and `errMsg` (its utils/error.ts `toSDKError`).
 * The store adapter and the notifier read exactly these fields, so the emulator must produce them.
 */
export interface CloudError extends Error {
  errCode: number
  errMsg: string
}

/** wx-server-sdk's short names for the CloudBase codes (its config/error.config.ts ERR_CODE table). */
const CODE_TEXT: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502002]: 'database invalid command',
  [-502005]: 'database collection not exists',
  [-503003]: 'storage file not exists',
  [-504002]: 'functions execute fail',
  [-504003]: 'functions execute timeout',
}

/** A server-side failure before the SDK names the API (the SDK prefixes `<api>:fail` when it rethrows). */
export function cloudError(errCode: number, errMsg: string): CloudError {
  const e = new Error(`errCode: ${errCode} ${CODE_TEXT[errCode] ?? ''} | errMsg: ${errMsg}`) as CloudError
  e.errCode = errCode
  e.errMsg = errMsg
  return e
}

/** The same failure as function code sees it from an SDK call such as `collection.get`. */
export function asApiError(api: string, e: unknown): unknown {
  if (!(e instanceof Error) || typeof (e as Partial<CloudError>).errCode !== 'number') return e
  const { errCode, errMsg } = e as CloudError
  const out = new Error(`${api}:fail ${errCode} ${CODE_TEXT[errCode] ?? ''}. ${errMsg}`) as CloudError
  out.errCode = errCode
  out.errMsg = `${api}:fail ${errCode} ${CODE_TEXT[errCode] ?? ''}. ${errMsg}`
  return out
}
