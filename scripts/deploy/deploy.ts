import { createHash } from 'crypto'
import * as fs from 'fs'
import * as path from 'path'
import { COLLECTIONS } from '@/server/collections'
import { INDEXES } from '@/server/indexes'
import { FUNCTIONS, type CloudFunctionSpec } from '../functions'
import { SUBSCRIBE_TEMPLATES } from '../../cloudfunctions/_runtime/subscribe-config'
import { verifyTemplates } from '../../cloudfunctions/_runtime/subscribe-templates'
import type { Builder } from './build'
import type { DeployConfig } from './config'
import { describeError, hintFor } from './hints'
import type { Log } from './log'
import type { MiniProgramCi } from './miniprogram-ci'
import { functionEnv, indexDefinition, jobsFunction } from './plan'
import { clearState, loadState, saveState, type DeployState } from './state'
import type { DeployApi, FunctionInfo, FunctionSettings } from './wechat-api'
import { zip } from './zip'

export interface DeployDeps {
  config: DeployConfig
  api: DeployApi
  ci: MiniProgramCi
  builder: Builder
  log: Log
  /** The repository: dist/ is read from here. */
  root: string
  statePath: string
  /** Ignore what an interrupted run left and start from the top. */
  fresh?: boolean
  /** Use dist/ as it is (a re-run right after a build). */
  skipBuild?: boolean
  /** How long to wait for a function to become Active after a change (cloud npm install takes minutes). */
  wait?: { intervalMs: number; limitMs: number }
}

/** One piece of work the state file can record as done. */
interface Unit {
  key: string
  label: string
  /** Resolves the outcome word counted in the summary (新建, 已存在, 已设置…). */
  run(): Promise<string>
}

interface Step {
  title: string
  /** What to do when a unit fails and the error says nothing more specific. */
  hint: string
  units(): Promise<Unit[]>
}

/** A failure whose message is already the whole Chinese explanation (template problems). */
class StepFailure extends Error {
  constructor(
    readonly lines: string[],
    readonly hint: string,
  ) {
    super(lines.join('；'))
    this.name = 'StepFailure'
  }
}

const hash = (...parts: (string | Buffer)[]): string => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p).update('\0')
  return h.digest('hex').slice(0, 12)
}

/** Every file under a folder, in a stable order, for a content hash. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const p = path.join(dir, entry.name)
      return entry.isDirectory() ? filesUnder(p) : entry.name.endsWith('.map') ? [] : [p]
    })
}

function hashDir(dir: string): string {
  return hash(...filesUnder(dir).flatMap((f) => [path.relative(dir, f), fs.readFileSync(f)]))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}

/** Template problems as the deployer's file names them. */
const inConfigTerms = (line: string): string => line.split(SUBSCRIBE_TEMPLATES).join('subscribeTemplates')

