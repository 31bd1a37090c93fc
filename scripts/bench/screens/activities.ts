import { call, cold, measure } from '../round-trip-measure'
import { PEOPLE, withoutLatency, type BenchEnv, type Screens } from './types'

const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()

async function createActivity({ emulator }: BenchEnv, title: string): Promise<string> {
  const created = (await emulator.invoke(
    'api',
    {
      action: 'activities.create',
      data: {
        title,
        startAt: hour(30),
        endAt: hour(32),
        place: '操场',
        signupOpenAt: hour(-1),
        signupCloseAt: hour(24),
        audience: 'all',
        quota: 1,
        cancelPolicy: 'anytime',
        needsApproval: false,
        rosterPublic: true,
      },
    },
    { openid: PEOPLE.chair },
  )) as { ok: boolean; data?: { id: string }; message?: string }
  if (!created.ok || !created.data) throw new Error(`activities.create failed: ${created.message}`)
  return created.data.id
}

/** 活动 detail opened from a QR code, 报名 / 取消 on it, and the list of a union with 500 activities. */
export const activityScreens: Screens = async (env) => {
  const { emulator } = env
  const out: Awaited<ReturnType<Screens>> = {}
  // Setup (not measured): an activity with one seat, so the second teacher lands on the waitlist.
  const activityId = await createActivity(env, '往返次数测试活动')

  // Opened from a QR code (src/pages/activity): one call for the activity (the session rides along with it
  // once the lead's piggyback is in: `session: true`).
  out.activityFromQr = (
    await measure(emulator, [[cold(call(PEOPLE.teacher, 'activities.get', { activityId }))]])
  ).figures
  // 报名 / 取消: one call each; the reply carries the page as it now stands (no reload).
  const act = (openid: string, action: string, data: Record<string, unknown>) =>
    measure(emulator, [[call(openid, action, data)]])
  out.signUpSeat = (await act(PEOPLE.teacher, 'activities.signUp', { activityId })).figures
  out.signUpWaitlisted = (await act(PEOPLE.secondTeacher, 'activities.signUp', { activityId })).figures
  out.cancelConfirmed = (await act(PEOPLE.teacher, 'activities.cancel', { activityId, reason: '' })).figures

  // 活动 list of a union with 500 activities: 首页's three rows, and one default page of the list.
  await withoutLatency(env, async () => {
    for (let i = 1; i < 500; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, 500 - i) }, (_, k) => createActivity(env, `批量活动${i + k}`)),
      )
    }
  })
  out.activitiesList500 = (await measure(emulator, [[call(PEOPLE.teacher, 'activities.list', { limit: 3 })]])).figures
  out.activitiesListPage = (await measure(emulator, [[call(PEOPLE.teacher, 'activities.list')]])).figures
  return out
}
