import type { JobCtx } from '../shared/context'
import type { OutgoingMessage } from '../shared/ports'
import type { ActivityDoc } from './model'
import { pageLink, ROUTES } from '../shared/routes'

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
    link: pageLink(ROUTES.activity, { id: a._id }),
    template: 'activity',
    templateData: { title: a.title, startsAt: a.startAt, endsAt: a.endAt, place: a.place, note: title },
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
