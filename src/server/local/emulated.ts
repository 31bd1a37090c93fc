import type http from 'http'
import path from 'path'
import { Cron } from 'croner'
import type { Clock } from '@/core/shared/ports'
import type { Reply } from '@/core/shared/errors'
import { FILE_TYPES, type FileType } from '@/core/notices/file-rules'
import { TICK_TRIGGER, type JobReport, type TickReport } from '../jobs'
import type { ServerPorts } from '../ports'
import { appPages, deployApp, ensureFunctionBundles } from '../../../emulator/cloudbase/app-deployment'
import { CloudbaseEmulator } from '../../../emulator/cloudbase/environment'
import { InvocationKilled } from '../../../emulator/cloudbase/invocation'
import { BLOCKED_WORDS, RISKY_IMAGE_MARKER } from './content-check'
import { ensurePrivateDir } from './private-files'
import { serveCloud, type ApiOutcome, type CloudBackend, type CloudFront } from './server'

export interface EmulatedCloudOptions {
  /** The environment's folder: database/ and storage/ (kept across restarts), and the session secret. */
  dataDir: string
  /** Built functions; rebuilt here when missing or older than their sources. */
  bundlesDir: string
  /** 0 picks a free port (tests). */
  port: number
  h5Dir: string
  /** Seed the demo school when the environment has no union yet. */
  seed: boolean
  /** Fire the `cron` function's timer trigger on its schedule. */
  cron?: boolean
  /** Answer POST /dev/clock (the emulated functions read real time, so it explains it cannot move). */
  settableClock?: boolean
  /** Cost of each database / open-API / storage request (default 20 ms, a realistic CloudBase figure). */
  latencyMs?: number
  /** Where phones on the LAN reach this server (default JG_PUBLIC_URL): an origin of its own. */
  publicUrl?: string
  /** The sessions' and dev passes' clock, epoch ms (tests). */
  sessionClock?: () => number
  log?: (line: string) => void
}

export interface EmulatedCloud extends CloudFront {
  emulator: CloudbaseEmulator
  /** The console's view of the environment (no latency, no invocation): for checks and setup, not the app. */
  ports: ServerPorts
  bundlesDir: string
}

const systemClock: Clock = { now: () => new Date() }

/** Where CloudBase hands out temporary links to stored files (emulator/cloudbase/storage.ts). */
const STORAGE_LINK = /https:\/\/([A-Za-z0-9-]+\.tcb\.qcloud\.la)\//g
const STORAGE_ROUTE = '/cloud-storage/'

/**
 * The local cloud on the CloudBase emulator: the same HTTP front as `npm start`, but `/api/api` invokes the
 * built `api` bundle with the signed-in person as WeChat's context, jobs run through the `cron` bundle, and
 * files live in the emulated storage. Every request pays the emulator's latency and every invocation its
 * timeout, so a demo or a browser test feels what a teacher on CloudBase would.
 */
export async function startEmulatedCloud(options: EmulatedCloudOptions): Promise<EmulatedCloud> {
  const log = options.log ?? ((line: string) => console.log(line))
  ensurePrivateDir(options.dataDir)
  ensureFunctionBundles(options.bundlesDir, log)
  const emulator = new CloudbaseEmulator({
    dir: options.dataDir,
    persistent: true,
    // Fixed, so the file IDs stored with the data still name this environment after a restart.
    envId: 'jgzj-local',
    latencyMs: options.latencyMs ?? 20,
    // No subscribe templates: like the local cloud, messages stay in the in-app message center.
    openapi: { templates: [], pages: appPages(), riskyImageMarker: RISKY_IMAGE_MARKER, riskyWords: BLOCKED_WORDS },
  })
  const { ports, seeded } = await deployApp(emulator, {
    bundlesDir: options.bundlesDir,
    seed: options.seed,
    clock: systemClock,
  })
  if (seeded) log('[cloudbase-emulator] 已创建演示学校：实验小学工会（学校代码 SYXX）')

  // The cron bundle answers a job by hand with its JobReport, a timer tick with a TickReport.
  const invokeCron = async <R>(event: Record<string, unknown>): Promise<R> => {
    const reply = (await emulator.invoke('cron', event)) as Reply<R>
    if (!reply.ok) throw new Error(`cron ${JSON.stringify(event)}: ${reply.message}`)
    return reply.data
  }
  const backend: CloudBackend = {
    store: ports.store,
    async callApi(openid, body): Promise<ApiOutcome> {
      const started = Date.now()
      try {
        // The links point at CloudBase's storage domain, which a phone reaches and this browser does not.
        return { reply: viaThisServer(await emulator.invoke('api', body, { openid })) }
      } catch (e) {
        // What CloudBase tells the caller: a timeout as -504003 with the seconds it ran; a function that threw
        // or whose instance died as a failed execution.
        if (e instanceof InvocationKilled && e.reason === 'timeout') {
          const seconds = Math.round((Date.now() - started) / 1000)
          return { failed: { errCode: -504003, errMsg: `Invoking task timed out after ${seconds} seconds` } }
        }
        return { failed: { errCode: -504002, errMsg: e instanceof Error ? e.message : String(e) } }
      }
    },
    async serveFile(url, _caller, res) {
      if (!url.pathname.startsWith(STORAGE_ROUTE)) return false
      serveStorageLink(emulator, `https://${url.pathname.slice(STORAGE_ROUTE.length)}${url.search}`, res)
      return true
    },
    // The console's test event naming a job ({"TriggerName": "daily"}): the job now, from the start. The whole
    // summary goes to the terminal, as the console shows it in the function's log.
    async runJob(job) {
      const { summary } = await invokeCron<JobReport>({ TriggerName: job.name })
      log(`[cron] ${job.name}: ${summary}`)
      return summary
    },
  }
  const cron = options.cron
    ? new Cron(TICK_TRIGGER.config, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          await invokeCron<TickReport>({ Type: 'Timer', TriggerName: TICK_TRIGGER.name })
        } catch (e) {
          log(`[cron] tick failed: ${e instanceof Error ? e.message : String(e)}`)
        }
      })
    : null
  const front = await serveCloud(backend, {
    ...options,
    publicUrl: options.publicUrl ?? process.env.JG_PUBLIC_URL,
    log,
  })
  return {
    ...front,
    emulator,
    ports,
    bundlesDir: options.bundlesDir,
    close: async () => {
      cron?.stop()
      await front.close()
      emulator.close()
    },
  }
}

/** Temporary storage links in a reply, pointed at this server's storage route (same path and signature). */
function viaThisServer(reply: unknown): unknown {
  if (reply === undefined) return reply
  const text = JSON.stringify(reply)
  const routed = text.replace(STORAGE_LINK, `${STORAGE_ROUTE}$1/`)
  return routed === text ? reply : JSON.parse(routed)
}

/** GET of a temporary link: the bytes if the storage honours it (signature, expiry, file), else its 404. */
function serveStorageLink(emulator: CloudbaseEmulator, link: string, res: http.ServerResponse): void {
  const bytes = emulator.storage.readTempFileURL(link)
  if (!bytes) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    res.end('找不到这个文件')
    return
  }
  const extension = path.extname(new URL(link).pathname).slice(1).toLowerCase()
  const type = Object.prototype.hasOwnProperty.call(FILE_TYPES, extension) ? FILE_TYPES[extension as FileType] : null
  res.writeHead(200, {
    'content-type': type?.mime ?? 'application/octet-stream',
    'content-length': bytes.length,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(bytes)
}
