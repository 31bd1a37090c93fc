import type { InputOf, OutputOf } from './shared/action'
import { membersContract } from './members/contract'

/** Every action of 教工之家. The client types against this table; the server dispatches through it. */
export const contract = {
  ...membersContract,
}

export type Contract = typeof contract
export type ActionName = keyof Contract
export type ActionInput<N extends ActionName> = InputOf<Contract[N]>
export type ActionOutput<N extends ActionName> = OutputOf<Contract[N]>
