import type { ActivityInput } from '@/core/activities/manage'
import { createActivity } from '@/core/activities/manage'
import { AC } from '@/core/activities/collections'
import { recordResult } from '@/core/activities/results'
import { signUp } from '@/core/activities/signup'
import { createTeam, joinTeam } from '@/core/activities/teams'
import type { Ctx } from '@/core/shared/context'
import { C } from '@/core/shared/collections'
import type { MemberDoc } from '@/core/members/model'
import type { ServerPorts } from '../ports'

const HOUR = 3600_000
const DAY = 24 * HOUR

/**
 * Demo activities relative to the clock's now, made through the real use cases: one open with a full
 * quota and a waitlist, a 趣味运动会 with items, a 拔河 by 小组, a 三人篮球 with teams formed by captains,
 * a women-only talk and a finished 登山 with results.
 */
export async function seedActivities(ports: ServerPorts): Promise<void> {
  const members = new Map(
    (await ports.store.find<MemberDoc>(C.members, { unionId: 'u-syxx' }, { limit: 200 })).map((m) => [m._id, m]),
  )
  const as = (id: string): Ctx => ({ ...ports, openid: `demo-${id}`, member: members.get(id) ?? null })
  const chair = as('m01')
  // Whole hours of Shanghai days (today 00:00 +08:00 as the origin), so the demo reads like a real school's.
  const shanghaiMidnight = Math.floor((ports.clock.now().getTime() + 8 * HOUR) / DAY) * DAY - 8 * HOUR
  const at = (ms: number) => new Date(shanghaiMidnight + ms).toISOString()
  const base = (o: Partial<ActivityInput>): ActivityInput => ({
    title: '',
    description: '',
    startAt: at(3 * DAY + 15 * HOUR),
    endAt: at(3 * DAY + 17 * HOUR),
    place: '',
    signupOpenAt: at(-DAY + 8 * HOUR),
    signupCloseAt: at(2 * DAY + 12 * HOUR),
    audience: 'all',
    quota: 0,
    cancelPolicy: 'anytime',
    needsApproval: false,
    rosterPublic: true,
    maxGuests: 0,
    items: [],
    itemCap: 0,
    teamMode: 'none',
    teamSizeMin: 0,
    teamSizeMax: 0,
    teamMinWomen: 0,
    points: [],
    ...o,
  })

  const pingpong = await createActivity(
    chair,
    base({
      title: '教职工乒乓球单打赛',
      description: '单打淘汰赛，球拍自带，球由工会提供。',
      place: '学校体育馆二楼',
      quota: 6,
    }),
  )
  for (const id of ['m03', 'm09', 'm10', 'm17', 'm18', 'm19', 'm20', 'm21'])
    await signUp(as(id), { activityId: pingpong.id, itemIds: [], guests: 0 })

  const meet = await createActivity(
    chair,
    base({
      title: '冬季趣味运动会',
      description: '每人最多报两项，穿运动鞋。按小组积分排名。',
      place: '学校操场',
      startAt: at(6 * DAY + 14 * HOUR),
      endAt: at(6 * DAY + 17 * HOUR),
      signupCloseAt: at(5 * DAY + 12 * HOUR),
      items: [
        { name: '跳绳', quota: 12, gender: 'any' },
        { name: '踢毽', quota: 10, gender: 'F' },
        { name: '托球跑', quota: 10, gender: 'any' },
        { name: '大绳', quota: 20, gender: 'any' },
      ],
      itemCap: 2,
      points: [7, 5, 4, 3, 2, 1],
    }),
  )
  const [jump, kick, , rope] = meet.items.map((i) => i.id)
  await signUp(as('m09'), { activityId: meet.id, itemIds: [jump, kick], guests: 0 })
  await signUp(as('m17'), { activityId: meet.id, itemIds: [jump, rope], guests: 0 })
  await signUp(as('m18'), { activityId: meet.id, itemIds: [kick], guests: 0 })

  const tug = await createActivity(
    chair,
    base({
      title: '拔河比赛（按工会小组）',
      description: '每个小组一支队伍，每队8—10人，至少3名女教师。',
      place: '学校操场',
      startAt: at(8 * DAY + 15 * HOUR),
      endAt: at(8 * DAY + 17 * HOUR),
      signupCloseAt: at(7 * DAY + 12 * HOUR),
      audience: 'active',
      cancelPolicy: 'beforeClose',
      teamMode: 'byGroup',
      teamSizeMin: 8,
      teamSizeMax: 10,
      teamMinWomen: 3,
      points: [7, 5, 4, 3, 2, 1],
    }),
  )
  for (const id of ['m10', 'm04', 'm13', 'm17', 'm21', 'm03', 'm09'])
    await signUp(as(id), { activityId: tug.id, itemIds: [], guests: 0 })

  const hike = await createActivity(
    chair,
    base({
      title: '秋季登山活动',
      description: '可带家属，集合后统一乘车。',
      place: '紫金山北门',
      quota: 40,
      maxGuests: 2,
      startAt: at(2 * DAY + 8 * HOUR),
      endAt: at(2 * DAY + 14 * HOUR),
      signupCloseAt: at(DAY + 20 * HOUR),
    }),
  )
  for (const id of ['m05', 'm09', 'm17', 'm22', 'm36'])
    await signUp(as(id), { activityId: hike.id, itemIds: [], guests: id === 'm05' ? 2 : 0 })
  // Moved into the past after the sign-ups, as if it happened two weeks ago; then the results are in.
  await ports.store.updateOne(
    AC.activities,
    { _id: hike.id },
    {
      $set: {
        signupOpenAt: at(-20 * DAY),
        signupCloseAt: at(-15 * DAY + 12 * HOUR),
        startAt: at(-14 * DAY + 8 * HOUR),
        endAt: at(-14 * DAY + 14 * HOUR),
      },
    },
  )
  await recordResult(chair, { activityId: hike.id, itemId: '', entrantId: 'm22', place: 1, score: '1小时52分' })
  await recordResult(chair, { activityId: hike.id, itemId: '', entrantId: 'm09', place: 2, score: '2小时05分' })
  await recordResult(chair, { activityId: hike.id, itemId: '', entrantId: 'm17', place: 3, score: '2小时10分' })

  await createActivity(
    chair,
    base({
      title: '女教职工冬季养生讲座',
      description: '女教职工专场，请校医讲冬季保健，现场可咨询。',
      place: '会议室',
      audience: 'women',
      quota: 20,
      signupOpenAt: at(2 * DAY + 8 * HOUR),
      signupCloseAt: at(9 * DAY + 12 * HOUR),
      startAt: at(10 * DAY + 15 * HOUR),
      endAt: at(10 * DAY + 17 * HOUR),
    }),
  )

  const basketball = await createActivity(
    chair,
    base({
      title: '三人篮球赛（自由组队）',
      description: '每队3—4人，队长建队后同事自行加入；至多8支队伍。',
      place: '学校篮球场',
      quota: 8,
      startAt: at(6 * DAY + 16 * HOUR),
      endAt: at(6 * DAY + 18 * HOUR),
      signupCloseAt: at(5 * DAY + 12 * HOUR),
      audience: 'active',
      teamMode: 'captain',
      teamSizeMin: 3,
      teamSizeMax: 4,
    }),
  )
  const team = await createTeam(as('m27'), { activityId: basketball.id, name: '综合先锋' })
  const pioneers = team.teams?.find((t) => t.name === '综合先锋')
  if (pioneers) await joinTeam(as('m23'), { activityId: basketball.id, teamId: pioneers.id })
}
