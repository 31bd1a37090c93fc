import type { InputOf, OutputOf } from './shared/action'
import { membersContract } from './members/contract'
import { activitiesContract } from './activities/contract'
import { noticesContract } from './notices/contract'
import { greetingsContract } from './greetings/contract'
import { messagesContract } from './messages/contract'
import { proposalsContract } from './proposals/contract'
import { suggestionsContract } from './suggestions/contract'
import { homeContract } from './home/contract'

/** Every action of 教工之家. The client types against this table; the server dispatches through it. */
export const contract = {
  ...membersContract,
  ...activitiesContract,
  ...noticesContract,
  ...greetingsContract,
  ...messagesContract,
  ...proposalsContract,
  ...suggestionsContract,
  ...homeContract,
}

export type Contract = typeof contract
export type ActionName = keyof Contract
export type ActionInput<N extends ActionName> = InputOf<Contract[N]>
export type ActionOutput<N extends ActionName> = OutputOf<Contract[N]>
