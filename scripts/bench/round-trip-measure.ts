// Measuring one screen on the CloudBase emulator: the calls its page makes, wave by wave, and what the emulator
// recorded for them. Shared by the round-trips bench and the test that holds the same budgets.
import { CloudbaseEmulator, type InvocationRecord } from '../../emulator/cloudbase/environment'

export interface ScreenFigures {
  calls: number
  sequential: number
  requests: number
  replyBytes: number
}

export interface Call {
  openid: string
  action: string
  data: Record<string, unknown>
  /** The page opens cold: the call brings the caller's session back too (src/server/dispatch.ts). */
  session?: true
}

export type Replies = unknown[][]

/** Runs the waves one after another, each wave's calls together, and totals what the emulator recorded. */
export async function measure(
  emulator: CloudbaseEmulator,
  waves: Call[][],
): Promise<{ figures: ScreenFigures; replies: Replies }> {
  const figures: ScreenFigures = { calls: 0, sequential: 0, requests: 0, replyBytes: 0 }
  const replies: Replies = []
  for (const wave of waves) {
    const records: InvocationRecord[] = []
    const pending = wave.map((c) => {
      const reply = emulator.invoke(
        'api',
        { action: c.action, data: c.data, ...(c.session ? { session: true } : {}) },
        { openid: c.openid },
      )
      // invoke() records its invocation before its first await: the last entry is this call's.
      records.push(emulator.invocations[emulator.invocations.length - 1])
      return reply
    })
    const results = await Promise.all(pending)
    results.forEach((r, i) => {
      const reply = r as { ok: boolean; message?: string }
      if (!reply.ok) throw new Error(`${wave[i].action} failed: ${reply.message ?? JSON.stringify(r)}`)
      figures.replyBytes += Buffer.byteLength(JSON.stringify(r))
    })
    figures.calls += wave.length
    figures.sequential += Math.max(...records.map((r) => r.sequential))
    figures.requests += records.reduce((sum, r) => sum + r.requests, 0)
    replies.push(results)
  }
  return { figures, replies }
}

export const call = (openid: string, action: string, data: Record<string, unknown> = {}): Call => ({
  openid,
  action,
  data,
})

/** The same call, made by a page that has no session yet (opened from a QR code, a shared card, 首页 at start). */
export const cold = (c: Call): Call => ({ ...c, session: true })
