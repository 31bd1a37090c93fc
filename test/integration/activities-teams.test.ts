import { AC } from '@/core/activities/collections'
import type { ActivityDoc, SecretDoc, SignupDoc, TeamDoc } from '@/core/activities/model'
import { checkinCodeAt } from '@/core/activities/rules'
import { C } from '@/core/shared/collections'
import { activityInput, captainEvent } from '../support/fixtures/activities'
import { DEMO, addBoundMembers, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const create = async (o: Parameters<typeof activityInput>[1] = {}) =>
  (await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, o))).id
const activity = async (id: string) =>
  (await cloud.ports.store.findOne<ActivityDoc>(AC.activities, { _id: id })) as ActivityDoc
const teamDoc = async (id: string) => (await cloud.ports.store.findOne<TeamDoc>(AC.teams, { _id: id })) as TeamDoc
const signupsOf = (activityId: string) =>
  cloud.ports.store.find<SignupDoc>(AC.signups, { activityId }, { limit: 1000, sort: { queueKey: 1 } })
const messagesOf = async (memberId: string) =>
  (
    await cloud.ports.store.find<{ _id: string; title: string; body: string }>(C.messages, { memberId }, { limit: 50 })
  ).map((m) => m.title)

/** n extra bound members of 语文组 (openid `t-<id>`), written straight to the store, for concurrency tests. */
const addMembers = (n: number, gender: 'M' | 'F') => addBoundMembers(cloud, n, gender, gender)

describe('check-in guessing is limited', () => {
  const codeNow = async (activityId: string) => {
    const secret = ((await cloud.ports.store.findOne<SecretDoc>(AC.secrets, { _id: 'u-syxx' })) as SecretDoc).secret
    return checkinCodeAt(cloud.ports.signer, secret, activityId, cloud.ports.clock.now())
  }
  const wrong = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0')
  /** Half an hour before the fixture's start (it starts 2 hours after creation): check-in is open. */
  const intoCheckin = () => cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 1.5 * 3600_000))

  test('after 5 wrong codes even the right one is refused; the chair checks in by hand; the next window opens again', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    intoCheckin()
    const right = await codeNow(activityId)
    for (let i = 0; i < 5; i++) {
      const before = cloud.writes()
      const reply = await cloud.refused(DEMO.teacher, 'activities.checkIn', { activityId, code: wrong(right) })
      expect(reply).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('签到码不对') })
      expect(cloud.writes() - before).toBe(1)
    }
    const before = cloud.writes()
    const locked = await cloud.refused(DEMO.teacher, 'activities.checkIn', { activityId, code: right })
    expect(locked.message).toBe('签到码错误次数太多，请稍后再试，或请工会主席在报名名单里为您手工签到')
    expect(cloud.writes()).toBe(before)
    // The chair sees who is locked out, and checks them in by hand.
    const roster = await cloud.ok(DEMO.chair, 'activities.roster', { activityId })
    expect(roster.lines.find((l) => l.memberId === 'm17')?.checkinLocked).toBe(true)
    expect((await cloud.ok(DEMO.teacher, 'activities.roster', { activityId })).lines[0].checkinLocked).toBeUndefined()
    await cloud.ok(DEMO.chair, 'activities.markAttendance', { activityId, memberId: 'm17', present: true })
    expect((await signupsOf(activityId))[0].checkedInAt).toBeTruthy()

    // Another teacher is not affected, and ten minutes later the teacher may try again.
    expect((await cloud.ok(DEMO.delegate, 'activities.checkIn', { activityId, code: right })).message).toBe('签到成功')
    await cloud.ok(DEMO.chair, 'activities.markAttendance', { activityId, memberId: 'm17', present: false })
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 10 * 60_000))
    const fresh = await codeNow(activityId)
    expect((await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code: fresh })).message).toBe('签到成功')
  })

  test('a right code does not use up an attempt; 20 scripted guesses at once get at most 5 comparisons', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    intoCheckin()
    const right = await codeNow(activityId)
    for (let i = 0; i < 4; i++)
      await cloud.refused(DEMO.teacher, 'activities.checkIn', { activityId, code: wrong(right) })
    expect((await cloud.ok(DEMO.teacher, 'activities.checkIn', { activityId, code: right })).message).toBe('签到成功')

    const guesses = Array.from({ length: 20 }, (_, i) => String(i).padStart(6, '0')).filter((g) => g !== right)
    const replies = await Promise.all(
      guesses.map((code) => cloud.call(DEMO.delegate, 'activities.checkIn', { activityId, code })),
    )
    expect(replies.filter((r) => !r.ok && r.code === 'BAD_INPUT')).toHaveLength(5)
    expect(replies.filter((r) => !r.ok && r.message.includes('次数太多'))).toHaveLength(guesses.length - 5)
    const failures = await cloud.ports.store.find<{ _id: string; count: number }>(
      AC.checkinFailures,
      { memberId: 'm09' },
      { limit: 10 },
    )
    expect(failures.map((f) => f.count)).toEqual([5])
  })

  test('someone without a seat is refused before any code is compared, and nothing is written', async () => {
    const activityId = await create()
    intoCheckin()
    const before = cloud.writes()
    const reply = await cloud.refused(DEMO.delegate, 'activities.checkIn', { activityId, code: '123456' })
    expect(reply.message).toContain('没有报名')
    expect(cloud.writes()).toBe(before)
  })
})

