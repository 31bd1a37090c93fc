import type { Reply } from '@/core/shared/errors'
import { dispatch } from '@/server/dispatch'
import { createCloudPorts } from '../_runtime/ports'
import { cloud, initCloud } from '../_runtime/sdk'

initCloud()
// Module scope: a warm instance reuses the ports (and the database handle) across calls.
const ports = createCloudPorts(cloud)

/** Every call from the app. Identity comes only from WeChat's context, never from the event. */
export async function main(event: unknown): Promise<Reply<unknown>> {
  const { OPENID } = cloud.getWXContext()
  return dispatch(ports, { openid: OPENID || undefined }, event)
}
