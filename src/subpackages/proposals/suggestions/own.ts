import type { SuggestionView } from '@/core/suggestions/views'

/**
 * The ids of a member's anonymous suggestions live on their phone only: the server keeps no link between an
 * anonymous suggestion and its author, so this is how 「我的建议」 finds them again.
 */

/** What storage gave back, cleaned: a list of ids, nothing else (storage may hold anything). */
export function readKept(raw: unknown): string[] {
  if (!Array.isArray(raw)) return []
  return raw.filter((id): id is string => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id))
}

/** The list with `id` added first, at most `max` kept (the newest). */
export function withKept(kept: readonly string[], id: string, max: number): string[] {
  return [id, ...kept.filter((k) => k !== id)].slice(0, max)
}

/** 「已答复的建议」: what the committee has answered or handed to a delegate, never one still waiting. */
export function answeredPart(items: readonly SuggestionView[]): SuggestionView[] {
  return items.filter((s) => s.status !== 'open')
}

/** The line under an adopted suggestion: a link only once the proposal can be opened by this reader. */
export function adoptedLine(s: SuggestionView): { text: string; proposalId?: string } | undefined {
  if (!s.convertedTo) return undefined
  const { delegateName, proposalId } = s.convertedTo
  if (proposalId) return { text: `已由${delegateName}代表领办为提案 ›`, proposalId }
  return { text: `已由${delegateName}代表领办，提案提交后可在这里查看` }
}

/** What the committee is told before an anonymous suggestion's words go under a delegate's name. */
export function convertWarning(s: SuggestionView, delegateName: string): string | undefined {
  if (!s.anonymous) return undefined
  const found = s.revealing?.length
    ? `文字中有「${s.revealing.join('」「')}」，可能透露建议人是谁。`
    : '请留意文字中是否有能看出建议人是谁的内容。'
  return `这条建议是匿名提出的。转为提案后，它的文字会以${delegateName}代表的名义出现。${found}草稿转出后，代表可以先修改再提交。`
}
