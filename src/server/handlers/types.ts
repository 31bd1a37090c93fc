import type { ActionName, ActionOutput, Contract } from '@/core/contract'
import type { ParsedOf } from '@/core/shared/action'
import type { Ctx } from '@/core/shared/context'

export type Handler<N extends ActionName> = (ctx: Ctx, input: ParsedOf<Contract[N]>) => Promise<ActionOutput<N>>

/** A capability's handlers: exactly one per action of its contract (a missing one is a compile error). */
export type HandlersFor<T> = { [N in keyof T & ActionName]: Handler<N> }
