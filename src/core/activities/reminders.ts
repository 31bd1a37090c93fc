import type { JobCtx } from '../shared/context'
import { C } from '../shared/collections'
import { findAll } from '../shared/paging'
import type { OutgoingMessage } from '../shared/ports'
import type { ReminderSource } from '../shared/reminders'
import type { MemberDoc } from '../members/model'
import { AC } from './collections'
import { ACTIVE_STATUSES, ofActivity, type ActivityDoc, type SignupDoc } from './model'
import { activityMessage } from './notify'
import { audienceRefusal, CHECKIN_OPENS_BEFORE_MS } from './rules'
import { formatWhen } from '../shared/shanghai-time'

const HOUR = 3600_000

/** Active activities with `field` in (from, to]; reminders run across unions, so no unionId here. */
async function activitiesWith(
  ctx: JobCtx,
  field: 'startAt' | 'signupCloseAt',
  from: Date,
  to: Date,
): Promise<ActivityDoc[]> {
  const list = await findAll<ActivityDoc>(ctx.store, AC.activities, {
    [field]: { $gt: from.toISOString(), $lte: to.toISOString() },
  })
  return list.filter((a) => a.status === 'active')
}

async function confirmedOf(ctx: JobCtx, a: ActivityDoc, notCheckedIn: boolean): Promise<SignupDoc[]> {
  return findAll<SignupDoc>(
    ctx.store,
    AC.signups,
    ofActivity(a, { status: 'confirmed', ...(notCheckedIn ? { checkedInAt: { $exists: false } } : {}) }),
  )
}

/**
 * "Tomorrow" (within 24 h, more than 2 h away) and "in 2 hours" to everyone confirmed. The key carries the
 * start time, so a moved activity is announced again and a re-run sends nothing twice.
 */
function startingSource(
  name: string,
  fromMs: number,
  toMs: number,
  occasion: string,
  say: (a: ActivityDoc) => string,
): ReminderSource {
  return {
    name,
    async collect(ctx, now) {
      const out: OutgoingMessage[] = []
      for (const a of await activitiesWith(
        ctx,
        'startAt',
        new Date(now.getTime() + fromMs),
        new Date(now.getTime() + toMs),
      )) {
        // Check-in opens before the start (CHECKIN_OPENS_BEFORE_MS): one already in needs no reminder.
        for (const s of await confirmedOf(ctx, a, fromMs < CHECKIN_OPENS_BEFORE_MS))
          out.push(activityMessage(a, s.memberId, `${occasion}:${a.startAt}`, '活动提醒', say(a)))
      }
      return out
    },
  }
}

const startsTomorrow = startingSource(
  'activity-starts-tomorrow',
  2 * HOUR,
  24 * HOUR,
  'day-before',
  (a) => `「${a.title}」将于${formatWhen(a.startAt)}开始，地点：${a.place}。`,
)
const startsSoon = startingSource(
  'activity-starts-soon',
  0,
  2 * HOUR,
  'two-hours',
  (a) =>
    `「${a.title}」两小时内开始（${formatWhen(a.startAt)}），地点：${a.place}。活动开始前1小时起可以签到，别忘了签到。`,
)

/** Sign-up closes within a day: tell the audience who have not signed up. */
const closingSoon: ReminderSource = {
  name: 'activity-signup-closing',
  async collect(ctx, now) {
    const out: OutgoingMessage[] = []
    for (const a of await activitiesWith(ctx, 'signupCloseAt', now, new Date(now.getTime() + 24 * HOUR))) {
      if (now.toISOString() < a.signupOpenAt) continue
      const signed = new Set(
        (await findAll<SignupDoc>(ctx.store, AC.signups, ofActivity(a)))
          .filter((s) => ACTIVE_STATUSES.includes(s.status))
          .map((s) => s.memberId),
      )
      const members = await findAll<MemberDoc>(ctx.store, C.members, { unionId: a.unionId })
      for (const m of members) {
        if (m.status === 'left' || !m.openid || signed.has(m._id) || audienceRefusal(a.audience, m) !== null) continue
        out.push(
          activityMessage(
            a,
            m._id,
            `closing:${a.signupCloseAt}`,
            '报名即将截止',
            `「${a.title}」报名将于${formatWhen(a.signupCloseAt)}截止，想参加请尽快报名。`,
          ),
        )
      }
    }
    return out
  },
}

/** Reminders this capability asks the `reminders` job to send. Waitlist promotion is sent when it happens. */
export const activitiesReminders: ReminderSource[] = [startsTomorrow, startsSoon, closingSoon]
