import { AC } from '@/core/activities/collections'
import { settleImageCheck, type ImageVerdict } from '@/core/shared/image-checks'
import { NC } from '@/core/notices/collections'
import { PC } from '@/core/proposals/collections'
import type { ServerPorts } from './ports'

/** Every collection whose pictures go through the content check: activity covers, notice and 提案 pictures. */
export const CHECKED_UPLOADS = [AC.covers, NC.files, PC.files] as const

/** Waits before looking again for the upload a verdict names, in milliseconds. */
const RETRY_MS = [300, 700]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * A picture verdict WeChat pushed (the `push` cloud function). The upload holding its ticket is recorded just
 * after mediaCheckAsync answers, so a verdict that overtakes it is looked for twice more within a second; if it
 * is still not there (the upload died before recording it), the verdict is dropped and nothing shows the
 * picture, which no record leads to. Resolves whether an upload was settled.
 */
export async function receiveImageVerdict(
  ports: Pick<ServerPorts, 'store' | 'clock' | 'notifier'>,
  verdict: ImageVerdict,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<boolean> {
  for (const pause of [...RETRY_MS, -1]) {
    if (await settleImageCheck(ports, CHECKED_UPLOADS, verdict)) return true
    if (pause < 0) return false
    await wait(pause)
  }
  return false
}
