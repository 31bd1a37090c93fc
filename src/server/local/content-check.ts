import type { ContentCheck } from '@/core/shared/ports'

/**
 * Local stand-in for WeChat's msgSecCheck: a short list of words that must never be published, enough to
 * show (and test) the refusal path without a WeChat account.
 */
export const BLOCKED_WORDS = ['赌博', '色情', '代开发票', '法轮', '枪支']

/**
 * Local stand-in for WeChat's picture check, answering at once (WeChat answers later, by push): a picture
 * whose bytes contain this marker is refused. Any jpg or png with the marker appended still looks like one.
 */
export const RISKY_IMAGE_MARKER = 'JG-RISKY-IMAGE'

export const localContentCheck: ContentCheck = {
  async check(text) {
    const hit = BLOCKED_WORDS.find((w) => text.includes(w))
    return hit ? '内容含有不适宜公开的词语，请修改后再提交' : null
  },
  async checkImage({ base64 }) {
    const risky = Buffer.from(base64, 'base64').includes(RISKY_IMAGE_MARKER)
    return risky ? { verdict: 'refuse', reason: '图片含有不适宜公开的内容，请换一张图片' } : { verdict: 'pass' }
  },
}
