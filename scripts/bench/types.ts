/** One line of the bench table. `pass` is set when the figure has a budget. */
export interface BenchResult {
  label: string
  value: number
  unit: string
  /** Human-readable budget, e.g. '≤ 500 KiB'. */
  budget?: string
  pass?: boolean
}

/** A bench is a module exporting this shape; index.ts runs them in order. */
export interface BenchModule {
  name: string
  run(): Promise<BenchResult[]>
}
