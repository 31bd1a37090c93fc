import type { Clock } from '@/core/shared/ports'
import { createIds } from '@/server/ids'
import type { ServerPorts } from '@/server/ports'
import { nodeSigner } from '@/server/signer'
import { createCloudbaseStore } from '@/server/store/cloudbase-store'
import { createWechatContentCheck } from './content-check'
import { createCloudFiles } from './files'
import { createWechatNotifier } from './notifier'
import { createWechatQrCodes } from './qr-codes'
import type { CloudSdk, CloudStorage } from './sdk'
import { subscribeConfigFromEnv } from './subscribe-config'
import { createSubscribeTemplates } from './subscribe-templates'

/**
 * Ports for a CloudBase function: cloud database, system clock, WeChat subscribe messages (SUBSCRIBE_TEMPLATES)
 * and msgSecCheck.
 */
export function createCloudPorts(
  cloud: CloudSdk & CloudStorage,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ServerPorts {
  const store = createCloudbaseStore(cloud.database())
  const clock: Clock = { now: () => new Date() }
  // Read once per instance. A bad entry is logged here (every cold start) and by `init`, and left out: the
  // other templates still push, and a typo in one template never takes the app down.
  const subscribe = subscribeConfigFromEnv(env)
  for (const problem of subscribe.problems) console.error(`[subscribe] ${problem}`)
  return {
    store,
    clock,
    ids: createIds(),
    notifier: createWechatNotifier(cloud, store, clock, subscribe.templates),
    contentCheck: createWechatContentCheck(cloud),
    qrCodes: createWechatQrCodes(cloud),
    signer: nodeSigner,
    files: createCloudFiles(cloud),
    subscribeTemplates: createSubscribeTemplates(cloud, subscribe),
  }
}
