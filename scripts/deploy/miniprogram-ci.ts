import { spawn } from 'child_process'
import * as fs from 'fs'
import { createRequire } from 'module'
import * as path from 'path'

/**
 * The port to WeChat's upload tool, miniprogram-ci ("从微信开发者工具中抽离的关于小程序/小游戏项目代码的编译模块",
 * https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html): the only way to put a mini program's code on
 * WeChat's side outside DevTools. It authenticates with the code upload key (微信公众平台 → 开发管理 → 开发设置 →
 * 小程序代码上传) and only from an IP on that key's whitelist, when the whitelist is on. Tests replace it; CI never
 * loads it.
 *
 * upload() makes a development version (开发版本) with a version and a description, which the admin then makes
 * the 体验版 or submits for review in 微信公众平台 → 版本管理.
 */
export interface MiniProgramCi {
  /** Makes the tool available (the first deploy on a machine downloads it). */
  prepare(): Promise<void>
  uploadMiniProgram(args: { version: string; description: string; robot: number }): Promise<void>
}

/**
 * The version this script was written against (its README and dist/@types read for 2.1.42). Not a
 * devDependency: it weighs 276 MB with its own exact-pinned Babel tree, which every test run and CI install
 * would pay for; it is installed on the deployer's machine, apart from the project's node_modules, on first use.
 */
export const MINIPROGRAM_CI = 'miniprogram-ci'
export const MINIPROGRAM_CI_VERSION = '2.1.42'

export interface MiniProgramCiOptions {
  appId: string
  privateKeyPath: string
  /**
   * The mini program to upload: dist/weapp, where Taro writes its own project.config.json (miniprogramRoot
   * "./"). Not the repository root, whose node_modules the tool would walk.
   */
  projectPath: string
  /** The repository: a copy of the tool installed there is used first. */
  root: string
  /** Where the tool is installed when the project does not have it: .cache/miniprogram-ci (git-ignored). */
  toolsDir: string
  log: (line: string) => void
}

/** The part of miniprogram-ci 2.1 this script uses (dist/@types/ci/upload.d.ts, project/ciProject.d.ts). */
interface CiModule {
  Project: new (options: {
    appid: string
    type: 'miniProgram'
    projectPath: string
    privateKeyPath: string
    ignores?: string[]
  }) => object
  upload(options: {
    project: object
    version: string
    desc: string
    robot: number
    setting: Record<string, boolean>
    onProgressUpdate?: (info: unknown) => void
  }): Promise<unknown>
}

function tryLoad(fromDir: string): CiModule | null {
  try {
    // Typed once, here, by CiModule: the tool's own typings would make tsc read its whole tree.
    return createRequire(path.join(fromDir, 'package.json'))(MINIPROGRAM_CI) as CiModule
  } catch {
    return null
  }
}

function npmInstall(dir: string): Promise<number> {
  fs.mkdirSync(dir, { recursive: true })
  const pkg = path.join(dir, 'package.json')
  if (!fs.existsSync(pkg))
    fs.writeFileSync(pkg, `${JSON.stringify({ name: 'deploy-tools', private: true }, null, 2)}\n`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  return new Promise((resolve) => {
    const child = spawn(
      npm,
      ['install', '--no-audit', '--no-fund', '--save-exact', `${MINIPROGRAM_CI}@${MINIPROGRAM_CI_VERSION}`],
      { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' },
    )
    child.on('error', () => resolve(1))
    child.on('close', (code) => resolve(code ?? 1))
  })
}

export function createMiniProgramCi(options: MiniProgramCiOptions): MiniProgramCi {
  let ci: CiModule | null = null
  let project: object | null = null

  async function load(): Promise<CiModule> {
    ci ??= tryLoad(options.root) ?? tryLoad(options.toolsDir)
    if (ci) return ci
    options.log(
      `    第一次在这台电脑上部署：下载微信的上传工具 ${MINIPROGRAM_CI}@${MINIPROGRAM_CI_VERSION}（约 270 MB，一两分钟）到 ` +
        `${path.relative(options.root, options.toolsDir)}/`,
    )
    const code = await npmInstall(options.toolsDir)
    ci = code === 0 ? tryLoad(options.toolsDir) : null
    if (!ci) {
      throw new Error(
        `没能安装 ${MINIPROGRAM_CI}（npm 退出码 ${code}）：检查网络后再运行，或手工运行 ` +
          `npm install --prefix ${path.relative(options.root, options.toolsDir)} ${MINIPROGRAM_CI}@${MINIPROGRAM_CI_VERSION}`,
      )
    }
    return ci
  }

  return {
    async prepare() {
      await load()
    },
    async uploadMiniProgram({ version, description, robot }) {
      const module = await load()
      project ??= new module.Project({
        appid: options.appId,
        type: 'miniProgram',
        projectPath: options.projectPath,
        privateKeyPath: options.privateKeyPath,
        ignores: ['node_modules/**/*'],
      })
      await module.upload({
        project,
        version,
        desc: description,
        robot,
        // As Taro's project.config.json says: its output is already compiled and minified.
        setting: { es6: false, es7: false, minify: false, minifyJS: false, minifyWXML: false, minifyWXSS: false },
        onProgressUpdate: () => undefined,
      })
    },
  }
}
