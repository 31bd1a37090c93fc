import {
  activityProblems,
  audienceRefusal,
  cancelRefusal,
  checkinCodeAt,
  isValidCheckinCode,
  itemChoiceRefusal,
  phaseOf,
} from '@/core/activities/rules'
import { nodeSigner as signer } from '@/server/signer'
import { formatSpan, formatWhen, fromLocalInputs, toLocalInputs } from '@/core/shared/shanghai-time'

const times = {
  status: 'active' as const,
  signupOpenAt: '2026-12-01T00:00:00.000Z',
  signupCloseAt: '2026-12-02T00:00:00.000Z',
  startAt: '2026-12-03T00:00:00.000Z',
  endAt: '2026-12-03T02:00:00.000Z',
}

describe('phase of an activity', () => {
  test.each([
    ['2026-11-30T00:00:00Z', 'upcoming'],
    ['2026-12-01T00:00:00Z', 'open'],
    ['2026-12-02T00:00:00Z', 'closed'],
    ['2026-12-03T01:00:00Z', 'ongoing'],
    ['2026-12-03T02:00:00Z', 'ended'],
  ])('%s → %s', (now, phase) => expect(phaseOf(times, new Date(now))).toBe(phase))
  test('cancelled wins', () =>
    expect(phaseOf({ ...times, status: 'cancelled' }, new Date('2026-12-01T01:00:00Z'))).toBe('cancelled'))
})

describe('audience', () => {
  const teacher = { gender: 'M' as const, groupId: 'g2', roles: ['member' as const], status: 'active' as const }
  test('each kind admits the right people', () => {
    expect(audienceRefusal({ kind: 'all' }, teacher)).toBeNull()
    expect(audienceRefusal({ kind: 'women' }, teacher)).toBe('这个活动只面向女教职工')
    expect(audienceRefusal({ kind: 'women' }, { ...teacher, gender: 'F' })).toBeNull()
    expect(audienceRefusal({ kind: 'group', groupId: 'g2' }, teacher)).toBeNull()
    expect(audienceRefusal({ kind: 'group', groupId: 'g1' }, teacher)).not.toBeNull()
    expect(audienceRefusal({ kind: 'delegates' }, teacher)).not.toBeNull()
    expect(audienceRefusal({ kind: 'delegates' }, { ...teacher, roles: ['member', 'delegate'] })).toBeNull()
    expect(audienceRefusal({ kind: 'retired' }, teacher)).not.toBeNull()
    expect(audienceRefusal({ kind: 'active' }, { ...teacher, status: 'retired' })).not.toBeNull()
  })
})

describe('items', () => {
  const meet = {
    items: [
      { id: 'a', name: '跳绳', quota: 10, gender: 'any' as const },
      { id: 'b', name: '踢毽', quota: 10, gender: 'F' as const },
      { id: 'c', name: '掰手腕', quota: 10, gender: 'M' as const },
    ],
    itemCap: 2,
  }
  test('cap, gender, duplicates and unknown items', () => {
    expect(itemChoiceRefusal(meet, ['a', 'b'], 'F')).toBeNull()
    expect(itemChoiceRefusal(meet, ['a', 'b', 'c'], 'F')).toBe('每人最多报2个项目')
    expect(itemChoiceRefusal(meet, ['b'], 'M')).toBe('「踢毽」只限女教职工报名')
    expect(itemChoiceRefusal(meet, ['c'], 'F')).toBe('「掰手腕」只限男教职工报名')
    expect(itemChoiceRefusal(meet, ['a', 'a'], 'F')).toBe('项目重复了')
    expect(itemChoiceRefusal(meet, ['z'], 'F')).toBe('所选项目不存在')
    expect(itemChoiceRefusal(meet, [], 'F')).toBe('请至少选择一个项目')
    expect(itemChoiceRefusal({ items: [], itemCap: 0 }, ['a'], 'F')).toBe('这个活动没有分项目')
  })
})

