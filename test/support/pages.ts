import type { PageInfo } from '@/core/shared/page-input'

/**
 * Walks a paged list to its end the way a page does (each cursor the server handed out, in turn), checking
 * the paging contract on the way: `next` exactly when `more`, and no page beyond `maxPages`.
 */
export async function allPages<T>(
  fetchPage: (cursor?: string) => Promise<PageInfo & { items: T[] }>,
  maxPages = 100,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = []
  let cursor: string | undefined
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await fetchPage(cursor)
    items.push(...page.items)
    if (page.more !== (page.next !== undefined)) throw new Error(`page ${pages}: more and next disagree`)
    if (!page.more) return { items, pages }
    cursor = page.next
  }
  throw new Error(`more than ${maxPages} pages`)
}
