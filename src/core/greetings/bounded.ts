/**
 * Work over a list with at most `limit` items in flight, taken in the list's order: one round trip's worth of
 * requests at a time instead of one item after another, and no more at once than the database takes well.
 *
 * The next item is taken only while `more()` allows it, so a time-boxed run can stop taking. Whatever was
 * taken is always a prefix of the list, and everything taken has settled when this resolves: a run that stops
 * can say "everything up to here is done". The first failure stops the taking and is thrown once the items in
 * flight have settled, so nothing is left running behind the error. Resolves how many items were taken.
 */
export async function inOrderBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
  more: () => boolean = () => true,
): Promise<number> {
  let taken = 0
  const failures: unknown[] = []
  async function worker(): Promise<void> {
    while (taken < items.length && failures.length === 0 && more()) {
      const index = taken++
      try {
        await work(items[index], index)
      } catch (error) {
        failures.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failures.length > 0) {
    const [error] = failures
    throw error instanceof Error ? error : new Error(String(error))
  }
  return taken
}
