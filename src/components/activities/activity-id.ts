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
