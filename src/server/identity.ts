import { C } from '@/core/shared/collections'
import type { BindingDoc, MemberDoc } from '@/core/members/model'
import type { Store } from '@/core/shared/ports'

/**
 * Who an openid is: the binding document names the member, and the member must still carry this openid (a
 * reset unbinds it). Both are read at once — one round trip on every call, not two: the member is found by
 * the openid it carries (at most two carry it, for an instant, while a binding race is settled) and kept only
 * if it is the one the binding names.
 */
export async function boundMember(store: Store, openid: string | undefined): Promise<MemberDoc | null> {
  if (!openid) return null
  const [binding, carriers] = await Promise.all([
    store.findOne<BindingDoc>(C.bindings, { _id: openid }),
    store.find<MemberDoc>(C.members, { openid }, { limit: 2 }),
  ])
  if (!binding) return null
  return carriers.find((m) => m._id === binding.memberId) ?? null
}
