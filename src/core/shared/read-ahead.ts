import type { Ctx } from './context'

/**
 * A read shared within one call: the first asker starts it, later askers get the same promise. The
 * dispatcher starts an action's read-ahead (its server handler's `readAhead`) from the input alone, beside
 * the caller lookup, and the use case then asks for the same key and finds it under way — one round trip
 * saved on the actions where every trip counts (报名, 取消).
 */
export type ReadAhead = <T>(key: string, load: () => Promise<T>) => Promise<T>

/** A fresh share for one call. A read nobody awaits (the caller was refused) never raises. */
export function readAheadShare(): ReadAhead {
  const started = new Map<string, Promise<unknown>>()
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let read = started.get(key)
    if (!read) {
      read = load()
      read.catch(() => undefined)
      started.set(key, read)
    }
    return read as Promise<T>
  }
}

/** The use case's side: the read the dispatcher may have started, or the read itself (jobs, seeds, tests). */
export function readShared<T>(ctx: Pick<Ctx, 'ahead'>, key: string, load: () => Promise<T>): Promise<T> {
  return ctx.ahead ? ctx.ahead(key, load) : load()
}
