import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { EmulatedDatabase, type IndexDefinition } from './database'
import { cloudError } from './errors'
import { Invocation, InvocationKilled, runInInvocation, type KillPlan, type WxContext } from './invocation'
import { createOpenapi, type EmulatedOpenapi, type OpenapiOptions } from './openapi'
import { registerEnvironment, unregisterEnvironment } from './registry'
import { createSdkModule, type OpenapiSurface, type SdkBackend, type StorageSurface } from './sdk'
import { createStorage, type EmulatedStorage } from './storage'

/**
 * One emulated CloudBase environment: a database, open APIs, storage, and the functions deployed to it.
 *
 * Functions are the *built* bundles (dist/cloudfunctions/<fn>/index.js), copied into a folder
 * beside a `node_modules/wx-server-sdk` that resolves to this emulator, then loaded with the ordinary module
 * loader: the bundle runs unchanged, as it would after "上传并部署".
 *
 * Rules kept from CloudBase:
 * - A function invocation ends at its timeout (default 3 s, configurable 1–60 s per function in the console or
 *   `timeout` of cloudbaserc; 云函数 → 配置 → 超时时间). What was in flight never completes (see invocation.ts).
 * - An invocation that times out is reported to the caller as errCode -504003 (wx.cloud.callFunction:fail
 *   "Invoking task timed out after N seconds").
 * - A function may call only the open APIs its config.json lists (sdk.ts).
 */
export interface EmulatorOptions {
  /** Working folder: deployed functions, and (if `persistent`) the database files. */
  dir: string
  /** Keep the database on disk under dir/database (a local cloud that survives restarts). */
  persistent?: boolean
  /** Cost of each database / open-API / storage request, in milliseconds (default 20). */
  latencyMs?: number
  /** The account's open-API configuration: template library, the app's pages, test markers. */
  openapi: Omit<OpenapiOptions, 'fetchMedia'>
  /** Environment variables of the deployed functions (set in the console on CloudBase). */
  functionEnv?: Record<string, string>
  appId?: string
  /**
   * The environment's id, which storage file IDs carry (cloud://<env>.…). A persistent environment names a
   * fixed one so files stored in an earlier run still open; by default each environment gets its own.
   */
  envId?: string
}

export interface DeployedFunction {
  name: string
  timeoutSeconds: number
  permissions: string[]
  main: (event: unknown) => Promise<unknown>
}

export interface InvokeOptions {
  openid?: string
  /** Kill this invocation at its N-th request (fault injection). */
  kill?: KillPlan
}

/** Totals of the last invocations, for round-trip measurements and crash tests. */
export interface InvocationRecord {
  functionName: string
  requests: number
  sequential: number
  killed: InvocationKilled | null
}

let nextId = 0

/** Bundles loaded in this process, by function, file and settings (see registry.ts). */
const loadedBundles = new Map<string, DeployedFunction['main']>()

export class CloudbaseEmulator {
  readonly id: string
  readonly database: EmulatedDatabase
  latencyMs: number
  private readonly functions = new Map<string, DeployedFunction>()
  readonly invocations: InvocationRecord[] = []
  readonly openapi: EmulatedOpenapi
  readonly storage: EmulatedStorage

  constructor(private readonly options: EmulatorOptions) {
    nextId += 1
    this.id = options.envId ?? `emulated-env-${process.pid}-${nextId}`
    fs.mkdirSync(options.dir, { recursive: true })
    this.database = new EmulatedDatabase(options.persistent ? { dir: path.join(options.dir, 'database') } : {})
    this.latencyMs = options.latencyMs ?? 20
    this.storage = createStorage({ dir: path.join(options.dir, 'storage'), env: this.id })
    // WeChat's checker downloads a picture through the temporary link the function hands it.
    this.openapi = createOpenapi({ ...options.openapi, fetchMedia: (url) => this.storage.readTempFileURL(url) })
    registerEnvironment(this.id, { backend: (fn) => this.backend(fn) })
  }

  /** What a function of this environment reaches; `null` (no function) is the console's view. */
  private backend(functionName: string | null): SdkBackend {
    const fn = functionName ? this.functions.get(functionName) : undefined
    return {
      envId: this.id,
      latencyMs: () => this.latencyMs,
      database: this.database,
      openapi: surface<OpenapiSurface>(this.openapi),
      storage: surface<StorageSurface>(this.storage),
      permissions: fn ? fn.permissions : functionName ? [] : null,
    }
  }

  /** The wx-server-sdk as the console (admin, no latency, no invocation) sees this environment. */
  sdkModule(functionName: string | null): Record<string, unknown> {
    const backend = this.backend(functionName)
    return createSdkModule(() => backend, backend)
  }

