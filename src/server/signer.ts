import crypto from 'crypto'
import type { Signer } from '@/core/shared/ports'

/** node's crypto serves both runtimes: CloudBase functions and the local cloud are Node. */
export const nodeSigner: Signer = {
  hmacHex: (key, message) => crypto.createHmac('sha256', key).update(message).digest('hex'),
}
