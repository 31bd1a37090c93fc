// `npm start`: on a fresh clone, install packages, build the H5 app if its sources changed, then run the
// local cloud (H5 + cloud functions + timed triggers) at http://127.0.0.1:10086/. It prints this run's
// sign-in link (http://127.0.0.1:10086/?token=…): only a browser that opened it may use 演示登录.
// `JG_RUNTIME=cloudbase-emulator npm start` runs the built functions on the CloudBase emulator instead; the
// server builds them itself when they are missing or stale (src/server/local/main.ts).
import { execSync, spawn } from 'child_process'
import fs from 'fs'
import path from 'path'
import { fileURLToPath } from 'url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runtime = process.env.JG_RUNTIME ?? 'local'
if (runtime !== 'local' && runtime !== 'cloudbase-emulator') {
  console.error(`JG_RUNTIME 只能是 local 或 cloudbase-emulator，收到：${runtime}`)
  process.exit(1)
}
const run = (cmd, env = {}) => execSync(cmd, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })

if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'taro'))) {
  console.log('首次运行：正在安装依赖（约 2 分钟）…')
  run('npm install --no-audit --no-fund')
}

/** Newest modification time under a folder, to rebuild only when the app's sources changed. */
function newest(dir) {
  let latest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return latest
}

const built = path.join(root, 'dist', 'h5', 'index.html')
const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'config')))
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('正在构建 H5 版本（约 30 秒）…')
  execSync('npx taro build --type h5', {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
}

const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/server/local/main.ts'],
  {
    cwd: root,
    stdio: 'inherit',
  },
)
const stop = () => server.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
server.on('exit', (code) => process.exit(code ?? 0))
