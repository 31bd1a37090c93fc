import { useReachBottom } from '@tarojs/taro'
import { useState, type DependencyList } from 'react'
import type { PageInfo } from '@/core/shared/page-input'
import { useAction } from './useAction'
import { useQuery, type Query } from './useQuery'

export interface Pages<P extends PageInfo & { items: unknown[] }> {
  /** The first page, with whatever else it carries (a count, a heading); reload starts over from it. */
  first: Query<P>
  /** Every row loaded so far, the first page's and each further one's, in order. */
  items: P['items']
  /** Whether the server said more rows follow. */
  more: boolean
  loadMore: () => Promise<void>
  loadingMore: boolean
}

/**
 * A server-paged list: the first page through useQuery (so refresh, errors and deps work as elsewhere),
 * further pages appended when the reader reaches the bottom (or taps the button a page shows while `more`).
 * Changing `deps` (a search) starts over from the first page.
 */
export function usePages<P extends PageInfo & { items: unknown[] }>(
  fetchPage: (cursor?: string) => Promise<P>,
  deps: DependencyList,
): Pages<P> {
  const [later, setLater] = useState<{ items: P['items']; next?: string; from?: P }>({ items: [] })
  const first = useQuery<P>(async () => {
    const page = await fetchPage()
    setLater({ items: [], next: page.next, from: page })
    return page
  }, deps)
  const load = useAction(async () => {
    const from = first.data
    const next = later.from === from ? later.next : undefined
    if (!from || next === undefined) return
    const page = await fetchPage(next)
    setLater((prev) => (prev.from === from ? { items: [...prev.items, ...page.items], next: page.next, from } : prev))
  })
  const current = later.from === first.data
  const more = Boolean(first.data && current && later.next !== undefined)
  useReachBottom(() => {
    if (more && !load.running) void load.run()
  })
  return {
    first,
    items: first.data ? [...first.data.items, ...(current ? later.items : [])] : [],
    more,
    loadMore: async () => {
      await load.run()
    },
    loadingMore: load.running,
  }
}
