import type { JobCtx } from '../shared/context'
import type { OutgoingMessage } from '../shared/ports'
import type { ActivityDoc } from './model'
import { formatWhen } from './time'

/** One message about an activity to one member; the occasion makes the key unique per real-world send. */
export function activityMessage(
  a: ActivityDoc,
  memberId: string,
  occasion: string,
  title: string,
  body: string,
): OutgoingMessage {
  return {
    key: `activity:${a._id}:${memberId}:${occasion}`,
    unionId: a.unionId,
    memberId,
    kind: 'activity',
    title,
    body,
    link: `/pages/activity/index?id=${a._id}`,
    template: 'activity',
    templateData: {
      thing1: a.title.slice(0, 20),
      time2: formatWhen(a.startAt),
      thing3: a.place.slice(0, 20),
      thing4: title.slice(0, 20),
    },
  }
}

export async function notifyMember(
  ctx: Pick<JobCtx, 'notifier'>,
  a: ActivityDoc,
  memberId: string,
  occasion: string,
  title: string,
  body: string,
): Promise<void> {
  await ctx.notifier.send(activityMessage(a, memberId, occasion, title, body))
}
