import type { TemplateName } from '@/core/messages/model'
import type { SubscribeTemplates, TemplateCheck } from '@/core/shared/ports'
import type { CloudSdk, SubscribeTemplateInfo } from './sdk'
import { configuredTemplates, SUBSCRIBE_TEMPLATES, type ParsedSubscribeConfig } from './subscribe-config'

/**
 * The SubscribeTemplates port on CloudBase: ids from SUBSCRIBE_TEMPLATES for the app, and a check of that
 * configuration against the account's own templates through subscribeMessage.getTemplateList
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/getTemplateList.html:
 * `data: [{ priTmplId, title, content: "会议时间:{{date2.DATA}}\n…", example, type }]`; the calling function
 * needs `subscribeMessage.getTemplateList` in its config.json openapi list).
 */
export function createSubscribeTemplates(
  cloud: { openapi: { subscribeMessage: Pick<CloudSdk['openapi']['subscribeMessage'], 'getTemplateList'> } },
  config: ParsedSubscribeConfig,
): SubscribeTemplates {
  const ids: Partial<Record<TemplateName, string>> = {}
  for (const [name, template] of configuredTemplates(config)) ids[name] = template.id
  return {
    ids: () => ({ ...ids }),
    async verify() {
      if (configuredTemplates(config).length === 0) return verifyTemplates(config, [])
      try {
        const reply = await cloud.openapi.subscribeMessage.getTemplateList()
        if (reply.errCode) throw reply
        return verifyTemplates(config, reply.data ?? [])
      } catch (e) {
        return verifyTemplates(config, { error: describe(e) })
      }
    },
  }
}

function describe(e: unknown): string {
  if (e !== null && typeof e === 'object') {
    const { errCode, errMsg, message } = e as { errCode?: unknown; errMsg?: unknown; message?: unknown }
    const text = typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : ''
    return typeof errCode === 'number' ? `errCode ${errCode} ${text}`.trim() : text || String(e)
  }
  return String(e)
}

/** The keywords of a template's content, in order, each with the label written before it (活动名称). */
export function templateKeywords(content: string): { keyword: string; label: string }[] {
  const out: { keyword: string; label: string }[] = []
  for (const line of content.split(/\n|\\n/)) {
    for (const m of line.matchAll(/\{\{\s*([a-z_]+\d+)\.DATA\s*\}\}/g)) {
      const label = line
        .slice(0, m.index)
        .replace(/[:：]\s*$/, '')
        .trim()
      out.push({ keyword: m[1], label })
    }
  }
  return out
}

const named = (k: { keyword: string; label: string }) => (k.label ? `${k.keyword}（${k.label}）` : k.keyword)

/**
 * Every problem of the configuration, in Chinese: what SUBSCRIBE_TEMPLATES itself got wrong (unknown template
 * or field, unsupported keyword type), a configured id that is not among the account's templates, a
 * configured keyword the template does not have, and a keyword of the template left without a field (WeChat
 * refuses a send that leaves one empty).
 */
export function verifyTemplates(
  config: ParsedSubscribeConfig,
  list: SubscribeTemplateInfo[] | { error: string },
): TemplateCheck {
  const problems = [...config.problems]
  const ready: TemplateName[] = []
  const configured = configuredTemplates(config)
  if (configured.length === 0 && problems.length === 0) {
    return { ready, problems, summary: `未设置 ${SUBSCRIBE_TEMPLATES}：不发订阅消息，消息只进站内信` }
  }
  if (!Array.isArray(list)) {
    problems.push(`读不到小程序的订阅消息模板（subscribeMessage.getTemplateList：${list.error}），无法核对`)
  } else {
    for (const [name, template] of configured) {
      const found = list.find((t) => t.priTmplId === template.id)
      if (!found) {
        problems.push(`${name}：模板 ID ${template.id} 不在小程序「订阅消息 → 我的模板」里（填错了，或模板已删除）`)
        continue
      }
      const before = problems.length
      const has = templateKeywords(found.content)
      const hasNames = new Set(has.map((k) => k.keyword))
      const mapped = new Set(template.keywords.map((k) => k.keyword))
      const which = `${name}（${found.title}）`
      for (const k of template.keywords) {
        if (!hasNames.has(k.keyword)) {
          problems.push(`${which}：模板里没有关键词 ${k.keyword}（模板的关键词：${has.map(named).join('、') || '无'}）`)
        }
      }
      for (const k of has) {
        if (mapped.has(k.keyword)) continue
        problems.push(
          `${which}：关键词 ${named(k)}没有对应的字段，发送会被微信拒绝；请在 ${SUBSCRIBE_TEMPLATES}.${name}.fields 里为它选一个字段`,
        )
      }
      if (problems.length === before) ready.push(name)
    }
  }
  const summary =
    problems.length === 0
      ? `订阅消息模板 ${ready.length} 个已核对：${ready.join('、')}`
      : `订阅消息模板 ${ready.length} 个可用，${problems.length} 个问题：${problems.join('；')}`
  return { ready, problems, summary }
}
