import { createHash, createHmac } from 'crypto'

/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256 (签名方法 v3,
 * https://cloud.tencent.com/document/api/876/34814 for tcb, the same for scf:
 * https://cloud.tencent.com/document/api/583/17238). The same canonical request @cloudbase/manager-node sends
 * (src/utils/cloud-api-request.ts): POST, JSON body, signed headers `content-type;host`.
 */

export interface Tc3Request {
  secretId: string
  secretKey: string
  /** The product's service name in the credential scope: `tcb`, `scf`. */
  service: string
  host: string
  /** The request path as sent ('/' on tencentcloudapi.com). */
  path: string
  /** Unix seconds; the date in the scope is its UTC day. */
  timestamp: number
  body: string
}

export const TC3_CONTENT_TYPE = 'application/json'

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest()

/** The UTC day of a Unix time, YYYY-MM-DD, as the credential scope wants it. */
export function utcDay(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10)
}

/** The `Authorization` header value for one request. */
export function tc3Authorization(req: Tc3Request): string {
  const signedHeaders = 'content-type;host'
  const canonicalHeaders = `content-type:${TC3_CONTENT_TYPE}\nhost:${req.host}\n`
  const canonicalRequest = ['POST', req.path, '', canonicalHeaders, signedHeaders, sha256Hex(req.body)].join('\n')
  const day = utcDay(req.timestamp)
  const scope = `${day}/${req.service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(req.timestamp), scope, sha256Hex(canonicalRequest)].join('\n')
  const signingKey = hmac(hmac(hmac(`TC3${req.secretKey}`, day), req.service), 'tc3_request')
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex')
  return `TC3-HMAC-SHA256 Credential=${req.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}
