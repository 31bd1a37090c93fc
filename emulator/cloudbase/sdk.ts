import { asApiError, cloudError } from './errors'
import { currentInvocation } from './invocation'
import { Db, type CloudbaseQuery } from './sdk-modules'

/**
 * The stand-in for the `wx-server-sdk` module that a deployed bundle `require`s. It offers the surface our
 * functions use — init, DYNAMIC_CURRENT_ENV, getWXContext, database(), openapi.*, uploadFile/getTempFileURL —
 * with wx-server-sdk 4.0.2's call shapes (`add({ data })`, `update({ data })`), result shapes (`{ data,
 * errMsg }`, `{ stats: { updated } }`, `{ _id }`) and thrown errors (`errCode`, `errMsg`).
 *
 * Every database, open-API and storage call is one request of the current invocation: it costs the
 * configured latency, counts toward the request totals and round trips, and is where a fault or a timeout
 * kills the invocation.
 */
export type OpenapiMethod = (params: Record<string, unknown>) => Promise<unknown>
export type OpenapiSurface = Record<string, Record<string, OpenapiMethod>>
export type StorageSurface = Record<string, OpenapiMethod>

/** What the stand-in needs from the emulated environment it belongs to. */
export interface SdkBackend {
  envId: string
  latencyMs(): number
  database: { handle(action: string, params: Record<string, unknown>): Promise<unknown> }
  openapi: OpenapiSurface
  storage: StorageSurface
  /** The open APIs this function's config.json grants (permissions.openapi); null = not checked (admin). */
  permissions: string[] | null
}

/**
 * `backendOf` names the environment a request goes to, asked at each request: a bundle loaded once serves
 * every environment of the process (each invocation knows its own), while the console's view has one fixed.
 * `shape` lists the open-API namespaces and storage methods to offer (the same in every environment).
 */
export function createSdkModule(
  backendOf: () => SdkBackend,
  shape: Pick<SdkBackend, 'openapi' | 'storage'>,
): Record<string, unknown> {
  /** One request of the current invocation (or an admin request, with no latency, outside any). */
  function request<T>(perform: (backend: SdkBackend) => Promise<T>): Promise<T> {
    const backend = backendOf()
    const invocation = currentInvocation()
    return invocation ? invocation.request(backend.latencyMs(), () => perform(backend)) : perform(backend)
  }

  const db = new Db({
    env: 'emulated',
    emulator: { send: (action, params) => request((backend) => backend.database.handle(action, params)) },
  })

  function query(q: CloudbaseQuery): Record<string, unknown> {
    return {
      where: (c: Record<string, unknown>) => query(q.where(c)),
      orderBy: (f: string, o: string) => query(q.orderBy(f, o)),
      skip: (n: number) => query(q.skip(n)),
      limit: (n: number) => query(q.limit(n)),
      field: (p: Record<string, unknown>) => query(q.field(p)),
      get: () => api('collection.get', async () => ({ data: (await q.get()).data })),
      count: () => api('collection.count', async () => ({ total: (await q.count()).total })),
      update: (options: { data: Record<string, unknown> }) =>
        api('collection.update', async () => ({ stats: { updated: (await q.update(options.data)).updated } })),
    }
  }

  const database = () => ({
    command: db.command,
    serverDate: db.serverDate,
    RegExp: db.RegExp,
    collection(name: string) {
      const collection = db.collection(name)
      return {
        ...query(collection),
        add: (options: { data: Record<string, unknown> }) =>
          api('collection.add', async () => ({ _id: (await collection.add(options.data)).id })),
      }
    },
    createCollection: (name: string) => api('createCollection', () => db.createCollection(name)),
  })

  const openapi: Record<string, Record<string, OpenapiMethod>> = {}
  for (const [namespace, methods] of Object.entries(shape.openapi)) {
    openapi[namespace] = {}
    for (const method of Object.keys(methods)) {
      const name = `${namespace}.${method}`
      openapi[namespace][method] = (params) => {
        // 云调用: a function may call only the open APIs its config.json lists under permissions.openapi
        // (WeChat 云调用 guide, "在 config.json 中配置 permissions.openapi"); others are refused.
        const { permissions } = backendOf()
        if (permissions && !permissions.includes(name))
          return Promise.reject(cloudError(-604101, `openapi.${name}:fail function has no permission to call this API`))
        return request((backend) => backend.openapi[namespace][method](params))
      }
    }
  }

  const storage: Record<string, OpenapiMethod> = {}
  for (const method of Object.keys(shape.storage))
    storage[method] = (params) => request((backend) => backend.storage[method](params))

  return {
    DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'),
    SYMBOL_CURRENT_ENV: Symbol.for('SYMBOL_CURRENT_ENV'),
    init(config?: { env?: unknown }) {
      const env = config?.env
      if (env !== undefined && typeof env !== 'string' && typeof env !== 'symbol')
        throw cloudError(-501007, 'init: env must be a string or cloud.DYNAMIC_CURRENT_ENV')
    },
    getWXContext() {
      const invocation = currentInvocation()
      return invocation ? { ...invocation.context, ENV: backendOf().envId } : {}
    },
    database,
    openapi,
    ...storage,
  }
}

async function api<T>(name: string, perform: () => Promise<T>): Promise<T & { errMsg: string }> {
  try {
    return { ...(await perform()), errMsg: `${name}:ok` }
  } catch (e) {
    throw asApiError(name, e)
  }
}
