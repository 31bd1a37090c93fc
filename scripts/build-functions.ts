/**
 * Bundles each cloud function into dist/cloudfunctions/<fn>/ (index.js + package.json + config.json), the
 * folder WeChat DevTools uploads. Usage: npx tsx scripts/build-functions.ts [outDir]
 */
import * as fs from 'fs'
import * as path from 'path'
import { build } from 'esbuild'
import { FUNCTIONS, WX_SERVER_SDK_VERSION } from './functions'

const ROOT = path.resolve(__dirname, '..')

export async function buildFunctions(outDir = path.join(ROOT, 'dist', 'cloudfunctions')): Promise<string[]> {
  const built: string[] = []
  for (const fn of FUNCTIONS) {
    const dir = path.join(outDir, fn.name)
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    await build({
      entryPoints: [path.join(ROOT, fn.entry)],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      // The oldest Node runtime CloudBase offers.
      target: 'node16',
      format: 'cjs',
      // Installed by CloudBase from package.json ("云端安装依赖"): it carries native-ish protobuf code and its
      // own config, and must be the copy the runtime expects.
      external: ['wx-server-sdk'],
      // `@/…` imports resolve through tsconfig paths, the project's one alias source.
      tsconfig: path.join(ROOT, 'tsconfig.json'),
      logLevel: 'warning',
    })
    const pkg = {
      name: fn.name,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies: { 'wx-server-sdk': WX_SERVER_SDK_VERSION },
    }
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
    const config: Record<string, unknown> = { permissions: { openapi: fn.openapi } }
    if (fn.triggers) config.triggers = fn.triggers
    fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
    built.push(dir)
  }
  return built
}

if (require.main === module) {
  buildFunctions(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
    (dirs) => {
      for (const dir of dirs)
        console.log(
          `built ${path.relative(process.cwd(), dir)} (${fs.statSync(path.join(dir, 'index.js')).size} bytes)`,
        )
    },
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    },
  )
}
