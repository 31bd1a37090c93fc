// The IPC both burst servers speak with scripts/bench/burst.ts. Each server runs in its own child process, so
// the CPU it reports (process.cpuUsage: every thread of the process, libuv's file threads and GC included) is
// that server's alone, whatever else the machine is doing.
import fs from 'fs'
import inspector from 'inspector'
import path from 'path'
import Datastore from '@seald-io/nedb'

/** What one server did during a round: CPU and store calls since it started. */
export interface Usage {
  /** User + system CPU of the whole process, microseconds. */
  cpuUs: number
  /** Of which in the kernel (system calls: sockets, files). */
  systemUs: number
  reads: number
  writes: number
  /** Documents nedb's planner handed to the matcher (its index candidates, or the whole collection). */
  scanned: number
  /** The same, per collection and query shape (BURST_TRACE=1 only). */
  shapes?: Record<string, number>
}

/** Where one round's activity ended, read from the server's own store. */
export interface RoundStats {
  docs: number
  members: number
  confirmed: number
  waitlisted: number
  /** Any other status: `pending` left behind would be a sign-up stuck half-done. */
  other: number
  /** The activity's seat counter and the number of entries in its seat ledger. */
  taken: number
  ledger: number
}

export interface Setup {
  url: string
  /** openid → `Cookie` header value of a live session. */
  cookies: Record<string, string>
}

/** The requests a burst server answers, with their argument and result. */
export interface ChildApi {
  setup: { arg: { members: number }; result: Setup }
  activity: { arg: { quota: number }; result: string }
  stats: { arg: { activityId: string }; result: RoundStats }
  usage: { arg: null; result: Usage }
  /** Starts the CPU profiler, or stops it and writes `<file>.cpuprofile`. */
  profile: { arg: { file?: string }; result: null }
  /** The count-then-insert contrast (raw server only): an activity's naive sign-ups. */
  naiveStats: { arg: { activityId: string }; result: { confirmed: number; duplicates: number } }
}

export type Request = { [K in keyof ChildApi]: { id: number; type: K; arg: ChildApi[K]['arg'] } }[keyof ChildApi]
export type Reply = { id: number; result: unknown } | { id: number; error: string }

export type Handlers = {
  [K in Exclude<keyof ChildApi, 'usage' | 'profile'>]?: (arg: ChildApi[K]['arg']) => Promise<ChildApi[K]['result']>
}

/** The seats the naive contrast (count, then insert) means to hand out. */
export const NAIVE_QUOTA = 50

/** Store calls, counted by the server while it handles the burst. */
export const ops = { reads: 0, writes: 0, scanned: 0 }
const shapes = new Map<string, number>()

/** nedb's planner, a private method: wrapped to count the documents each query has to look at. */
interface Planner {
  filename: string | null
  _getRawCandidates(query: Record<string, unknown>): unknown[]
}

function countScans(): void {
  const proto = Datastore.prototype as unknown as Planner
  const plan = proto._getRawCandidates
  const trace = process.env.BURST_TRACE === '1'
  proto._getRawCandidates = function (this: Planner, query) {
    const candidates = plan.call(this, query)
    ops.scanned += candidates.length
    if (trace) {
      // Member ids in ledger paths (`seats.b0042`) would make one shape per member.
      const fields = Object.keys(query).map((f) => f.split('.')[0])
      const shape = `${path.basename(this.filename ?? '?', '.db')} ${fields.join(',')}`
      shapes.set(shape, (shapes.get(shape) ?? 0) + candidates.length)
    }
    return candidates
  }
}

/** The member ids and openids both servers use, so the two bursts are the same calls. */
export function benchMember(i: number): { id: string; openid: string } {
  const id = `b${String(i).padStart(4, '0')}`
  return { id, openid: `bench-${id}` }
}

/** Answers the parent's requests until it disconnects; `usage` and `profile` are the same for both servers. */
export function serveParent(handlers: Handlers): void {
  countScans()
  let profiler: inspector.Session | null = null
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      profiler?.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
    )
  async function answer(req: Request): Promise<unknown> {
    switch (req.type) {
      case 'usage': {
        const { user, system } = process.cpuUsage()
        return {
          cpuUs: user + system,
          systemUs: system,
          ...ops,
          ...(shapes.size ? { shapes: Object.fromEntries(shapes) } : {}),
        }
      }
      case 'profile':
        if (!req.arg.file) {
          profiler = new inspector.Session()
          profiler.connect()
          await post('Profiler.enable')
          await post('Profiler.setSamplingInterval', { interval: 200 })
          await post('Profiler.start')
          return null
        } else {
          const { profile } = await post<{ profile: unknown }>('Profiler.stop')
          profiler?.disconnect()
          profiler = null
          fs.mkdirSync(path.dirname(req.arg.file), { recursive: true })
          fs.writeFileSync(`${req.arg.file}.cpuprofile`, JSON.stringify(profile))
          return null
        }
      default: {
        const handler = handlers[req.type] as ((arg: unknown) => Promise<unknown>) | undefined
        if (!handler) throw new Error(`this server does not answer ${req.type}`)
        return handler(req.arg)
      }
    }
  }
  process.on('message', (req: Request) => {
    answer(req).then(
      (result) => process.send?.({ id: req.id, result } satisfies Reply),
      (e: unknown) => process.send?.({ id: req.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    )
  })
  process.on('disconnect', () => process.exit(0))
  process.send?.({ id: 0, result: 'ready' } satisfies Reply)
}
