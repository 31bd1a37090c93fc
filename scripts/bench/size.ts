// weapp package sizes: the main package is what a teacher downloads before the first screen, so it has a
// budget, both absolute and relative to a bare Taro React app (the framework's own floor).
import fs from 'fs'
import path from 'path'
import { buildApp, buildBare } from './builds'
import type { BenchModule, BenchResult } from './types'

const KiB = 1024
const MAIN_BUDGET = 500 * KiB
const RATIO_BUDGET = 1.6

interface Sizes {
  main: number
  subpackages: { root: string; bytes: number }[]
  total: number
}

function files(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name
    return e.isDirectory() ? files(dir, child) : [child]
  })
}

/** Sizes of a weapp build; source maps and LICENSE files are not code a phone runs, so they are left out. */
export function weappSizes(dir: string): Sizes {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[]
    subpackages?: { root: string }[]
  }
  const roots = (app.subPackages ?? app.subpackages ?? []).map((sp) => sp.root.replace(/\/$/, '') + '/')
  const counted = files(dir)
    .filter((f) => !f.endsWith('.map') && !/LICENSE/i.test(path.basename(f)))
    .map((f) => ({ f, bytes: fs.statSync(path.join(dir, f)).size }))
  const sum = (list: { bytes: number }[]): number => list.reduce((s, x) => s + x.bytes, 0)
  return {
    main: sum(counted.filter(({ f }) => !roots.some((r) => f.startsWith(r)))),
    subpackages: roots.map((root) => ({ root, bytes: sum(counted.filter(({ f }) => f.startsWith(root))) })),
    total: sum(counted),
  }
}

const kib = (bytes: number): number => Math.round((bytes / KiB) * 10) / 10

export const sizeBench: BenchModule = {
  name: 'weapp size',
  async run(): Promise<BenchResult[]> {
    const app = weappSizes(await buildApp('weapp'))
    const bare = weappSizes(await buildBare('weapp'))
    const ratio = Math.round((app.main / bare.main) * 100) / 100
    return [
      {
        label: 'main package (app)',
        value: kib(app.main),
        unit: 'KiB',
        budget: '≤ 500 KiB',
        pass: app.main <= MAIN_BUDGET,
      },
      { label: 'main package (bare Taro React)', value: kib(bare.main), unit: 'KiB' },
      {
        label: 'main package ratio app/bare',
        value: ratio,
        unit: '×',
        budget: `≤ ${RATIO_BUDGET}`,
        pass: ratio <= RATIO_BUDGET,
      },
      ...app.subpackages.map((sp) => ({ label: `subpackage ${sp.root}`, value: kib(sp.bytes), unit: 'KiB' })),
      { label: 'all packages (app)', value: kib(app.total), unit: 'KiB' },
    ]
  },
}
