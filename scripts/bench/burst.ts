// Sign-up burst (BENCH_ONLY=burst): 1,000 `activities.signUp` calls at once from 600 members (double taps and
// retries) for a quota of 50, over HTTP with real sessions, against two servers each in its own process:
// - app: the local cloud (startLocalCloud, scripts/bench/burst-app.ts);
// - raw: a plain node http + nedb server writing the same documents with the same writes (burst-raw.ts).
// Rounds alternate app/raw/raw/app… (each on a fresh activity) so machine noise hits both; CPU is each server
// process's own (user + system, all its threads), so other work on the machine does not count, and the
// figures are the medians of the rounds. The seat counter must hand out exactly the quota and no member may
// hold two sign-ups; the app may cost at most CPU_RATIO_BUDGET × the raw server's CPU. For contrast, a naive
// count-then-insert on the raw server oversells. Writes .tmp/bench/burst.json (every round's figures too).
//
// While working on it: BURST_ROUNDS=n measured rounds per server (default 5); BURST_QUOTA=600 gives everyone a
// seat (no waitlist: the same three writes on both sides); BURST_TRACE=1 adds the documents nedb looked at per
// collection and query shape to each round in the JSON; BURST_PROFILE=app|raw|app,raw writes a CPU profile of
// each measured round to .tmp/bench/burst-prof/ (Chrome DevTools, speedscope; a profiled server runs slower).
import { spawn, type ChildProcess } from 'child_process'
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import type { ChildApi, Reply, RoundStats, Setup, Usage } from './burst-child'
import { benchMember, NAIVE_QUOTA } from './burst-child'
import { ROOT, TMP } from './exec'
import type { BenchModule, BenchResult } from './types'

const MEMBERS = 600
const CALLS = 1_000
const ROUNDS = Number(process.env.BURST_ROUNDS ?? 5)
/** Seats per round's activity. BURST_QUOTA=600 (everyone gets a seat) leaves the waitlist out of the measure. */
const QUOTA = Number(process.env.BURST_QUOTA ?? 50)
const WARM_UP_ROUNDS = 3
/** Sockets per server: the burst's 1,000 calls queue on them as they would in the server's accept backlog. */
const SOCKETS = 100
const CPU_RATIO_BUDGET = 1.3
// All 1,000 arrive at once on one process, so p95 ≈ the whole burst; the budget guards against a slowdown.
const P95_BUDGET_MS = 8_000
const OUT = path.join(TMP, 'bench', 'burst.json')
const PROFILES = path.join(TMP, 'bench', 'burst-prof')

type Name = 'app' | 'raw'

/** One server in its own process, answering the requests of burst-child.ts. */
class Server {
  private next = 1
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  /** A round's connections; each round opens its own, so none idles into the server's keep-alive timeout. */
  agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS })

  private constructor(
    readonly name: Name,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      if ('error' in reply) w?.reject(new Error(`${name} server: ${reply.error}`))
      else w?.resolve(reply.result)
    })
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w.reject(new Error(`${name} server exited (${code})`))
      this.waiting.clear()
    })
  }

  static start(name: Name, dir: string): Promise<Server> {
    const script = path.join(__dirname, `burst-${name}.ts`)
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    const server = new Server(name, child)
    return new Promise((resolve, reject) => {
      server.waiting.set(0, { resolve: () => resolve(server), reject })
      child.on('error', reject)
    })
  }

  call<K extends keyof ChildApi>(type: K, arg: ChildApi[K]['arg']): Promise<ChildApi[K]['result']> {
    const id = this.next++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, type, arg })
    })
  }

  freshConnections(): void {
    this.agent.destroy()
    this.agent = new http.Agent({ keepAlive: true, maxSockets: SOCKETS })
  }

  stop(): void {
    this.agent.destroy()
    // Only the process this bench started, by its own handle.
    if (this.child.exitCode === null) this.child.kill()
  }
}

interface Answer {
  ok: boolean
  data?: { status?: string }
}