  /**
   * Deploys a built function folder (index.js + config.json), as "上传并部署" would, with its timeout.
   * The bundle is loaded once per process and function settings (see registry.ts), like a warm instance's
   * module scope; environment variables are part of what a load is kept for.
   */
  deploy(name: string, builtDir: string, settings: { timeoutSeconds: number }): DeployedFunction {
    const config = JSON.parse(fs.readFileSync(path.join(builtDir, 'config.json'), 'utf8')) as {
      permissions?: { openapi?: string[] }
    }
    const fn: DeployedFunction = {
      name,
      timeoutSeconds: settings.timeoutSeconds,
      permissions: config.permissions?.openapi ?? [],
      main: async () => undefined,
    }
    this.functions.set(name, fn)
    fn.main = this.load(name, builtDir)
    return fn
  }

  private load(name: string, builtDir: string): DeployedFunction['main'] {
    const bundle = path.join(builtDir, 'index.js')
    const functionEnv = this.options.functionEnv ?? {}
    const key = JSON.stringify([name, bundle, fs.statSync(bundle).mtimeMs, functionEnv])
    const cached = loadedBundles.get(key)
    if (cached) return cached
    // The bundle beside a node_modules/wx-server-sdk that resolves to the emulator; the folder name matches
    // jest's transformIgnorePatterns (the bundle is plain CommonJS already).
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jg-emu-')), 'functions', name)
    try {
      fs.mkdirSync(path.join(dir, 'node_modules', 'wx-server-sdk'), { recursive: true })
      fs.copyFileSync(bundle, path.join(dir, 'index.js'))
      fs.writeFileSync(
        path.join(dir, 'node_modules', 'wx-server-sdk', 'index.js'),
        `// The CloudBase emulator's stand-in for wx-server-sdk (see emulator/cloudbase/registry.ts).\n` +
          `module.exports = require(${JSON.stringify(path.join(__dirname, 'registry'))})` +
          `.sdkFor(${JSON.stringify(this.id)}, ${JSON.stringify(name)})\n`,
      )
      // A deployed function's environment variables are in process.env while its module loads and runs.
      Object.assign(process.env, functionEnv)
      // The ordinary loader (jest's or tsx's), so the copied bundle resolves its wx-server-sdk from its folder.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading a deployed bundle is the point
      const loaded = require(path.join(dir, 'index.js')) as { main?: unknown }
      if (typeof loaded.main !== 'function') throw new Error(`${name}/index.js exports no main()`)
      const main = loaded.main as DeployedFunction['main']
      loadedBundles.set(key, main)
      return main
    } finally {
      // Loaded bundles are self-contained: once in memory, their folder is not needed.
      fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true })
    }
  }

  /**
   * Invokes a function as CloudBase does: in its own context (the caller's OPENID), killed at its timeout or
   * at the planned request. Resolves the function's return value; rejects with InvocationKilled when killed.
   */
  async invoke(name: string, event: unknown, options: InvokeOptions = {}): Promise<unknown> {
    const fn = this.functions.get(name)
    if (!fn) throw cloudError(-504002, `FunctionName parameter could not be found: ${name}`)
    const context: WxContext = options.openid
      ? { OPENID: options.openid, APPID: this.options.appId ?? 'wx-emulated-app', SOURCE: 'wx_client' }
      : { SOURCE: 'wx_trigger' }
    const invocation = new Invocation(name, context, options.kill ?? null, this.id)
    const record: InvocationRecord = { functionName: name, requests: 0, sequential: 0, killed: null }
    this.invocations.push(record)
    if (this.invocations.length > 1000) this.invocations.splice(0, this.invocations.length - 1000)
    Object.assign(process.env, this.options.functionEnv ?? {})
    const timer = setTimeout(() => invocation.kill('timeout'), fn.timeoutSeconds * 1000)
    try {
      const result = await Promise.race([
        runInInvocation(invocation, () => fn.main(event)),
        invocation.whenKilled().then((killed) => Promise.reject(killed)),
      ])
      return result
    } finally {
      clearTimeout(timer)
      record.requests = invocation.requests
      record.sequential = invocation.sequential
      record.killed = invocation.killed
    }
  }

  /** Creates the indexes deploy would create (console / updateIndex); unique ones are enforced. */
  async createIndexes(indexes: IndexDefinition[]): Promise<void> {
    for (const index of indexes) await this.database.createIndex(index)
  }

  /** WeChat pushes the verdicts of pending image checks (wxa_media_check) to the `push` function. */
  async deliverMediaChecks(): Promise<unknown[]> {
    const events = await this.openapi.deliverMediaCheckResults()
    const replies: unknown[] = []
    for (const event of events) replies.push(await this.invoke('push', event))
    return replies
  }

  close(): void {
    unregisterEnvironment(this.id)
  }
}

/** The emulated APIs' own enumerable properties are exactly the API surface (namespace → method). */
function surface<T>(api: object): T {
  return api as unknown as T
}
