import type { Clock, ContentCheck, Files, Ids, Notifier, QrCodes, Signer, Store } from '@/core/shared/ports'

/** Everything a handler may touch; built once per runtime (local cloud or a CloudBase function). */
export interface ServerPorts {
  store: Store
  clock: Clock
  ids: Ids
  notifier: Notifier
  contentCheck: ContentCheck
  qrCodes: QrCodes
  signer: Signer
  files: Files
}

/** Who is calling, as the runtime says: CloudBase's getWXContext().OPENID, or the local signed session. */
export interface Identity {
  openid?: string
}
