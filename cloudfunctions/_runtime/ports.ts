import type { Clock } from '@/core/shared/ports'
import { createIds } from '@/server/ids'
import type { ServerPorts } from '@/server/ports'
import { nodeSigner } from '@/server/signer'
import { createCloudbaseStore } from '@/server/store/cloudbase-store'
import { createWechatContentCheck } from './content-check'
import { createCloudFiles } from './files'
import { createWechatNotifier, templateIds } from './notifier'
import { createWechatQrCodes } from './qr-codes'
import type { CloudSdk, CloudStorage } from './sdk'

/** Ports for a CloudBase function: cloud database, system clock, WeChat subscribe messages and msgSecCheck. */
export function createCloudPorts(cloud: CloudSdk & CloudStorage, env: NodeJS.ProcessEnv = process.env): ServerPorts {
  const store = createCloudbaseStore(cloud.database())
  const clock: Clock = { now: () => new Date() }
  return {
    store,
    clock,
    ids: createIds(),
    notifier: createWechatNotifier(cloud, store, clock, templateIds(env.TEMPLATE_IDS)),
    contentCheck: createWechatContentCheck(cloud),
    qrCodes: createWechatQrCodes(cloud),
    signer: nodeSigner,
    files: createCloudFiles(cloud),
  }
}