describe('captain-formed teams', () => {
  const teamEvent = (o: Parameters<typeof activityInput>[1] = {}) => create({ ...captainEvent, ...o })

  test('a teacher forms a team and captains it; others join until it is full; the quota counts teams', async () => {
    const activityId = await teamEvent({ quota: 2, teamSizeMin: 3, teamSizeMax: 3 })
    expect((await cloud.refused(DEMO.teacher, 'activities.signUp', { activityId })).message).toContain('自由组队')
    const formed = await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    expect(formed.teams).toEqual([
      expect.objectContaining({ name: '数学先锋', captainName: '胡军', size: 1, joinRefusal: '您已经在一支队伍里了' }),
    ])
    expect(formed.mine).toMatchObject({ status: 'confirmed', teamId: formed.teams[0].id })
    expect(formed.seatsLeft).toBe(1)
    const teamId = formed.teams[0].id

    // Same name, second team for the same person, a third team beyond the quota: refused, nothing written.
    let before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.delegate, 'activities.createTeam', { activityId, name: '数学先锋' })).message,
    ).toBe('已有同名的队伍，请换个名字')
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.createTeam', { activityId, name: '另一队' })).message,
    ).toContain('每人只能参加一支队伍')
    expect(cloud.writes()).toBe(before)
    await cloud.ok(DEMO.delegate, 'activities.createTeam', { activityId, name: '语文之星' })
    before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.retired, 'activities.createTeam', { activityId, name: '夕阳红' })).message,
    ).toContain('队伍数已满（最多2支队伍）')
    expect(cloud.writes()).toBe(before)
    expect((await activity(activityId)).taken).toBe(2)

    // 何平 joins 胡军's team; seen by a third teacher as a team with room.
    expect(await cloud.ok(DEMO.groupLeader, 'activities.joinTeam', { activityId, teamId })).toMatchObject({
      status: 'confirmed',
      message: '已加入「数学先锋」',
    })
    expect(await messagesOf('m17')).toContain('有同事加入了您的队伍')
    const seen = await cloud.ok(DEMO.retired, 'activities.get', { activityId })
    const card = seen.teams.find((t) => t.id === teamId)
    expect(card).toMatchObject({ size: 2, problems: ['人数不足，还差1人'] })
    expect(card?.members.map((m) => m.name)).toEqual(['胡军', '何平'])
    expect(card?.joinRefusal).toBeUndefined()
    await cloud.ok(DEMO.retired, 'activities.joinTeam', { activityId, teamId })
    before = cloud.writes()
    expect((await cloud.refused(DEMO.admin, 'activities.joinTeam', { activityId, teamId })).message).toBe(
      '这支队伍已满（每队最多3人）',
    )
    expect(cloud.writes()).toBe(before)
    expect(await teamDoc(teamId)).toMatchObject({ size: 3, status: 'active' })
    // Another union's id, or a team of another activity, reads as not found.
    const other = await teamEvent()
    expect((await cloud.refused(DEMO.admin, 'activities.joinTeam', { activityId: other, teamId })).code).toBe(
      'NOT_FOUND',
    )
  })

  test('20 people joining a team with room for 5 at once: exactly 5 join, the others are told it is full', async () => {
    const activityId = await teamEvent({ quota: 0, teamSizeMax: 6 })
    const { teams } = await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    const people = await addMembers(20, 'M')
    const replies = await Promise.all(
      people.map((o) => cloud.call(o, 'activities.joinTeam', { activityId, teamId: teams[0].id })),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(5)
    for (const r of replies.filter((x) => !x.ok))
      expect(r).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/满/) })
    expect(await teamDoc(teams[0].id)).toMatchObject({ size: 6, men: 6 })
    const list = await signupsOf(activityId)
    expect(list.filter((s) => s.status === 'confirmed')).toHaveLength(6)
    // The ones who lost the race keep a cancelled sign-up with the reason, and may join another team.
    expect(list.filter((s) => s.status === 'cancelled').every((s) => s.cancelReason?.includes('满'))).toBe(true)
    const loser = list.find((s) => s.status === 'cancelled') as SignupDoc
    const second = await cloud.ok(`t-${loser.memberId}`, 'activities.createTeam', { activityId, name: '第二队' })
    expect(second.mine).toMatchObject({ status: 'confirmed', teamId: second.teams[0].id })
  })

  test('the women rule keeps places for women; concurrent men never take them', async () => {
    const activityId = await teamEvent({ quota: 0, teamSizeMin: 4, teamSizeMax: 4, teamMinWomen: 2 })
    const { teams } = await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '混合队' })
    const men = await addMembers(6, 'M')
    const replies = await Promise.all(
      men.map((o) => cloud.call(o, 'activities.joinTeam', { activityId, teamId: teams[0].id })),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(replies.find((r) => !r.ok)).toMatchObject({ message: expect.stringContaining('要留2个位置给女教师') })
    const women = await addMembers(3, 'F')
    const joined = await Promise.all(
      women.map((o) => cloud.call(o, 'activities.joinTeam', { activityId, teamId: teams[0].id })),
    )
    expect(joined.filter((r) => r.ok)).toHaveLength(2)
    expect(await teamDoc(teams[0].id)).toMatchObject({ size: 4, men: 2, women: 2 })
    const roster = await cloud.ok(DEMO.chair, 'activities.roster', { activityId })
    expect(roster.teams).toEqual([
      { id: teams[0].id, name: '混合队', captainName: '胡军', size: 4, women: 2, problems: [] },
    ])
  })

  test('the captain removes a member (told, place freed); a member leaves; a captain leaves only an empty team', async () => {
    const activityId = await teamEvent({ quota: 1 })
    const { teams } = await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    const teamId = teams[0].id
    await cloud.ok(DEMO.delegate, 'activities.joinTeam', { activityId, teamId })
    await cloud.ok(DEMO.groupLeader, 'activities.joinTeam', { activityId, teamId })

    const before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.groupLeader, 'activities.removeFromTeam', { activityId, memberId: 'm09' })).message,
    ).toBe('只有队长或工会主席可以移出队员')
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.removeFromTeam', { activityId, memberId: 'm17' })).message,
    ).toContain('队长不能移出自己')
    expect((await cloud.refused(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })).message).toContain(
      '您是队长，队里还有2名队员',
    )
    expect(cloud.writes()).toBe(before)

    expect((await cloud.ok(DEMO.teacher, 'activities.removeFromTeam', { activityId, memberId: 'm09' })).message).toBe(
      '已将郭婷移出队伍',
    )
    expect(await messagesOf('m09')).toContain('您已被移出队伍')
    expect((await signupsOf(activityId)).find((s) => s.memberId === 'm09')).toMatchObject({
      status: 'cancelled',
      cancelReason: '队长移出队伍',
    })
    expect((await cloud.ok(DEMO.groupLeader, 'activities.cancel', { activityId, reason: '' })).message).toBe(
      '已退出队伍',
    )
    expect(await teamDoc(teamId)).toMatchObject({ size: 1, women: 0, status: 'active' })
    // 郭婷 may come back to the same team (her sign-up is reopened in place).
    await cloud.ok(DEMO.delegate, 'activities.joinTeam', { activityId, teamId })
    await cloud.ok(DEMO.teacher, 'activities.removeFromTeam', { activityId, memberId: 'm09' })

    expect((await cloud.ok(DEMO.teacher, 'activities.cancel', { activityId, reason: '' })).message).toBe(
      '已取消报名，队伍已解散',
    )
    expect(await teamDoc(teamId)).toMatchObject({ status: 'disbanded', name: '数学先锋' })
    expect((await activity(activityId)).taken).toBe(0)
    expect((await cloud.ok(DEMO.chair, 'activities.get', { activityId })).teams).toEqual([])
    // The team count came back: someone else (or the same captain) can form a team again.
    await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋二队' })
    expect(await teamDoc(teamId)).toMatchObject({ status: 'active', name: '数学先锋二队', size: 1 })
  })

  test('after sign-up closes nobody joins; a team below the minimum shows 人数不足 to the chair; results rank teams', async () => {
    const activityId = await teamEvent({ quota: 0, teamSizeMin: 3 })
    const { teams } = await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    await cloud.ok(DEMO.delegate, 'activities.joinTeam', { activityId, teamId: teams[0].id })
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 1.5 * 3600_000))
    const before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.groupLeader, 'activities.joinTeam', { activityId, teamId: teams[0].id })).message,
    ).toBe('报名已经截止')
    expect(
      (await cloud.refused(DEMO.groupLeader, 'activities.createTeam', { activityId, name: '迟到队' })).message,
    ).toBe('报名已经截止')
    expect(cloud.writes()).toBe(before)
    const roster = await cloud.ok(DEMO.chair, 'activities.roster', { activityId })
    expect(roster.teams[0]).toMatchObject({ name: '数学先锋', size: 2, problems: ['人数不足，还差1人'] })
    expect(roster.lines.map((l) => l.teamName)).toEqual(['数学先锋', '数学先锋'])

    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 3600_000)) // under way: results may be recorded
    const view = await cloud.ok(DEMO.chair, 'activities.recordResult', {
      activityId,
      itemId: '',
      entrantId: teams[0].id,
      place: 1,
      score: '21分',
    })
    expect(view.sections[0].lines).toEqual([{ place: 1, name: '数学先锋', groupName: '', score: '21分', points: 0 }])
    expect(view.entrants[0].options).toEqual([{ id: teams[0].id, name: '数学先锋', team: true }])
  })

  test('a team event cannot be switched to another kind once a team exists', async () => {
    const activityId = await teamEvent()
    await cloud.ok(DEMO.teacher, 'activities.createTeam', { activityId, name: '数学先锋' })
    const refusal = await cloud.refused(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { quota: 8 }),
    })
    expect(refusal.fields).toMatchObject({ teamMode: '已有人组队报名，不能更改组队方式' })
  })
})

