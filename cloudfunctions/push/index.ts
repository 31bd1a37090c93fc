import { receiveImageVerdict } from '@/server/image-checks'
import { readMediaCheckPush } from '../_runtime/content-check'
import { createCloudPorts } from '../_runtime/ports'
import { cloud, initCloud } from '../_runtime/sdk'

initCloud()
const ports = createCloudPorts(cloud)

/**
 * WeChat's message pushes, routed here by 云开发控制台 → 设置 → 消息推送 (push mode 云函数; message type
 * `event`, event type `wxa_media_check`): the verdicts of mediaCheckAsync on uploaded pictures. The event is
 * the push's JSON itself; the reply is 'success'
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/functions/openapi.html).
 *
 * Any client can call a cloud function by name, so nothing here trusts the caller or the event: a verdict
 * counts only for a ticket (trace id) the api function got from mediaCheckAsync and never showed anyone.
 */
export async function main(event: unknown): Promise<string> {
  const verdict = readMediaCheckPush(event)
  if (!verdict) {
    console.warn('[push] not a wxa_media_check verdict; ignored')
    return 'success'
  }
  if (!(await receiveImageVerdict(ports, verdict))) console.warn('[push] no upload holds this verdict’s ticket')
  return 'success'
}
