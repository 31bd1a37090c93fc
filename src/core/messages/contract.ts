import * as v from 'valibot'
import { action } from '../shared/action'
import { TEMPLATE_NAMES } from './model'
import type { ConsentResult, MessagePage, UnreadCount } from './views'

const none = v.strictObject({}, '参数不正确')

/** Message ids are send keys such as `notice:<id>:<member>:publish`. */
const messageId = v.pipe(v.string('消息不正确'), v.regex(/^[A-Za-z0-9_:.-]{1,200}$/, '消息不正确'))

export const MESSAGE_PAGE = 30
export const MAX_OFFSET = 990

export const messagesContract = {
  'messages.list': action<MessagePage>()({
    access: 'member',
    input: v.strictObject(
      {
        offset: v.optional(
          v.pipe(
            v.number('页码不正确'),
            v.integer('页码不正确'),
            v.minValue(0, '页码不正确'),
            v.maxValue(MAX_OFFSET, '只能查看最近一千条消息'),
          ),
          0,
        ),
      },
      '参数不正确',
    ),
    summary: '我的消息',
    writes: false,
  }),
  'messages.markRead': action<UnreadCount>()({
    access: 'member',
    input: v.strictObject({ messageId }, '参数不正确'),
    summary: '标记消息已读',
    writes: true,
  }),
  'messages.markAllRead': action<UnreadCount>()({
    access: 'member',
    input: none,
    summary: '全部标为已读',
    writes: true,
  }),
  'messages.unreadCount': action<UnreadCount>()({
    access: 'member',
    input: none,
    summary: '未读消息数',
    writes: false,
  }),
  'messages.recordConsent': action<ConsentResult>()({
    access: 'member',
    input: v.strictObject(
      {
        templates: v.pipe(
          v.array(v.picklist(TEMPLATE_NAMES, '订阅消息类型不正确'), '订阅消息类型应为列表'),
          v.minLength(1, '请至少选择一种订阅消息'),
          v.maxLength(TEMPLATE_NAMES.length, '订阅消息类型太多'),
        ),
      },
      '参数不正确',
    ),
    summary: '记录订阅消息授权',
    writes: true,
  }),
}
