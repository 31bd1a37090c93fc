import type { MemberDoc } from '@/core/members/model'
import { audienceKeys, describeAudience, isRecipient, memberKeys, recipientFilter } from '@/core/notices/audience'
import type { Audience } from '@/core/notices/model'
import { canManageNotice, confirmClosed, splitParagraphs } from '@/core/notices/present'
import { confirmDeadlinesDue, isDaytimeInShanghai } from '@/core/notices/reminders'

type Person = Pick<MemberDoc, '_id' | 'groupId' | 'status' | 'roles'>
const guo: Person = { _id: 'm09', groupId: 'g1', status: 'active', roles: ['member', 'delegate'] }
const qian: Person = { _id: 'm37', groupId: 'g6', status: 'retired', roles: ['member'] }
const gone: Person = { _id: 'm16', groupId: 'g1', status: 'left', roles: ['member', 'delegate'] }
const aud = (kind: Audience['kind'], ids: Partial<Audience> = {}): Audience => ({
  kind,
  groupIds: [],
  memberIds: [],
  ...ids,
})

describe('audience', () => {
  test.each([
    [aud('all'), true, true],
    [aud('groups', { groupIds: ['g1', 'g2'] }), true, false],
    [aud('delegates'), true, false],
    [aud('retired'), false, true],
    [aud('active'), true, false],
    [aud('members', { memberIds: ['m37'] }), false, true],
  ])('%j reaches 郭婷=%s, 陆桂英=%s, never someone who left', (audience, toGuo, toQian) => {
    expect(isRecipient({ audience }, guo)).toBe(toGuo)
    expect(isRecipient({ audience }, qian)).toBe(toQian)
    expect(isRecipient({ audience }, gone)).toBe(false)
    // The stored keys and the member's keys agree with isRecipient (that is what the list query relies on).
    const keys = audienceKeys(audience, 'm01')
    expect(memberKeys(guo).some((k) => keys.includes(k))).toBe(toGuo)
  })

  test('the author finds their own notice though not a recipient', () => {
    const keys = audienceKeys(aud('groups', { groupIds: ['g1'] }), 'm01')
    const chair: Person = { _id: 'm01', groupId: 'g5', status: 'active', roles: ['member', 'chair'] }
    expect(memberKeys(chair).some((k) => keys.includes(k))).toBe(true)
    expect(isRecipient({ audience: aud('groups', { groupIds: ['g1'] }) }, chair)).toBe(false)
  })

  test('filters never include people who left; chosen members are paged by id instead', () => {
    expect(recipientFilter('u1', aud('all'))).toEqual({ unionId: 'u1', status: { $in: ['active', 'retired'] } })
    expect(recipientFilter('u1', aud('members', { memberIds: ['m1'] }))).toBeNull()
    expect(
      describeAudience(
        aud('groups', { groupIds: ['g1', 'g2'] }),
        new Map([
          ['g1', '语文组'],
          ['g2', '数学组'],
        ]),
      ),
    ).toBe('语文组、数学组')
  })
})

describe('notice rules', () => {
  test('who manages a notice', () => {
    const committee = { _id: 'm03', roles: ['member', 'committee'] as MemberDoc['roles'] }
    expect(canManageNotice(committee, { category: 'congress', authorId: 'm01' })).toBe(true)
    expect(canManageNotice(committee, { category: 'general', authorId: 'm01' })).toBe(false)
    expect(canManageNotice({ _id: 'm02', roles: ['member', 'admin'] }, { category: 'general', authorId: 'm01' })).toBe(
      true,
    )
  })
  test('replies close after the deadline day', () => {
    expect(confirmClosed({ confirmBy: '2026-12-05' }, '2026-12-05')).toBe(false)
    expect(confirmClosed({ confirmBy: '2026-12-05' }, '2026-12-06')).toBe(true)
    expect(confirmClosed({}, '2030-01-01')).toBe(false)
  })
  test('paragraphs', () => {
    expect(splitParagraphs('各位老师：\n\n  体检安排如下。 \n请回复')).toEqual([
      '各位老师：',
      '体检安排如下。',
      '请回复',
    ])
  })
  test('reply reminders only in Shanghai daytime, for deadlines today and tomorrow', () => {
    expect(isDaytimeInShanghai(new Date('2026-12-01T00:59:00Z'))).toBe(false) // 08:59
    expect(isDaytimeInShanghai(new Date('2026-12-01T01:00:00Z'))).toBe(true) // 09:00
    expect(isDaytimeInShanghai(new Date('2026-12-01T13:00:00Z'))).toBe(false) // 21:00
    expect(confirmDeadlinesDue(new Date('2026-12-01T02:00:00Z'))).toEqual(['2026-12-01', '2026-12-02'])
    expect(confirmDeadlinesDue(new Date('2026-12-01T15:59:00Z'))).toEqual([])
  })
})
