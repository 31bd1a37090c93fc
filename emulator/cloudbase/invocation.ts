import { AsyncLocalStorage } from 'async_hooks'

/**
 * One run of a cloud function, as CloudBase sees it: who called (the WeChat context), how many requests it
 * has made to the database and open APIs, and whether it is still alive.
 *
 * A CloudBase invocation that times out is frozen and destroyed: nothing after that instant runs, whatever
 * `await` it was at (云函数 → 运行机制 / 超时时间: "超过设定的超时时间后函数会被强制结束"). The emulator models
 * that by never settling a killed invocation's pending and later requests: the code after them simply never
 * runs, exactly as on a destroyed instance. Requests are the kill points because they are where a real
 * function spends its time.
 */
export interface WxContext {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  ENV?: string
  SOURCE?: string
}

/** Where the N-th request of an invocation dies: before it reaches the database, or after it took effect. */
export interface KillPlan {
  atRequest: number
  /** 'before': the request is never applied; 'after': it is applied and its reply is lost. */
  when: 'before' | 'after'
}

export class InvocationKilled extends Error {
  constructor(
    readonly functionName: string,
    readonly reason: 'timeout' | 'fault',
    readonly requests: number,
  ) {
    super(
      reason === 'timeout'
        ? `Invoking task timed out (${functionName}, after ${requests} requests)`
        : `invocation of ${functionName} killed by fault injection at request ${requests}`,
    )
    this.name = 'InvocationKilled'
  }
}

export class Invocation {
  requests = 0
  /** Round trips: the longest chain of requests each issued after the previous one's reply. */
  sequential = 0
  private completedDepth = 0
  killed: InvocationKilled | null = null
  private onKill: Array<(e: InvocationKilled) => void> = []

  constructor(
    readonly functionName: string,
    readonly context: WxContext,
    private readonly plan: KillPlan | null,
    /** The emulated environment the function runs in (registry.ts): where its requests go. */
    readonly environmentId = '',
  ) {}

  kill(reason: 'timeout' | 'fault'): void {
    if (this.killed) return
    this.killed = new InvocationKilled(this.functionName, reason, this.requests)
    for (const listener of this.onKill.splice(0)) listener(this.killed)
  }

  /** Settles when the invocation is killed; never otherwise. */
  whenKilled(): Promise<InvocationKilled> {
    if (this.killed) return Promise.resolve(this.killed)
    return new Promise((resolve) => this.onKill.push(resolve))
  }

  /**
   * Runs one request under the invocation's rules: latency first (the network), then the fault plan, then
   * the request itself. A killed invocation's request never settles.
   */
  async request<T>(latencyMs: number, perform: () => Promise<T>): Promise<T> {
    if (this.killed) return never()
    this.requests += 1
    const index = this.requests
    // A request may depend on every reply that had arrived when it was issued: its depth is one more.
    const depth = this.completedDepth + 1
    this.sequential = Math.max(this.sequential, depth)
    try {
      if (latencyMs > 0) await sleep(latencyMs)
      if (this.killed) return never()
      if (this.plan && this.plan.atRequest === index && this.plan.when === 'before') {
        this.kill('fault')
        return never()
      }
      const result = await perform()
      if (this.plan && this.plan.atRequest === index && this.plan.when === 'after') {
        this.kill('fault')
        return never()
      }
      if (this.killed) return never()
      return result
    } finally {
      this.completedDepth = Math.max(this.completedDepth, depth)
    }
  }
}

const storage = new AsyncLocalStorage<Invocation>()

/** The invocation the current code runs in, or null for the emulator's own admin access (tests, seeding). */
export function currentInvocation(): Invocation | null {
  return storage.getStore() ?? null
}

export function runInInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return storage.run(invocation, fn)
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