describe('cancel policy', () => {
  const at = (iso: string) => new Date(iso)
  test('never / before close / any time before the start', () => {
    expect(cancelRefusal({ ...times, cancelPolicy: 'never' }, at('2026-12-01T01:00:00Z'))).toContain('不能取消')
    expect(cancelRefusal({ ...times, cancelPolicy: 'beforeClose' }, at('2026-12-01T01:00:00Z'))).toBeNull()
    expect(cancelRefusal({ ...times, cancelPolicy: 'beforeClose' }, at('2026-12-02T01:00:00Z'))).toContain('报名已截止')
    expect(cancelRefusal({ ...times, cancelPolicy: 'anytime' }, at('2026-12-02T01:00:00Z'))).toBeNull()
    expect(cancelRefusal({ ...times, cancelPolicy: 'anytime' }, at('2026-12-03T00:30:00Z'))).toContain('已经开始')
  })
})

describe('rotating check-in code', () => {
  const t = new Date('2026-12-03T00:00:05Z')
  test('six digits, stable within a 10 s window, different per activity and secret', () => {
    const code = checkinCodeAt(signer, 's1', 'act', t)
    expect(code).toMatch(/^\d{6}$/)
    expect(checkinCodeAt(signer, 's1', 'act', new Date(t.getTime() + 4000))).toBe(code)
    expect(checkinCodeAt(signer, 's2', 'act', t)).not.toBe(code)
    expect(checkinCodeAt(signer, 's1', 'act2', t)).not.toBe(code)
  })
  test('accepts the current and the previous window only', () => {
    const code = checkinCodeAt(signer, 's1', 'act', t)
    expect(isValidCheckinCode(signer, 's1', 'act', code, t)).toBe(true)
    expect(isValidCheckinCode(signer, 's1', 'act', code, new Date(t.getTime() + 10_000))).toBe(true)
    expect(isValidCheckinCode(signer, 's1', 'act', code, new Date(t.getTime() + 20_000))).toBe(false)
    expect(isValidCheckinCode(signer, 's2', 'act', code, t)).toBe(false)
  })
})

describe("the chair's form", () => {
  const ok = {
    startAt: times.startAt,
    endAt: times.endAt,
    signupOpenAt: times.signupOpenAt,
    signupCloseAt: times.signupCloseAt,
    audience: 'all' as const,
    quota: 10,
    items: [],
    itemCap: 0,
    teamMode: 'none' as const,
    teamSizeMin: 0,
    teamSizeMax: 0,
    maxGuests: 0,
  }
  test('valid input has no problems; each mistake names its field', () => {
    expect(activityProblems(ok)).toEqual({})
    expect(activityProblems({ ...ok, endAt: ok.startAt })).toHaveProperty('endAt')
    expect(activityProblems({ ...ok, signupCloseAt: '2026-12-04T00:00:00.000Z' })).toHaveProperty('signupCloseAt')
    expect(activityProblems({ ...ok, audience: 'group' })).toHaveProperty('audienceGroupId')
    expect(activityProblems({ ...ok, items: [{ name: '跳绳' }, { name: '跳绳' }] })).toHaveProperty('items')
    expect(activityProblems({ ...ok, items: [{ name: '跳绳' }] })).toHaveProperty('quota')
    expect(activityProblems({ ...ok, quota: 0, teamMode: 'byGroup', teamSizeMax: 0 })).toHaveProperty('teamSizeMax')
    expect(activityProblems({ ...ok, quota: 0, teamMode: 'byGroup', teamSizeMin: 5, teamSizeMax: 3 })).toHaveProperty(
      'teamSizeMin',
    )
  })
})

describe('Shanghai times', () => {
  test('formats in UTC+8 and round-trips picker values', () => {
    expect(formatWhen('2026-12-03T06:30:00.000Z')).toBe('12月3日（周四）14:30')
    expect(formatSpan('2026-12-03T06:30:00.000Z', '2026-12-03T08:00:00.000Z')).toBe('12月3日（周四）14:30—16:00')
    expect(toLocalInputs('2026-12-31T16:30:00.000Z')).toEqual({ date: '2027-01-01', time: '00:30' })
    expect(new Date(fromLocalInputs('2027-01-01', '00:30')).toISOString()).toBe('2026-12-31T16:30:00.000Z')
  })
})