function post(server: Server, url: string, cookie: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/api`,
      {
        method: 'POST',
        agent: server.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer)
          } catch {
            reject(new Error(`${server.name}: HTTP ${res.statusCode}, not JSON`))
          }
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Every member once, then 400 more calls from members who tap twice or retry, all in one shuffled burst. */
function burstOrder(openids: string[]): string[] {
  const calls = [...openids]
  for (let i = 0; calls.length < CALLS; i++) calls.push(openids[(i * 7919) % openids.length])
  let seed = 42
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let i = calls.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[calls[i], calls[j]] = [calls[j], calls[i]]
  }
  return calls
}

interface Round {
  server: Name
  seconds: number
  cpuMs: number
  systemMs: number
  reads: number
  writes: number
  scanned: number
  shapes?: Record<string, number>
  latencies: number[]
  refusals: number
  stats: RoundStats
}

async function runRound(server: Server, setup: Setup, order: string[], profile: string | null): Promise<Round> {
  const activityId = await server.call('activity', { quota: QUOTA })
  const body = JSON.stringify({ action: 'activities.signUp', data: { activityId } })
  server.freshConnections()
  if (profile) await server.call('profile', {})
  const before: Usage = await server.call('usage', null)
  const t0 = performance.now()
  const latencies: number[] = []
  let refusals = 0
  await Promise.all(
    order.map(async (openid) => {
      const start = performance.now()
      const answer = await post(server, setup.url, setup.cookies[openid], body)
      latencies.push(performance.now() - start)
      if (!answer.ok) refusals++
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const after: Usage = await server.call('usage', null)
  if (profile) await server.call('profile', { file: profile })
  return {
    server: server.name,
    seconds,
    cpuMs: (after.cpuUs - before.cpuUs) / 1000,
    systemMs: (after.systemUs - before.systemUs) / 1000,
    reads: after.reads - before.reads,
    writes: after.writes - before.writes,
    scanned: after.scanned - before.scanned,
    ...(after.shapes ? { shapes: difference(after.shapes, before.shapes ?? {}) } : {}),
    latencies,
    refusals,
    stats: await server.call('stats', { activityId }),
  }
}

const difference = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1]),
  )

const ascending = (xs: number[]) => [...xs].sort((a, b) => a - b)
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const round2 = (x: number) => Math.round(x * 100) / 100
const median = (xs: number[]) => {
  const s = ascending(xs)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** A round is right when exactly the quota got seats, everyone else waits, and the counter is the ledger's sum. */
const seatsRight = (s: RoundStats) => s.confirmed === QUOTA && s.taken === QUOTA && s.ledger === QUOTA
const lineRight = (s: RoundStats) => s.waitlisted === MEMBERS - QUOTA && s.other === 0
const duplicatesOf = (r: Round) => r.stats.docs - r.stats.members

export const burstBench: BenchModule = {
  name: 'burst',
  async run(): Promise<BenchResult[]> {
    const dirs = { app: '', raw: '' }
    const servers: Server[] = []
    try {
      for (const name of ['app', 'raw'] as const) {
        dirs[name] = fs.mkdtempSync(path.join(os.tmpdir(), `jg-bench-burst-${name}-`))
        servers.push(await Server.start(name, dirs[name]))
      }
      const [app, raw] = servers
      const [appSetup, rawSetup] = await Promise.all(servers.map((s) => s.call('setup', { members: MEMBERS })))
      const setups = { app: appSetup, raw: rawSetup }
      const order = burstOrder(Array.from({ length: MEMBERS }, (_, i) => benchMember(i).openid))
      const profiled = (process.env.BURST_PROFILE ?? '').split(',')

      // Unmeasured rounds first (JIT, the heap growing to its working size), then app/raw/raw/app/app/raw…
      for (let r = 0; r < WARM_UP_ROUNDS; r++) {
        await runRound(app, appSetup, order, null)
        await runRound(raw, rawSetup, order, null)
      }
      const rounds: Round[] = []
      for (let r = 0; r < ROUNDS; r++) {
        for (const server of r % 2 === 0 ? [app, raw] : [raw, app]) {
          const profile = profiled.includes(server.name) ? path.join(PROFILES, `${server.name}-round${r + 1}`) : null
          rounds.push(await runRound(server, setups[server.name], order, profile))
        }
      }

      // The way not to do it, on the plain server (unmeasured).
      const naiveBody = JSON.stringify({ action: 'naive.signUp', data: { activityId: 'naive' } })
      raw.freshConnections()
      await Promise.all(order.map((openid) => post(raw, rawSetup.url, rawSetup.cookies[openid], naiveBody)))
      const naive = await raw.call('naiveStats', { activityId: 'naive' })

      const of = (name: Name) => rounds.filter((r) => r.server === name)
      const sum = (list: Round[], f: (r: Round) => number) => list.reduce((t, r) => t + f(r), 0)
      // Medians of the rounds: one round hit by a burst of other work on the machine does not move them.
      const cpuPer1000 = (name: Name) => (median(of(name).map((r) => r.cpuMs)) / CALLS) * 1000
      const perSecond = (name: Name) => CALLS / median(of(name).map((r) => r.seconds))
      const perCall = (name: Name, f: (r: Round) => number) => sum(of(name), f) / (of(name).length * CALLS)
      const latencies = (name: Name) => ascending(of(name).flatMap((r) => r.latencies))

      for (const r of of('raw'))
        if (!seatsRight(r.stats) || !lineRight(r.stats) || duplicatesOf(r) > 0)
          throw new Error(`the raw server signed up wrongly, so it measures nothing: ${JSON.stringify(r.stats)}`)
      const appRounds = of('app')
      const wrongSeats = appRounds.find((r) => !seatsRight(r.stats))?.stats
      const wrongLine = appRounds.find((r) => !lineRight(r.stats))?.stats
      const confirmed = wrongSeats ? wrongSeats.confirmed : QUOTA
      const duplicates = sum(appRounds, duplicatesOf)
      const cpuRatio = round2(cpuPer1000('app') / cpuPer1000('raw'))
      const throughputRatio = round2(perSecond('app') / perSecond('raw'))
      const p95 = Math.round(percentile(latencies('app'), 95))

      const figures = {
        cpuRatioVsRawNedb: cpuRatio,
        throughputRatio,
        confirmed,
        quota: QUOTA,
        duplicates,
        p95Ms: p95,
        cpuMsPer1000: { app: Math.round(cpuPer1000('app')), raw: Math.round(cpuPer1000('raw')) },
        signupsPerSecond: { app: Math.round(perSecond('app')), raw: Math.round(perSecond('raw')) },
        storeCallsPerSignup: {
          app: { reads: round2(perCall('app', (r) => r.reads)), writes: round2(perCall('app', (r) => r.writes)) },
          raw: { reads: round2(perCall('raw', (r) => r.reads)), writes: round2(perCall('raw', (r) => r.writes)) },
        },
        docsScannedPerSignup: {
          app: round2(perCall('app', (r) => r.scanned)),
          raw: round2(perCall('raw', (r) => r.scanned)),
        },
        rawP95Ms: Math.round(percentile(latencies('raw'), 95)),
        rounds: rounds.map(({ latencies: l, ...r }) => ({
          ...r,
          seconds: round2(r.seconds),
          cpuMs: Math.round(r.cpuMs),
          systemMs: Math.round(r.systemMs),
          p95Ms: Math.round(percentile(ascending(l), 95)),
        })),
        naive,
      }
      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, `${JSON.stringify(figures, null, 2)}\n`)

      const appStats = appRounds[appRounds.length - 1].stats
      return [
        { label: 'app CPU per 1,000 sign-ups', value: figures.cpuMsPer1000.app, unit: 'ms' },
        { label: 'raw node http + nedb, same writes', value: figures.cpuMsPer1000.raw, unit: 'ms' },
        {
          label: 'CPU app ÷ raw',
          value: cpuRatio,
          unit: '×',
          budget: `≤ ${CPU_RATIO_BUDGET}`,
          pass: cpuRatio <= CPU_RATIO_BUDGET,
        },
        { label: 'throughput app ÷ raw', value: throughputRatio, unit: '×' },
        { label: 'app throughput', value: figures.signupsPerSecond.app, unit: 'calls/s' },
        {
          label: 'store calls per sign-up: app (raw)',
          value: round2(perCall('app', (r) => r.reads + r.writes)),
          unit: `(${round2(perCall('raw', (r) => r.reads + r.writes))})`,
        },
        {
          label: 'docs scanned per sign-up: app (raw)',
          value: figures.docsScannedPerSignup.app,
          unit: `(${figures.docsScannedPerSignup.raw})`,
        },
        {
          label: `confirmed = seat counter (quota ${QUOTA})`,
          value: confirmed,
          unit: 'seats',
          budget: `= ${QUOTA}`,
          pass: !wrongSeats,
        },
        {
          label: 'waitlisted',
          value: (wrongLine ?? appStats).waitlisted,
          unit: 'people',
          budget: `= ${MEMBERS - QUOTA}`,
          pass: !wrongLine,
        },
        { label: 'duplicate sign-ups', value: duplicates, unit: 'docs', budget: '= 0', pass: duplicates === 0 },
        {
          label: 'refused repeat taps per round',
          value: Math.round(sum(appRounds, (r) => r.refusals) / appRounds.length),
          unit: 'calls',
        },
        { label: 'latency p50', value: Math.round(percentile(latencies('app'), 50)), unit: 'ms' },
        { label: 'latency p95', value: p95, unit: 'ms', budget: `≤ ${P95_BUDGET_MS} ms`, pass: p95 <= P95_BUDGET_MS },
        { label: 'naive count-then-insert: confirmed', value: naive.confirmed, unit: 'seats' },
        { label: 'naive: oversold', value: Math.max(0, naive.confirmed - NAIVE_QUOTA), unit: 'seats' },
        { label: 'naive: duplicate sign-ups', value: naive.duplicates, unit: 'docs' },
      ]
    } finally {
      for (const s of servers) s.stop()
      for (const dir of Object.values(dirs)) if (dir) fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
