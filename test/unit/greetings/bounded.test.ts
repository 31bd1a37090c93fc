import { inOrderBounded } from '@/core/greetings/bounded'

const tick = () => new Promise((r) => setImmediate(r))

describe('work over a list, a bounded number at a time', () => {
  test('never more than the limit in flight; a finished item makes room for the next in order', async () => {
    let inFlight = 0
    let most = 0
    const started: number[] = []
    // Uneven work: item 1 is quick, so item 2 starts before item 0 is done.
    const turns = [3, 1, 2, 1, 1]
    const taken = await inOrderBounded(turns, 2, async (n, i) => {
      started.push(i)
      most = Math.max(most, ++inFlight)
      for (let k = 0; k < n; k++) await tick()
      inFlight--
    })
    expect(taken).toBe(5)
    expect(most).toBe(2)
    expect(started).toEqual([0, 1, 2, 3, 4])
  })

  test('stops taking when told, and what was taken is the start of the list, all of it settled', async () => {
    const settled: number[] = []
    let allowed = 3
    const taken = await inOrderBounded(
      [10, 20, 30, 40, 50, 60],
      2,
      async (x) => {
        allowed--
        await tick()
        settled.push(x)
      },
      () => allowed > 0,
    )
    expect(taken).toBe(3)
    expect(settled.sort()).toEqual([10, 20, 30])
  })

  test('a failure stops the taking and is thrown only once the items in flight have settled', async () => {
    const settled: string[] = []
    const run = inOrderBounded(['ok', 'bad', 'slow', 'never'], 3, async (x) => {
      if (x === 'bad') throw new Error('数据库繁忙')
      await tick()
      await tick()
      settled.push(x)
    })
    await expect(run).rejects.toThrow('数据库繁忙')
    expect(settled.sort()).toEqual(['ok', 'slow'])
  })

  test('an empty list takes nothing', async () => {
    expect(await inOrderBounded([], 20, () => Promise.reject(new Error('not called')))).toBe(0)
  })
})
