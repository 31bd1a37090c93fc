import { randomInt } from 'crypto'
import type { Ids } from '@/core/shared/ports'

/** No 0/O/1/I: a code read aloud or typed from a printed sheet cannot be mistyped between them. */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

const RANDOM_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

function randomString(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)]
  return out
}

/**
 * Ids sortable by creation time: 9 base36 digits of milliseconds (fixed width until the year 5188), then a
 * per-process counter and 8 random characters so ids made in the same millisecond, in one process or many
 * cloud function instances, neither collide nor need coordination.
 */
export function createIds(now: () => number = Date.now): Ids {
  let lastMs = 0
  let seq = 0
  return {
    newId() {
      const ms = now()
      seq = ms === lastMs ? seq + 1 : 0
      lastMs = ms
      return `${ms.toString(36).padStart(9, '0')}${seq.toString(36).padStart(2, '0')}${randomString(RANDOM_ALPHABET, 8)}`
    },
    inviteCode() {
      return randomString(INVITE_ALPHABET, 8)
    },
  }
}
