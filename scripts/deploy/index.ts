/**
 * npm run deploy: builds and deploys the app to one WeChat CloudBase environment, from deploy.config.json.
 *
 *   npm run deploy                       everything (a re-run after a failure goes on where it stopped)
 *   npm run deploy -- --dry-run          the plan, in Chinese, without any network
 *   npm run deploy -- --dry-run --json   the plan as JSON
 *   --config <file>   another config file    --fresh   ignore an interrupted run    --skip-build   use dist/ as is
 */
import * as fs from 'fs'
import * as path from 'path'
import { createBuilder, ROOT } from './build'
import { CONFIG_FILE, ConfigError, configSecrets, loadConfig, type DeployConfig } from './config'
import { runDeploy, type DeployDeps } from './deploy'
import { createLog, type Log } from './log'
import { createMiniProgramCi } from './miniprogram-ci'
import { buildPlan, planText } from './plan'
import { STATE_FILE } from './state'
import { createHttpDeployApi } from './wechat-api'

export interface CliOptions {
  dryRun: boolean
  json: boolean
  fresh: boolean
  skipBuild: boolean
  configPath: string
}

const USAGE = '用法：npm run deploy [-- --dry-run [--json]] [--config <文件>] [--fresh] [--skip-build]'

export function parseArgs(argv: string[], root = ROOT): CliOptions | string {
  const options: CliOptions = {
    dryRun: false,
    json: false,
    fresh: false,
    skipBuild: false,
    configPath: path.join(root, CONFIG_FILE),
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--json') options.json = true
    else if (arg === '--fresh') options.fresh = true
    else if (arg === '--skip-build') options.skipBuild = true
    else if (arg === '--config' && argv[i + 1]) options.configPath = path.resolve(argv[++i])
    else return `不认识的参数 ${arg}。${USAGE}`
  }
  if (options.json && !options.dryRun) return `--json 只用于 --dry-run。${USAGE}`
  return options
}

function readPackageVersion(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown }
  return typeof pkg.version === 'string' ? pkg.version : '1.0.0'
}

function printConfigError(log: Log, e: ConfigError): void {
  log.line(`${path.basename(e.file)} 有 ${e.problems.length} 处需要改：`)
  for (const p of e.problems) log.line(`  · ${p.field}：${p.message}`)
}

export interface CliEnvironment {
  root: string
  out: (text: string) => void
  err: (text: string) => void
  /** Everything that touches the network or runs a build; the real ones unless a test passes its own. */
  connect?: (
    config: DeployConfig,
    log: Log,
  ) => Pick<DeployDeps, 'api' | 'ci' | 'builder'> & Pick<Partial<DeployDeps>, 'wait'>
}

/** Resolves the exit code. */
export async function main(argv: string[], env: CliEnvironment): Promise<number> {
  const out = createLog(env.out)
  const err = createLog(env.err)
  const options = parseArgs(argv, env.root)
  if (typeof options === 'string') {
    err.line(options)
    return 2
  }
  const packageVersion = readPackageVersion(env.root)

  let config: DeployConfig | null = null
  try {
    config = loadConfig(options.configPath, packageVersion)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    const missing = !fs.existsSync(options.configPath)
    // A plan can be shown before the file exists; anything else needs a valid one.
    if (!(options.dryRun && missing)) {
      printConfigError(err, e)
      return 1
    }
    err.line(`（没有 ${path.relative(env.root, options.configPath) || CONFIG_FILE}：计划中不含账号和模板）`)
  }
  if (config) for (const s of configSecrets(config)) [out, err].forEach((log) => log.secret(s))

  if (options.dryRun) {
    const plan = buildPlan(config)
    if (options.json) out.line(JSON.stringify(plan, null, 2))
    else for (const line of planText(plan, config)) out.line(line)
    return 0
  }
  if (!config) return 1

  const log = out
  const connect =
    env.connect ??
    ((c: DeployConfig, l: Log) => ({
      api: createHttpDeployApi({
        appId: c.appId,
        appSecret: c.appSecret,
        envId: c.envId,
        secretId: c.tencentCloud.secretId,
        secretKey: c.tencentCloud.secretKey,
        onSecret: (s) => l.secret(s),
      }),
      ci: createMiniProgramCi({
        appId: c.appId,
        privateKeyPath: c.uploadKeyPath,
        projectPath: path.join(env.root, 'dist', 'weapp'),
        root: env.root,
        toolsDir: path.join(env.root, '.cache', 'miniprogram-ci'),
        log: (line) => l.line(line),
      }),
      builder: createBuilder(env.root),
    }))
  const ok = await runDeploy({
    config,
    log,
    root: env.root,
    statePath: path.join(env.root, STATE_FILE),
    fresh: options.fresh,
    skipBuild: options.skipBuild,
    ...connect(config, log),
  })
  return ok ? 0 : 1
}

if (require.main === module) {
  main(process.argv.slice(2), {
    root: ROOT,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  }).then(
    // miniprogram-ci leaves a watcher behind that keeps Node alive: leave explicitly.
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`部署程序出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exit(1)
    },
  )
}
