// `npm test`: every check the project has, cheapest first, stopping at the first failure. Builds are
// production builds (what ships) and their noisy progress output goes to .tmp/*.log, shown only on failure.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const tmp = path.join(root, '.tmp')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
fs.mkdirSync(tmp, { recursive: true })

const jestCounts = { passed: 0, failed: 0 }

const jest = (id, args) => ({
  name: `jest ${args.join(' ')}`,
  cmd: bin('jest'),
  // --ci: never write snapshots; --json: the per-test counts for the summary line.
  args: ['--ci', ...args, '--json', '--outputFile', path.join(tmp, `jest-${id}.json`)],
  jsonReport: path.join(tmp, `jest-${id}.json`),
})

const build = (type) => ({
  name: `taro build --type ${type} (production)`,
  cmd: bin('taro'),
  args: ['build', '--type', type],
  env: { NODE_ENV: 'production' },
  log: path.join(tmp, `build-${type}.log`),
})

const steps = [
  { name: 'tsc --noEmit', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'eslint .', cmd: bin('eslint'), args: ['.'] },
  {
    name: 'prettier --check',
    cmd: bin('prettier'),
    args: [
      '--check',
      '--log-level',
      'warn',
      '--no-error-on-unmatched-pattern',
      'src/**/*.{ts,tsx,scss}',
      'test/**/*.{ts,tsx}',
      'scripts/**/*.{ts,mjs}',
      'emulator/**/*.ts',
    ],
  },
  build('weapp'),
  jest('main', ['--selectProjects', 'unit', 'integration', 'integration-cloudbase', 'build', 'deploy']),
  build('h5'),
  jest('e2e', ['--selectProjects', 'e2e', '--runInBand']),
]

function run(step) {
  return new Promise((resolve) => {
    const out = step.log ? fs.openSync(step.log, 'w') : 'inherit'
    const child = spawn(step.cmd, step.args, {
      cwd: root,
      env: { ...process.env, ...step.env },
      stdio: ['ignore', out, out],
    })
    child.on('error', (err) => {
      console.error(err)
      resolve(1)
    })
    child.on('close', (code, signal) => {
      if (typeof out === 'number') fs.closeSync(out)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

function tail(file, lines) {
  // Strip the progress bars' cursor-control codes so the tail is readable.
  // eslint-disable-next-line no-control-regex -- matching ANSI escapes is the point
  const text = fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
  return text.split(/\r?\n/).filter(Boolean).slice(-lines).join('\n')
}

function readJestCounts(file) {
  if (!fs.existsSync(file)) return
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  jestCounts.passed += report.numPassedTests
  jestCounts.failed += report.numFailedTests
}

const banner = (text) => console.log(`\n${'='.repeat(78)}\n${text}\n${'='.repeat(78)}`)
const started = Date.now()
let failedStep

for (const [i, step] of steps.entries()) {
  console.log(`\n▶ [${i + 1}/${steps.length}] ${step.name}`)
  if (step.jsonReport) fs.rmSync(step.jsonReport, { force: true })
  const t0 = Date.now()
  const code = await run(step)
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  if (step.jsonReport) readJestCounts(step.jsonReport)
  if (code !== 0) {
    if (step.log) console.log(`--- last lines of ${path.relative(root, step.log)} ---\n${tail(step.log, 40)}`)
    failedStep = step
    banner(`FAILED: ${step.name} (exit ${code}, ${seconds}s) — later steps were not run`)
    break
  }
  console.log(`✔ ${step.name} (${seconds}s)`)
}

const total = ((Date.now() - started) / 1000).toFixed(1)
if (!failedStep) banner(`ALL STEPS PASSED in ${total}s`)
console.log(`${jestCounts.passed} passed, ${jestCounts.failed} failed`)
process.exit(failedStep ? 1 : 0)
