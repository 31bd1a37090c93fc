import * as v from 'valibot'
import { action } from '../shared/action'
import { docId, text } from '../shared/fields'
import { pageCursor } from '../shared/page-input'
import type { ProposalDetail } from '../proposals/views'
import type { SuggestionPage, SuggestionView } from './views'

const paged = v.strictObject({ cursor: pageCursor }, '参数不正确')
const suggestionId = docId('建议')
/** How many anonymous suggestions of their own a phone may ask after at once. */
export const KEPT_MAX = 30
const OVERSEERS = ['committee', 'chair'] as const

export const suggestionsContract = {
  'suggestions.submit': action<SuggestionView>()({
    access: 'member',
    input: v.strictObject(
      { title: text('标题', 2, 40), content: text('建议内容', 10, 1000), anonymous: v.boolean('请选择是否匿名') },
      '参数不正确',
    ),
    summary: '提交合理化建议（可匿名）',
    writes: true,
  }),
  'suggestions.list': action<SuggestionPage>()({
    access: 'member',
    input: v.strictObject(
      {
        cursor: pageCursor,
        // The ids of the caller's anonymous suggestions, kept on their phone only.
        kept: v.optional(v.pipe(v.array(suggestionId, '建议列表不正确'), v.maxLength(KEPT_MAX, '建议太多'))),
      },
      '参数不正确',
    ),
    summary: '已公开答复的建议和我的建议',
    writes: false,
  }),
  'suggestions.inbox': action<SuggestionPage>()({
    access: OVERSEERS,
    input: paged,
    summary: '全部合理化建议',
    writes: false,
  }),
  'suggestions.answer': action<SuggestionView>()({
    access: ['committee'],
    input: v.strictObject({ suggestionId, answer: text('答复', 5, 1000) }, '参数不正确'),
    summary: '公开答复合理化建议',
    writes: true,
  }),
  'suggestions.convert': action<ProposalDetail>()({
    access: ['committee'],
    input: v.strictObject({ suggestionId, delegateId: docId('代表'), sessionId: docId('届次') }, '参数不正确'),
    summary: '把建议转为代表的提案草稿',
    writes: true,
  }),
}
