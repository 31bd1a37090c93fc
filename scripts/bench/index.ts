// `npm run bench`: runs each bench module, prints one table, exits non-zero if any figure misses its budget.
// To add a bench (sign-up burst, daily job…), write a module exporting a BenchModule and list it here.
import { cleanupBuilds } from './builds'
import { burstBench } from './burst'
import { dailyJobBench } from './daily-job'
import { lcpBench } from './lcp'
import { roundTripsBench } from './round-trips'
import { sizeBench } from './size'
import type { BenchModule, BenchResult } from './types'

const BENCHES: BenchModule[] = [sizeBench, lcpBench, dailyJobBench, burstBench, roundTripsBench]

function printTable(rows: { bench: string; result: BenchResult }[]): void {
  const cells = rows.map(({ bench, result: r }) => [
    bench,
    r.label,
    `${r.value} ${r.unit}`,
    r.budget ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL',
  ])
  const header = ['bench', 'figure', 'value', 'budget', '']
  // Chinese and symbols are wider on a terminal, but labels here are ASCII apart from ≤ and ×.
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)))
  const line = (c: string[]): string =>
    c.map((x, i) => (i === 2 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

async function main(): Promise<number> {
  const rows: { bench: string; result: BenchResult }[] = []
  let crashed = false
  try {
    // BENCH_ONLY=LCP,size (parts of bench names) runs a subset while working on one figure.
    const only = process.env.BENCH_ONLY?.split(',').map((n) => n.trim())
    for (const bench of BENCHES.filter((b) => !only || only.some((o) => b.name.includes(o)))) {
      const t0 = Date.now()
      process.stdout.write(`running ${bench.name}… `)
      try {
        for (const result of await bench.run()) rows.push({ bench: bench.name, result })
        console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s`)
      } catch (err) {
        // One broken bench should not hide the others' figures.
        crashed = true
        console.log('ERROR')
        console.error(err instanceof Error ? err.message : err)
      }
    }
  } finally {
    cleanupBuilds()
  }
  console.log()
  printTable(rows)
  const failed = rows.filter((r) => r.result.pass === false)
  console.log(
    `\n${failed.length ? `${failed.length} budget(s) FAILED` : 'all budgets met'}${crashed ? '; a bench crashed' : ''}`,
  )
  return failed.length || crashed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
