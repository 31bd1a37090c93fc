import type { ContentCheck } from '@/core/shared/ports'
import type { CloudSdk } from './sdk'

/** msgSecCheck v2 labels, as WeChat documents them, in words a teacher understands. */
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

export function createWechatContentCheck(cloud: CloudSdk): ContentCheck {
  return {
    async check(text, openid) {
      if (text.trim() === '') return null
      let res
      try {
        // scene 2 = comment/post content; v2 needs the author's openid (who must have used the app recently).
        res = await cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content: text })
      } catch (e) {
        // Fail closed: publishing unchecked text is worse than asking the teacher to retry.
        console.warn('[contentCheck] msgSecCheck failed', e)
        return '内容安全检查暂时不可用，请稍后再试'
      }
      const suggest = res.result?.suggest
      if (suggest === 'pass') return null
      const label = LABELS[res.result?.label ?? 0]
      return label ? `内容可能含有${label}信息，请修改后再提交` : '内容未通过安全检查，请修改后再提交'
    },
  }
}