export async function runDeploy(deps: DeployDeps): Promise<boolean> {
  const { config, api, ci, builder, log, root } = deps
  const wait = deps.wait ?? { intervalMs: 3000, limitMs: 5 * 60_000 }
  const functionsDir = path.join(root, 'dist', 'cloudfunctions')
  const weappDir = path.join(root, 'dist', 'weapp')
  const jobs = jobsFunction()
  const summary: string[] = []

  log.line(`部署到小程序 ${config.appId} 的云开发环境 ${config.envId}`)
  const loaded = loadState(deps.statePath, config.appId, config.envId, deps.fresh === true)
  if (loaded.discarded) log.line(`（${loaded.discarded}）`)
  if (loaded.resumed > 0) {
    log.line(`接着上次未完成的部署：已完成的 ${loaded.resumed} 项不再重做（要从头开始，请加 --fresh）`)
  }
  const state: DeployState = loaded.state
  saveState(deps.statePath, state)

  // ── build ──
  log.line('')
  if (deps.skipBuild) {
    log.line('【构建】按 --skip-build 使用现有的 dist/')
  } else {
    log.line(`【构建】小程序（云开发环境 ${config.envId}）和云函数，约一两分钟…`)
    try {
      await builder.buildWeapp(config.envId)
      await builder.buildFunctions()
      log.line('  ✔ 构建完成')
    } catch (e) {
      log.line(`  ✘ 构建失败：${describeError(e)}`)
      log.line('  怎么办：先运行 npm run build:weapp 和 npm run build:functions 看清错误并修好，再运行 npm run deploy')
      return false
    }
  }
  for (const fn of FUNCTIONS) {
    if (!fs.existsSync(path.join(functionsDir, fn.name, 'index.js'))) {
      log.line(
        `  ✘ 找不到 ${path.relative(root, path.join(functionsDir, fn.name, 'index.js'))}：请先构建（去掉 --skip-build）`,
      )
      return false
    }
  }

  try {
    await ci.prepare()
  } catch (e) {
    log.line(`  ✘ ${describeError(e)}`)
    return false
  }

  /** Waits until a function is Active again: every change (code, settings) puts it in Updating for a while. */
  async function whenActive(name: string): Promise<FunctionInfo> {
    const started = Date.now()
    const deadline = started + wait.limitMs
    let said = false
    for (;;) {
      const info = await api.getFunction(name)
      if (!info) throw new Error(`云函数 ${name} 不存在`)
      if (info.status === 'Active') return info
      if (/Failed/i.test(info.status)) {
        throw new StepFailure(
          [`云函数 ${name} 的状态是 ${info.status}`],
          `在云开发控制台 → 云函数 → ${name} 查看失败原因（常见：云端安装依赖失败），修好后再运行 npm run deploy`,
        )
      }
      if (Date.now() > deadline) {
        throw new StepFailure(
          [`云函数 ${name} 在 ${wait.limitMs / 60_000} 分钟内没有就绪（状态 ${info.status}）`],
          '云端安装依赖有时较慢：几分钟后再运行 npm run deploy',
        )
      }
      // Said once, and only when it is a real wait (CloudBase installs the dependencies in the cloud).
      if (!said && Date.now() - started > 5000) {
        log.line(`    … 等待 ${name} 就绪（${info.status}；云端安装依赖通常要一到三分钟）`)
        said = true
      }
      await sleep(wait.intervalMs)
    }
  }

  const settingsOf = (fn: CloudFunctionSpec): FunctionSettings => ({
    name: fn.name,
    runtime: fn.runtime,
    timeoutSeconds: fn.timeoutSeconds,
    memoryMB: fn.memoryMB,
    env: functionEnv(fn, config),
  })

  const initHint =
    `在云开发控制台 → 云函数 → ${jobs.name} → 日志 查看 init 的输出；也可以在那里「云端测试」，` +
    '事件填 {"TriggerName": "init"}。修好后再运行 npm run deploy'

  const steps: Step[] = [
    {
      title: '核对订阅消息模板',
      hint: '在 deploy.config.json 的 subscribeTemplates 里改正（模板 ID 和关键词见 微信公众平台 → 订阅消息 → 我的模板 → 详情），再运行 npm run deploy',
      async units() {
        if (!config.subscribeTemplates) {
          summary.push('订阅消息：未配置，消息只进站内信')
          log.line('  · 没有配置 subscribeTemplates：不发订阅消息，消息只进站内信')
          return []
        }
        return [
          {
            key: `templates:${hash(JSON.stringify(config.subscribeTemplates))}`,
            label: '订阅消息模板',
            async run() {
              const check = verifyTemplates(config.templates, await api.templateList())
              if (check.problems.length > 0) {
                throw new StepFailure(
                  check.problems.map(inConfigTerms),
                  '在 deploy.config.json 的 subscribeTemplates 里改正（模板 ID 和关键词见 微信公众平台 → 订阅消息 → 我的模板 → 详情），再运行 npm run deploy',
                )
              }
              log.line(`  · ${check.summary}`)
              return '已核对'
            },
          },
        ]
      },
    },
    {
      title: `创建数据库集合（${COLLECTIONS.length} 个）`,
      hint: '核对 envId；确认云开发控制台里这个环境的数据库可以打开。修好后再运行 npm run deploy（已完成的不会重做）',
      async units() {
        return COLLECTIONS.map((name) => ({
          key: `collection:${name}`,
          label: `集合 ${name}`,
          run: async () => ((await api.addCollection(name)) === 'created' ? '新建' : '已存在'),
        }))
      },
    },
    {
      title: `创建索引（${INDEXES.length} 个）`,
      hint: '在云开发控制台 → 数据库 → 该集合 → 索引管理 查看；若有同字段、不同名字或不同唯一性的旧索引，请删除后再运行 npm run deploy',
      async units() {
        return INDEXES.map((spec) => {
          const index = indexDefinition(spec)
          return {
            key: `index:${spec.collection}:${index.name}${index.unique ? ':unique' : ''}`,
            label: `索引 ${spec.collection}.${index.name}${index.unique ? '（唯一）' : ''}`,
            run: async () => ((await api.addIndex(spec.collection, index)) === 'created' ? '新建' : '已存在'),
          }
        })
      },
    },
    {
      title: '设置数据库和云存储权限：仅管理端可读写',
      hint: '确认腾讯云密钥有云开发的权限；也可以在云开发控制台手工设置（数据库 → 集合 → 数据权限；存储 → 权限设置），再运行 npm run deploy',
      async units() {
        const collections: Unit[] = COLLECTIONS.map((name) => ({
          key: `acl:collection:${name}`,
          label: `集合 ${name} 的权限`,
          run: async () => {
            await api.setCollectionAcl(name, 'ADMINONLY')
            return '已设置'
          },
        }))
        const storage: Unit = {
          key: 'acl:storage',
          label: '云存储的权限',
          async run() {
            const { bucket } = await api.environment()
            if (!bucket) {
              throw new StepFailure(
                ['这个环境没有云存储'],
                '在云开发控制台打开「存储」一次（首次打开会开通），再运行 npm run deploy',
              )
            }
            await api.setStorageAcl(bucket, 'ADMINONLY')
            return '已设置'
          },
        }
        return [...collections, storage]
      },
    },
    {
      title: '上传云函数',
      hint: '在云开发控制台 → 云函数 查看该函数的状态和日志；确认腾讯云密钥有云函数的权限，再运行 npm run deploy',
      async units() {
        return FUNCTIONS.flatMap((fn): Unit[] => {
          const dir = path.join(functionsDir, fn.name)
          const files = ['index.js', 'package.json', 'config.json'].filter((f) => fs.existsSync(path.join(dir, f)))
          const code = hash(...files.flatMap((f) => [f, fs.readFileSync(path.join(dir, f))]))
          const settings = settingsOf(fn)
          return [
            {
              key: `function:${fn.name}:code:${code}`,
              label: `${fn.name} 的代码`,
              async run() {
                const pkg = zip(files.map((f) => ({ name: f, data: fs.readFileSync(path.join(dir, f)) })))
                const existing = await api.getFunction(fn.name)
                if (!existing) {
                  await api.createFunction(settings, pkg.toString('base64'))
                  await whenActive(fn.name)
                  return '新建'
                }
                if (existing.runtime && existing.runtime !== fn.runtime) {
                  log.line(
                    `    ! 线上的 ${fn.name} 运行时是 ${existing.runtime}，不是 ${fn.runtime}（运行时创建后不能改）：` +
                      `如要更换，请在云开发控制台删除 ${fn.name} 后再运行 npm run deploy`,
                  )
                }
                await whenActive(fn.name)
                await api.updateFunctionCode(fn.name, pkg.toString('base64'))
                await whenActive(fn.name)
                return '已更新代码'
              },
            },
            {
              key: `function:${fn.name}:config:${hash(JSON.stringify(settings))}`,
              label: `${fn.name} 的设置（超时 ${fn.timeoutSeconds} 秒、内存 ${fn.memoryMB} MB、环境变量 ${Object.keys(settings.env).join('、') || '无'}）`,
              async run() {
                await api.updateFunctionConfiguration(settings)
                const info = await whenActive(fn.name)
                if (info.timeoutSeconds !== fn.timeoutSeconds || info.memoryMB !== fn.memoryMB) {
                  throw new StepFailure(
                    [
                      `${fn.name} 的设置没有生效：线上超时 ${info.timeoutSeconds} 秒、内存 ${info.memoryMB} MB，` +
                        `应为 ${fn.timeoutSeconds} 秒、${fn.memoryMB} MB`,
                    ],
                    `在云开发控制台 → 云函数 → ${fn.name} → 函数配置 手工改正，再运行 npm run deploy`,
                  )
                }
                return '已设置'
              },
            },
          ]
        })
      },
    },
    {
      title: '设置定时触发器',
      hint: '也可以在云开发控制台 → 云函数 → 触发器 手工添加（名称和 cron 见 npm run deploy -- --dry-run），再运行 npm run deploy',
      async units() {
        return FUNCTIONS.flatMap((fn) =>
          (fn.triggers ?? []).map((trigger): Unit => ({
            key: `trigger:${fn.name}:${trigger.name}:${trigger.config}`,
            label: `${fn.name} 的触发器 ${trigger.name}（${trigger.config}）`,
            async run() {
              const existing = await api.timerTriggers(fn.name)
              const wanted = new Set((fn.triggers ?? []).map((t) => t.name))
              // WeChat takes one timer per function: triggers of older versions (daily, reminders) go.
              for (const old of existing.filter((t) => !wanted.has(t.name))) {
                await api.deleteTimerTrigger(fn.name, old.name)
                log.line(`    · 删除了旧的定时触发器 ${old.name}（${old.cron}）`)
              }
              const same = existing.find((t) => t.name === trigger.name)
              if (same && same.cron === trigger.config) return '已存在'
              if (same) await api.deleteTimerTrigger(fn.name, same.name)
              await api.createTimerTrigger(fn.name, { name: trigger.name, cron: trigger.config })
              return same ? '已更新' : '新建'
            },
          })),
        )
      },
    },
    {
      title: `运行 init（${jobs.name}）：确认集合、核对模板${config.firstUnion ? '、开通第一个工会' : ''}`,
      hint: initHint,
      async units() {
        return [
          {
            key: `init:${hash(JSON.stringify(config.firstUnion ?? null), JSON.stringify(config.subscribeTemplates ?? null))}`,
            label: 'init',
            async run() {
              let reply: unknown
              try {
                reply = await api.invokeFunction(jobs.name, { Type: 'Timer', TriggerName: 'init' })
              } catch (e) {
                const text = describeError(e)
                if (/time ?out|超时|没有回应|-504003/i.test(text)) {
                  throw new StepFailure(
                    [`调用 init 超时（${text}）：init 可能仍在运行`],
                    `一分钟后在云开发控制台 → 云函数 → ${jobs.name} → 日志 查看 “已开通 …” 一行（主席的邀请码在其中），` +
                      '或再运行 npm run deploy：已开通的工会不会被改动，日志里会说明',
                  )
                }
                throw e
              }
              if (!isRecord(reply) || reply.ok !== true || !isRecord(reply.data)) {
                const message =
                  isRecord(reply) && typeof reply.message === 'string' ? reply.message : JSON.stringify(reply)
                throw new StepFailure([`init 没有成功：${message}`], initHint)
              }
              const report = reply.data
              const firstUnion = typeof report.firstUnion === 'string' ? report.firstUnion : null
              if (typeof report.summary === 'string') {
                log.line(`  · ${firstUnion ? report.summary.replace(`；${firstUnion}`, '') : report.summary}`)
              }
              if (firstUnion) {
                summary.push(firstUnion)
                log.line(`  ★ ${firstUnion}`)
              }
              const templates = isRecord(report.templates) ? report.templates : {}
              const problems = Array.isArray(templates.problems) ? templates.problems.map(String) : []
              for (const problem of problems) {
                log.line(`  ! 云函数里核对模板：${inConfigTerms(problem)}`)
              }
              if (problems.some((p) => /-604101|permission|权限/i.test(p))) {
                log.line(
                  '    云调用权限在上传后约 10 分钟才生效：10 分钟后再运行 npm run deploy -- --fresh 复查；仍然如此，' +
                    `在微信开发者工具里右键 dist/cloudfunctions/${jobs.name}，选「上传并部署：云端安装依赖」一次（它按 config.json 更新云调用权限）`,
                )
              }
              return '完成'
            },
          },
        ]
      },
    },
    {
      title: '上传小程序开发版',
      hint:
        '确认代码上传密钥（deploy.config.json 的 uploadKeyPath）是最新下载的，且本机 IP 在「小程序代码上传」的 IP 白名单里' +
        '（微信公众平台 → 开发管理 → 开发设置），再运行 npm run deploy',
      async units() {
        const { version, description, robot } = config.miniprogram
        return [
          {
            key: `miniprogram:${version}:${hashDir(weappDir)}`,
            label: `小程序 ${version}`,
            async run() {
              await ci.uploadMiniProgram({ version, description, robot })
              summary.push(`小程序开发版 ${version}（“${description}”，ci机器人${robot}）已上传`)
              return '已上传'
            },
          },
        ]
      },
    },
  ]

  for (const [i, step] of steps.entries()) {
    log.line('')
    log.line(`【${i + 1}/${steps.length}】${step.title}`)
    let units: Unit[]
    const counts = new Map<string, number>()
    let skipped = 0
    try {
      units = await step.units()
      for (const unit of units) {
        if (state.done[unit.key]) {
          skipped++
          continue
        }
        try {
          const outcome = await unit.run()
          counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
        } catch (e) {
          throw Object.assign(e instanceof Error ? e : new Error(String(e)), { unitLabel: unit.label })
        }
        state.done[unit.key] = new Date().toISOString()
        saveState(deps.statePath, state)
      }
    } catch (e) {
      const label = e instanceof Error && 'unitLabel' in e ? String(e.unitLabel) : step.title
      if (e instanceof StepFailure) {
        log.line(`  ✘ ${label}：`)
        for (const line of e.lines) log.line(`    - ${line}`)
        log.line(`  怎么办：${e.hint}`)
      } else {
        log.line(`  ✘ ${label} 失败：${describeError(e)}`)
        log.line(`  怎么办：${hintFor(e) ?? step.hint}`)
      }
      const done = Object.keys(state.done).length
      log.line('')
      log.line(
        `部署没有完成。改正后再运行 npm run deploy：已完成的 ${done} 项不会重做（记录在 ${path.basename(deps.statePath)}）。`,
      )
      return false
    }
    const parts = [...counts].map(([word, n]) => `${word} ${n}`)
    if (skipped) parts.push(`上次已完成 ${skipped}`)
    if (units.length > 0) log.line(`  ✔ ${parts.join('，') || '无事可做'}`)
  }

  clearState(deps.statePath)
  log.line('')
  log.line('部署完成。')
  for (const line of summary) log.line(`  · ${line}`)
  log.line('')
  log.line('请在控制台看一眼：')
  const checks = [
    `云开发控制台 → 云函数：${FUNCTIONS.map((f) => `${f.name}（${f.timeoutSeconds} 秒，${f.memoryMB} MB，${f.runtime}）`).join('、')}；` +
      `${jobs.name} → 触发器 只有 ${(jobs.triggers ?? []).map((t) => t.name).join('、')}`,
    `云开发控制台 → 数据库：${COLLECTIONS.length} 个集合，「数据权限」都是「仅管理端可读写」，「索引管理」里有索引`,
    '云开发控制台 → 存储 → 权限设置：仅管理端可读写',
    '云开发控制台 → 设置 → 消息推送：event / wxa_media_check → push（这一项仍需手工设置，见 README）',
    `微信公众平台 → 版本管理 → 开发版本：版本 ${config.miniprogram.version}；设为体验版扫码试用，没问题再提交审核`,
  ]
  checks.forEach((c, n) => log.line(`  ${n + 1}. ${c}`))
  return true
}
