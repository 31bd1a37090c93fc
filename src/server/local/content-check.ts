import type { ContentCheck } from '@/core/shared/ports'

/**
 * Local stand-in for WeChat's msgSecCheck: a short list of words that must never be published, enough to
 * show (and test) the refusal path without a WeChat account.
 */
const BLOCKED = ['赌博', '色情', '代开发票', '法轮', '枪支']

export const localContentCheck: ContentCheck = {
  async check(text) {
    const hit = BLOCKED.find((w) => text.includes(w))
    return hit ? '内容含有不适宜公开的词语，请修改后再提交' : null
  },
}
