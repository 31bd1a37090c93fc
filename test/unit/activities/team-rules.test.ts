import { activityProblems, checkinFailureWindow, teamPlaceRefusal, teamProblems } from '@/core/activities/rules'

describe('teamPlaceRefusal', () => {
  const rule = { sizeMax: 4, minWomen: 2 }

  test('a woman takes any free place; a man only while the places kept for women stay free', () => {
    expect(teamPlaceRefusal({ size: 2, men: 2 }, rule, 'F')).toBeNull()
    expect(teamPlaceRefusal({ size: 1, men: 1 }, rule, 'M')).toBeNull()
    expect(teamPlaceRefusal({ size: 2, men: 2 }, rule, 'M')).toBe('这支队伍要留2个位置给女教师，男教师名额已满')
  })

  test('a full team takes nobody', () => {
    expect(teamPlaceRefusal({ size: 4, men: 2 }, rule, 'F')).toBe('这支队伍已满（每队最多4人）')
    expect(teamPlaceRefusal({ size: 4, men: 2 }, rule, 'M')).toBe('这支队伍已满（每队最多4人）')
  })

  test('without a women rule men fill every place', () => {
    expect(teamPlaceRefusal({ size: 3, men: 3 }, { sizeMax: 4, minWomen: 0 }, 'M')).toBeNull()
  })
})

describe('teamProblems', () => {
  test('names what a team still lacks, nothing when complete', () => {
    expect(teamProblems({ size: 2, women: 0 }, { sizeMin: 3, minWomen: 1 })).toEqual([
      '人数不足，还差1人',
      '女教师还差1人',
    ])
    expect(teamProblems({ size: 3, women: 1 }, { sizeMin: 3, minWomen: 1 })).toEqual([])
  })
})

describe('activityProblems for captain-formed teams', () => {
  const base = {
    startAt: '2026-12-05T07:00:00.000Z',
    endAt: '2026-12-05T09:00:00.000Z',
    signupOpenAt: '2026-12-01T00:00:00.000Z',
    signupCloseAt: '2026-12-04T04:00:00.000Z',
    audience: 'all' as const,
    quota: 8,
    items: [],
    itemCap: 0,
    teamMode: 'captain' as const,
    teamSizeMin: 3,
    teamSizeMax: 5,
    teamMinWomen: 1,
    maxGuests: 0,
  }

  test('a quota of teams is allowed; sizes must make sense', () => {
    expect(activityProblems(base)).toEqual({})
    expect(activityProblems({ ...base, teamSizeMax: 0 })).toEqual({ teamSizeMax: '请填写每队最多人数' })
    expect(activityProblems({ ...base, teamSizeMin: 6 })).toEqual({ teamSizeMin: '每队最少人数不能多于最多人数' })
    expect(activityProblems({ ...base, teamMinWomen: 6 })).toEqual({ teamMinWomen: '女教师人数不能多于每队最多人数' })
    expect(activityProblems({ ...base, maxGuests: 1 })).toEqual({ maxGuests: '比赛类活动不能带家属' })
  })

  test('teams by 小组 still count people, not teams', () => {
    expect(activityProblems({ ...base, teamMode: 'byGroup' })).toEqual({
      quota: '按小组组队的活动按每队人数限额，总名额请填0',
    })
  })
})

describe('checkinFailureWindow', () => {
  test('ten-minute windows', () => {
    const t = Date.parse('2026-12-01T02:00:00Z')
    expect(checkinFailureWindow(new Date(t + 9 * 60_000))).toBe(checkinFailureWindow(new Date(t)))
    expect(checkinFailureWindow(new Date(t + 10 * 60_000))).toBe(checkinFailureWindow(new Date(t)) + 1)
  })
})
