import type { ActionName, ActionOutput, Contract } from '@/core/contract'
import type { ParsedOf } from '@/core/shared/action'
import type { Ctx } from '@/core/shared/context'

export type Handler<N extends ActionName> = (ctx: Ctx, input: ParsedOf<Contract[N]>) => Promise<ActionOutput<N>>

/** A capability's handlers: exactly one per action of its contract (a missing one is a compile error). */
export type HandlersFor<T> = { [N in keyof T & ActionName]: Handler<N> }

/**
 * Reads an action may start from its input alone, beside the caller lookup (src/core/shared/read-ahead.ts):
 * no caller is known yet, so they must only read, and the use case checks what they return (its union).
 */
export type ReadAheadFor<T> = {
  [N in keyof T & ActionName]?: (ahead: Pick<Ctx, 'store' | 'ahead'>, input: ParsedOf<Contract[N]>) => void
}
