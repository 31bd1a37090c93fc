import type { Notifier, SubscribeTemplates } from '@/core/shared/ports'
import { SettableClock } from '../clock'
import { createIds } from '../ids'
import { recordMessage } from '../notifier-store'
import type { ServerPorts } from '../ports'
import { nodeSigner } from '../signer'
import { createNedbStore } from '../store/nedb-store'
import { localContentCheck } from './content-check'
import { createLocalFiles, type LocalFiles } from './files'
import { createLocalQrCodes, type LocalQrCodes } from './qr-codes'

/** No WeChat here: no template to ask consent for, nothing to verify. */
export const localSubscribeTemplates: SubscribeTemplates = {
  ids: () => ({}),
  verify: async () => ({
    ready: [],
    problems: [],
    summary: '本地运行没有微信：未配置订阅消息模板，消息只进站内信',
  }),
}

export interface LocalPorts extends ServerPorts {
  clock: SettableClock
  qrCodes: LocalQrCodes
  files: LocalFiles
}

/** The local cloud's adapters: nedb files on disk, an outbox instead of WeChat pushes, a settable clock. */
export function createLocalPorts(dataDir: string): LocalPorts {
  const store = createNedbStore(dataDir)
  const clock = new SettableClock()
  const ids = createIds()
  // Locally the message center *is* the outbox: nothing leaves the machine.
  const notifier: Notifier = { send: (message) => recordMessage(store, clock, message) }
  return {
    store,
    clock,
    ids,
    notifier,
    contentCheck: localContentCheck,
    qrCodes: createLocalQrCodes(),
    signer: nodeSigner,
    files: createLocalFiles(dataDir),
    subscribeTemplates: localSubscribeTemplates,
  }
}
