import { contract, type ActionName } from '../contract'
import { publishesGeneralNotices } from '../notices/powers'
import { accessRefusal, type Caller } from './access'

/**
 * What a page needs to know beyond an action's access: a use case's own rule within an action, evaluated by
 * the function the use case refuses by (never restated here). Add one only when a page shows or hides
 * something by it.
 */
const FINER_RULES = {
  /** The 发布通知 form offers 工会通知, not only 教代会通知. */
  'notices.publishGeneral': { within: 'notices.publish', holds: publishesGeneralNotices },
} satisfies Record<string, { within: ActionName; holds: (caller: Caller) => boolean }>

export type Ability = ActionName | keyof typeof FINER_RULES

/** Only the true flags travel (a missing key reads as no), so the reply stays small. */
export type Abilities = Partial<Record<Ability, true>>

const ACTION_NAMES = Object.keys(contract) as ActionName[]
const FINER_NAMES = Object.keys(FINER_RULES) as (keyof typeof FINER_RULES)[]

/**
 * What a caller may do, for `session.whoami`: every action the dispatcher's gate admits them to, by the very
 * check it applies (shared/access.ts) over the contract's `access`, plus the finer rules above. Pages ask these
 * flags instead of reading role names; the server still checks every call.
 */
export function abilitiesOf(openid: string, member: Caller): Abilities {
  const can: Abilities = {}
  for (const name of ACTION_NAMES) if (!accessRefusal(contract[name].access, openid, member)) can[name] = true
  for (const name of FINER_NAMES) {
    const { within, holds } = FINER_RULES[name]
    if (can[within] && holds(member)) can[name] = true
  }
  return can
}
