import type { ContentCheck } from '@/core/shared/ports'
import type { ImageVerdict } from '@/core/shared/image-checks'
import type { CloudSdk } from './sdk'

/** msgSecCheck / mediaCheckAsync v2 labels, as WeChat documents them, in words a teacher understands. */
const LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '不宜发布的',
}

/**
 * msgSecCheck v2 takes `content` of at most 2500 characters (文本字数的上限为2500字, UTF-8), with `version: 2`,
 * `scene` 1 资料 / 2 评论 / 3 论坛 / 4 社交日志 and the author's `openid` (who must have opened the app in the last
 * two hours): https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html
 * Counted here in UTF-16 units, which are never fewer than the characters WeChat counts.
 */
export const MSG_SEC_CHECK_MAX = 2500
/** Pieces of one text checked at once: a long notice answers in about one round trip per three pieces. */
const PARALLEL_PIECES = 3

const UNAVAILABLE = '内容安全检查暂时不可用，请稍后再试'
const IMAGE_UNAVAILABLE = '图片安全检查暂时不可用，请稍后再上传'

/**
 * Where to end a piece of at most `max` units: after the last line break in its second half, else after the
 * last sentence end, else after the last space or comma, else at `max` — one unit earlier when that would
 * part a surrogate pair, so no character is ever cut in two.
 */
function cutAt(text: string, max: number): number {
  const floor = Math.floor(max / 2)
  for (const stop of [/\n/, /[。！？；!?;.]/, /[\s，、,]/]) {
    for (let i = max - 1; i >= floor; i -= 1) if (stop.test(text[i])) return i + 1
  }
  const high = text.charCodeAt(max - 1)
  return high >= 0xd800 && high <= 0xdbff ? max - 1 : max
}

/** A text as pieces WeChat accepts, in order, none longer than `max`; blank pieces are left out. */
export function splitForCheck(text: string, max = MSG_SEC_CHECK_MAX): string[] {
  const pieces: string[] = []
  let rest = text
  while (rest.length > max) {
    const cut = cutAt(rest, max)
    pieces.push(rest.slice(0, cut))
    rest = rest.slice(cut)
  }
  pieces.push(rest)
  return pieces.filter((p) => p.trim() !== '')
}

/**
 * Checks the pieces at most `parallel` at a time, in order, and stops starting new ones once one is refused.
 * Resolves the refusal of the earliest refused piece (every earlier piece was started, so has answered), or null.
 */
export async function firstRefusal(
  pieces: string[],
  parallel: number,
  check: (piece: string) => Promise<string | null>,
): Promise<string | null> {
  const answers: (string | null)[] = pieces.map(() => null)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < pieces.length && !answers.some((a) => a !== null)) {
      const i = next
      next += 1
      answers[i] = await check(pieces[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, pieces.length) }, worker))
  return answers.find((a) => a !== null) ?? null
}

function refusalOf(suggest: string | undefined, label: number | string | undefined, what: '内容' | '图片'): string {
  const name = LABELS[Number(label ?? 0)]
  if (suggest === 'pass') return ''
  return name ? `${what}可能含有${name}信息` : `${what}未通过安全检查`
}

/**
 * WeChat's content security for text and pictures.
 *
 * Pictures: mediaCheckAsync v2, not imgSecCheck. WeChat stopped maintaining imgSecCheck (1.0) on 2021-09-01
 * and points to mediaCheckAsync ("1.0版本已于2021年9月1日停止更新维护，请使用新的接口mediaCheckAsync",
 * https://developers.weixin.qq.com/miniprogram/dev/framework/security.imgSecCheck.html); imgSecCheck also
 * takes at most 1 MB and 750×1334 px, less than the compressed phone photos teachers upload (our limit is
 * 2 MB). mediaCheckAsync takes a picture up to 10 MB by URL (`media_url` must be downloadable by WeChat's
 * checker; `media_type` 2 = picture; `version` 2; `scene`; `openid` of someone who used the app in the last
 * two hours) and answers with a `trace_id` only; the verdict is pushed within 30 minutes as a
 * `wxa_media_check` event naming that trace id:
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_mediacheckasync
 * So a picture is stored, kept from everyone but its uploader while pending, and settled by the `push`
 * function (cloudfunctions/push). wx-server-sdk turns our camelCase parameters into WeChat's snake_case and its
 * answer back into camelCase (`traceId`), and throws when WeChat answers an errcode (its openapi caller).
 */
export function createWechatContentCheck(cloud: Pick<CloudSdk, 'openapi'>): ContentCheck {
  const checkPiece = async (content: string, openid: string): Promise<string | null> => {
    try {
      // scene 2 = comment/post content.
      const res = await cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content })
      const refusal = refusalOf(res.result?.suggest, res.result?.label, '内容')
      return refusal ? `${refusal}，请修改后再提交` : null
    } catch (e) {
      // Fail closed: publishing unchecked text is worse than asking the teacher to retry.
      console.warn('[contentCheck] msgSecCheck failed', e)
      return UNAVAILABLE
    }
  }
  return {
    async check(text, openid) {
      return firstRefusal(splitForCheck(text), PARALLEL_PIECES, (piece) => checkPiece(piece, openid))
    },
    async checkImage({ url }, openid) {
      try {
        const res = await cloud.openapi.security.mediaCheckAsync({
          mediaUrl: url,
          mediaType: 2,
          version: 2,
          scene: 2,
          openid,
        })
        const ticket = res.traceId ?? res.trace_id
        if (ticket) return { verdict: 'pending', ticket }
        console.warn('[contentCheck] mediaCheckAsync gave no trace id', res)
      } catch (e) {
        console.warn('[contentCheck] mediaCheckAsync failed', e)
      }
      // Fail closed: a picture nobody will ever check must not be stored as if it might pass.
      return { verdict: 'refuse', reason: IMAGE_UNAVAILABLE }
    },
  }
}

/**
 * The verdict in a `wxa_media_check` push (v2: `trace_id`, `result: { suggest, label }`; the label may come as a
 * string), or null for anything else. A push without a readable verdict refuses the picture (fail closed).
 */
export function readMediaCheckPush(event: unknown): ImageVerdict | null {
  if (typeof event !== 'object' || event === null) return null
  const push = event as {
    MsgType?: unknown
    Event?: unknown
    trace_id?: unknown
    traceId?: unknown
    result?: { suggest?: unknown; label?: unknown }
  }
  if (push.MsgType !== 'event' || push.Event !== 'wxa_media_check') return null
  const ticket = typeof push.trace_id === 'string' ? push.trace_id : push.traceId
  if (typeof ticket !== 'string' || ticket === '') return null
  const suggest = typeof push.result?.suggest === 'string' ? push.result.suggest : undefined
  const label = push.result?.label
  const refusal = refusalOf(suggest, typeof label === 'number' || typeof label === 'string' ? label : undefined, '图片')
  return refusal ? { ticket, passed: false, reason: refusal } : { ticket, passed: true, reason: '' }
}
