import type { Ability } from '@/core/shared/abilities'
import { useSession } from './useSession'

/**
 * Whether the signed-in member may do something, as the server said in session.whoami: pages show a button
 * or a link by this and never by role names, so the rule lives on the server only. False until the session
 * has loaded, for a caller not yet bound, and for anything the server did not flag.
 */
export function useCan(): (ability: Ability) => boolean {
  const can = useSession().whoami?.can
  return (ability) => can?.[ability] === true
}
