import type { MemberDoc } from '../members/model'
import { C } from '../shared/collections'
import type { Store } from '../shared/ports'
import { recipientFilter } from './audience'
import type { Audience } from './model'

const PAGE = 100

/**
 * Calls `visit` with the recipients of an audience, 100 at a time, paged by _id: a whole school's notice
 * never loads the roster at once. Chosen members are read by their ids, and people who left are dropped.
 * `visit` resolving false stops the paging (time is up): no page is read that would not be used.
 */
export async function forEachRecipientPage(
  store: Store,
  unionId: string,
  audience: Audience,
  visit: (page: MemberDoc[]) => Promise<boolean | void>,
): Promise<void> {
  const filter = recipientFilter(unionId, audience)
  if (filter === null) {
    const ids = Array.from(new Set(audience.memberIds)).sort()
    for (let i = 0; i < ids.length; i += PAGE) {
      const page = await store.find<MemberDoc>(
        C.members,
        { unionId, _id: { $in: ids.slice(i, i + PAGE) } },
        { sort: { _id: 1 }, limit: PAGE },
      )
      const present = page.filter((m) => m.status !== 'left')
      if (present.length && (await visit(present)) === false) return
    }
    return
  }
  let after: string | null = null
  for (;;) {
    const page: MemberDoc[] = await store.find<MemberDoc>(
      C.members,
      after === null ? filter : { ...filter, _id: { $gt: after } },
      {
        sort: { _id: 1 },
        limit: PAGE,
      },
    )
    if (page.length && (await visit(page)) === false) return
    if (page.length < PAGE) return
    after = page[page.length - 1]._id
  }
}

export async function allRecipients(store: Store, unionId: string, audience: Audience): Promise<MemberDoc[]> {
  const out: MemberDoc[] = []
  await forEachRecipientPage(store, unionId, audience, async (page) => {
    out.push(...page)
  })
  return out
}

export async function countRecipients(store: Store, unionId: string, audience: Audience): Promise<number> {
  const filter = recipientFilter(unionId, audience)
  if (filter !== null) return store.count(C.members, filter)
  return (await allRecipients(store, unionId, audience)).length
}
