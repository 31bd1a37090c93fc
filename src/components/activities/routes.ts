/** Pages of activities, in one place (the shared ROUTES belongs to another engineer). */
export const ACTIVITY_ROUTES = {
  detail: '/pages/activity/index',
  list: '/subpackages/activities/list/index',
  mine: '/subpackages/activities/mine/index',
  edit: '/subpackages/activities/edit/index',
  roster: '/subpackages/activities/roster/index',
  poster: '/subpackages/activities/poster/index',
  checkin: '/subpackages/activities/checkin/index',
  results: '/subpackages/activities/results/index',
  proxy: '/subpackages/activities/proxy/index',
} as const

export const activityUrl = (page: keyof typeof ACTIVITY_ROUTES, id?: string) =>
  id ? `${ACTIVITY_ROUTES[page]}?id=${id}` : ACTIVITY_ROUTES[page]

/**
 * The activity id of a page opened by link (`?id=`) or by a mini-program code (`scene=a%3D<id>`, which
 * WeChat hands over URI-encoded).
 */
export function activityIdFrom(params: Record<string, string | undefined>): string {
  if (params.id) return params.id
  const scene = params.scene ? safeDecode(params.scene) : ''
  const match = /(?:^|&)a=([A-Za-z0-9_-]{1,64})/.exec(scene)
  return match ? match[1] : ''
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
