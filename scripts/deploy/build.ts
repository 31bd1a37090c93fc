import { spawn } from 'child_process'
import * as fs from 'fs'
import * as path from 'path'
import { buildFunctions } from '../build-functions'

/** The builds a deploy runs first. Tests replace it (a Taro build takes a minute). */
export interface Builder {
  /** The mini program for this environment, into dist/weapp/. */
  buildWeapp(envId: string): Promise<void>
  /** Every cloud function, into dist/cloudfunctions/<fn>/; resolves that folder. */
  buildFunctions(): Promise<string>
}

export const ROOT = path.resolve(__dirname, '..', '..')

/**
 * Taro reads `.env.production.local` after `.env.production` (@tarojs/helper dotenvParse: .env, .env.local,
 * .env.[mode], .env.[mode].local, later wins), and only those files feed `process.env.TARO_APP_*` in the
 * bundle; a variable set in the shell does not. The deploy writes the env id there (git-ignored).
 */
export const LOCAL_ENV_FILE = '.env.production.local'

export function createBuilder(root = ROOT): Builder {
  return {
    async buildWeapp(envId) {
      fs.writeFileSync(
        path.join(root, LOCAL_ENV_FILE),
        `# Written by npm run deploy: the CloudBase environment of this deployment.\nTARO_APP_CLOUD_ENV=${envId}\n`,
      )
      const log = path.join(root, '.tmp', 'deploy-build-weapp.log')
      fs.mkdirSync(path.dirname(log), { recursive: true })
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
      delete env.JG_DIST_DIR
      const code = await new Promise<number>((resolve) => {
        const out = fs.openSync(log, 'w')
        const child = spawn(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
          cwd: root,
          env,
          stdio: ['ignore', out, out],
        })
        child.on('error', () => resolve(1))
        child.on('close', (c) => {
          fs.closeSync(out)
          resolve(c ?? 1)
        })
      })
      if (code !== 0) {
        const tail = fs.readFileSync(log, 'utf8').split(/\r?\n/).filter(Boolean).slice(-20).join('\n')
        throw new Error(`小程序构建失败（完整日志：${path.relative(root, log)}）：\n${tail}`)
      }
    },
    async buildFunctions() {
      const outDir = path.join(root, 'dist', 'cloudfunctions')
      await buildFunctions(outDir)
      return outDir
    },
  }
}
