import type { TemplateName } from './model'

/**
 * What a value means, and so how it may be shown: free Chinese text, an instant (UTC ISO string, shown as
 * Shanghai time), or a Shanghai calendar day (YYYY-MM-DD). The server turns it into what a WeChat keyword
 * accepts; the domain never knows WeChat's keyword names.
 */
export type FieldKind = 'text' | 'instant' | 'day'

export interface FieldSpec {
  kind: FieldKind
  /** What the field holds, in the words a chair reads when mapping a template's keywords. */
  label: string
}

/**
 * The values each subscribe template offers, once per template name. A chair picks any WeChat template from
 * the public library and maps its keywords to these fields (SUBSCRIBE_TEMPLATES on the cloud functions);
 * every message of the template carries every field, so any mapping can always be filled.
 */
export const TEMPLATE_FIELDS = {
  activity: {
    title: { kind: 'text', label: '活动名称' },
    startsAt: { kind: 'instant', label: '活动开始时间' },
    endsAt: { kind: 'instant', label: '活动结束时间' },
    place: { kind: 'text', label: '活动地点' },
    note: { kind: 'text', label: '这条消息说的事，如「报名成功」「活动明天开始」' },
  },
  notice: {
    title: { kind: 'text', label: '通知标题' },
    author: { kind: 'text', label: '发布人' },
    note: { kind: 'text', label: '提示，如「请及时阅读」「请于12月3日前回复」' },
    publishedAt: { kind: 'instant', label: '通知发布时间' },
    sentAt: { kind: 'instant', label: '这条消息发出的时间' },
  },
  birthday: {
    title: { kind: 'text', label: '祝福标题，如「某某工会祝您生日快乐」' },
    greeting: { kind: 'text', label: '祝福语' },
    name: { kind: 'text', label: '会员姓名' },
    union: { kind: 'text', label: '工会名称' },
    date: { kind: 'day', label: '生日（当天日期）' },
  },
  proposal: {
    title: { kind: 'text', label: '提案标题' },
    status: { kind: 'text', label: '进展，如「提案已立案」「答复期限将到」' },
    note: { kind: 'text', label: '说明（消息正文）' },
    proposer: { kind: 'text', label: '提案人' },
    at: { kind: 'instant', label: '这一步发生的时间' },
  },
} as const satisfies Record<TemplateName, Record<string, FieldSpec>>

export type TemplateField<N extends TemplateName> = keyof (typeof TEMPLATE_FIELDS)[N] & string

/** The values a message of template N carries: every field, as text (instants as ISO, days as YYYY-MM-DD). */
export type TemplateValues<N extends TemplateName> = { [F in TemplateField<N>]: string }

/** A message's subscribe-template part: the name and, checked against it, every value it offers. */
export type TemplatePush = { [N in TemplateName]: { template: N; templateData: TemplateValues<N> } }[TemplateName]

/** The field spec of a name read from configuration, or undefined when the template offers no such field. */
export function templateField(template: TemplateName, field: string): FieldSpec | undefined {
  const fields: Record<string, FieldSpec> = TEMPLATE_FIELDS[template]
  return Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined
}

export function templateFieldNames(template: TemplateName): string[] {
  return Object.keys(TEMPLATE_FIELDS[template])
}
