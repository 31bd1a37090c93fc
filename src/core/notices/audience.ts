import type { MemberDoc } from '../members/model'
import type { Filter } from '../shared/ports'
import type { Audience, NoticeDoc } from './model'
import { AUDIENCE_LABELS } from './model'

/**
 * Audience as keys: a notice lists the keys of the people it is for, a member has the keys they answer to,
 * and "is this notice for me" is whether the two lists meet — one indexed `$in` query for a member's list.
 */
export function audienceKeys(audience: Audience, authorId: string): string[] {
  const keys = audienceOnlyKeys(audience)
  // The author always finds their own notice in their list, even when it went to a 小组 they are not in.
  return [...keys, `author:${authorId}`]
}

function audienceOnlyKeys(audience: Audience): string[] {
  switch (audience.kind) {
    case 'all':
      return ['all']
    case 'groups':
      return audience.groupIds.map((g) => `group:${g}`)
    case 'delegates':
      return ['delegates']
    case 'retired':
      return ['status:retired']
    case 'active':
      return ['status:active']
    case 'members':
      return audience.memberIds.map((m) => `member:${m}`)
  }
}

/** The keys a member answers to (including the author key, for their own notices). */
export function memberKeys(m: Pick<MemberDoc, '_id' | 'groupId' | 'status' | 'roles'>): string[] {
  const keys = ['all', `group:${m.groupId}`, `status:${m.status}`, `member:${m._id}`, `author:${m._id}`]
  if (m.roles.includes('delegate')) keys.push('delegates')
  return keys
}

/** Whether the member is a recipient (the author key does not count: writing a notice is not receiving it). */
export function isRecipient(
  notice: Pick<NoticeDoc, 'audience'>,
  m: Pick<MemberDoc, '_id' | 'groupId' | 'status' | 'roles'>,
): boolean {
  if (m.status === 'left') return false
  const mine = new Set(memberKeys(m).filter((k) => !k.startsWith('author:')))
  return audienceOnlyKeys(notice.audience).some((k) => mine.has(k))
}

const NOT_LEFT = { $in: ['active', 'retired'] }

/**
 * The members filter of an audience, for paging recipients by _id. 'members' is handled by id lists instead
 * (paging owns the _id condition), so it has no filter here.
 */
export function recipientFilter(unionId: string, audience: Audience): Filter | null {
  switch (audience.kind) {
    case 'all':
      return { unionId, status: NOT_LEFT }
    case 'groups':
      return { unionId, groupId: { $in: audience.groupIds }, status: NOT_LEFT }
    case 'delegates':
      return { unionId, roles: 'delegate', status: NOT_LEFT }
    case 'retired':
      return { unionId, status: 'retired' }
    case 'active':
      return { unionId, status: 'active' }
    case 'members':
      return null
  }
}

/** 「语文组、数学组」「教代会代表」「指定会员（3人）」 */
export function describeAudience(audience: Audience, groupNames: Map<string, string>): string {
  if (audience.kind === 'groups') return audience.groupIds.map((g) => groupNames.get(g) ?? '已删除的小组').join('、')
  if (audience.kind === 'members') return `${AUDIENCE_LABELS.members}（${audience.memberIds.length}人）`
  return AUDIENCE_LABELS[audience.kind]
}