describe('cancelling a whole activity', () => {
  test('the chair cancels with a reason: everyone waiting or confirmed is told, nothing deleted, sign-ups refused', async () => {
    const activityId = await create({ quota: 1 })
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.delegate, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.groupLeader, 'activities.signUp', { activityId })
    await cloud.ok(DEMO.groupLeader, 'activities.cancel', { activityId, reason: '' })

    const before = cloud.writes()
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.cancelActivity', { activityId, reason: '因雨取消' })).code,
    ).toBe('FORBIDDEN')
    expect((await cloud.refused(DEMO.chair, 'activities.cancelActivity', { activityId, reason: '' })).code).toBe(
      'BAD_INPUT',
    )
    expect(cloud.writes()).toBe(before)

    const detail = await cloud.ok(DEMO.chair, 'activities.cancelActivity', { activityId, reason: '因雨取消' })
    expect(detail).toMatchObject({ phase: 'cancelled', cancelReason: '因雨取消' })
    const a = await activity(activityId)
    expect(a).toMatchObject({ status: 'cancelled', cancelReason: '因雨取消', cancelledBy: 'm01' })
    expect(a.cancelledAt).toBeTruthy()

    const notices = await cloud.ports.store.find<{ _id: string; memberId: string; title: string; body: string }>(
      C.messages,
      { title: '活动已取消' },
      { limit: 50 },
    )
    expect(notices.map((m) => m.memberId).sort()).toEqual(['m09', 'm17'])
    expect(notices[0].body).toContain('因雨取消')

    // Nothing deleted: the sign-ups stay as they were, and show under a cancelled activity.
    expect((await signupsOf(activityId)).map((s) => [s.memberId, s.status])).toEqual([
      ['m17', 'confirmed'],
      ['m09', 'waitlisted'],
      ['m10', 'cancelled'],
    ])
    const mine = await cloud.ok(DEMO.teacher, 'activities.mine', {})
    expect(mine.upcoming.find((x) => x.id === activityId)).toMatchObject({ phase: 'cancelled', myStatus: 'confirmed' })
    const seen = await cloud.ok(DEMO.teacher, 'activities.get', { activityId })
    expect(seen).toMatchObject({ phase: 'cancelled', cancelReason: '因雨取消', mine: { status: 'confirmed' } })

    const after = cloud.writes()
    expect((await cloud.refused(DEMO.retired, 'activities.signUp', { activityId })).message).toBe('这个活动已取消')
    expect(
      (await cloud.refused(DEMO.chair, 'activities.cancelActivity', { activityId, reason: '因雨取消' })).message,
    ).toBe('这个活动已经取消了')
    expect(
      (await cloud.refused(DEMO.chair, 'activities.update', { activityId, ...activityInput(cloud) })).message,
    ).toBe('这个活动已取消，不能再修改')
    expect(cloud.writes()).toBe(after)
  })

  test('two people cancelling at once: one wins, each person is told once; an ended activity is not cancelled', async () => {
    const activityId = await create()
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    const replies = await Promise.all([
      cloud.call(DEMO.chair, 'activities.cancelActivity', { activityId, reason: '因雨取消' }),
      cloud.call(DEMO.admin, 'activities.cancelActivity', { activityId, reason: '场地维修' }),
    ])
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect((await messagesOf('m17')).filter((t) => t === '活动已取消')).toHaveLength(1)

    const past = await create()
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 5 * 3600_000))
    expect(
      (await cloud.refused(DEMO.chair, 'activities.cancelActivity', { activityId: past, reason: '因雨取消' })).message,
    ).toBe('活动已经结束，不能再取消')
  })
})
