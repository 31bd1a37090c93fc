import fs from 'fs'
import os from 'os'
import path from 'path'
import { startLocalCloud, type LocalCloud } from '@/server/local/server'

/** A seeded local cloud on a temp dir, spoken to over HTTP the way the H5 app does. */
export interface HttpCloud {
  local: LocalCloud
  /** The session cookie of a demo person, from POST /dev/login with this run's dev token. */
  signIn(openid: string): Promise<string>
  /** Calls an action and returns its data; a refusal throws with the server's message. */
  api<T>(cookie: string, action: string, data: unknown): Promise<T>
  get(cookie: string, url: string): Promise<Response>
  close(): Promise<void>
}

const JSON_TYPE = { 'content-type': 'application/json' }

export async function startHttpCloud(prefix: string): Promise<HttpCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const local = await startLocalCloud({ dataDir, port: 0, h5Dir: dataDir, seed: true, log: () => undefined })
  return {
    local,
    async signIn(openid) {
      const res = await fetch(`${local.url}/dev/login`, {
        method: 'POST',
        headers: { ...JSON_TYPE, authorization: `Bearer ${local.devToken}` },
        body: JSON.stringify({ openid }),
      })
      return (res.headers.get('set-cookie') ?? '').split(';')[0]
    },
    async api<T>(cookie: string, action: string, data: unknown): Promise<T> {
      const res = await fetch(`${local.url}/api/api`, {
        method: 'POST',
        headers: { ...JSON_TYPE, cookie },
        body: JSON.stringify({ action, data }),
      })
      const reply = (await res.json()) as { ok: boolean; data: T; message?: string }
      if (!reply.ok) throw new Error(reply.message)
      return reply.data
    },
    get: (cookie, url) => fetch(`${local.url}${url}`, { headers: { cookie } }),
    async close() {
      await local.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
