import path from 'path'
import { startEmulatedCloud } from './emulated'
import { startLocalCloud, type CloudFront } from './server'

/**
 * `npm start` (scripts/start.mjs): the local cloud on 127.0.0.1 with data in .data/ and timed triggers on. With
 * JG_RUNTIME=cloudbase-emulator the same server runs the built functions on the CloudBase emulator instead,
 * with its data in .data/cloudbase-emulator/. It prints this run's sign-in link: only a browser that opened it
 * may use the demo sign-in and the other dev routes.
 */
async function main() {
  // Everything this process writes is its owner's alone: the databases, uploads and emulated storage are
  // written by libraries that would otherwise use their own default modes (0644).
  process.umask(0o077)
  const root = path.resolve(__dirname, '..', '..', '..')
  const runtime = process.env.JG_RUNTIME ?? 'local'
  const port = Number(process.env.JG_PORT ?? 10086)
  const h5Dir = path.resolve(process.env.JG_H5_DIR ?? path.join(root, 'dist', 'h5'))
  const settableClock = process.env.JG_SETTABLE_CLOCK === '1'
  if (runtime === 'cloudbase-emulator') {
    const dataDir = path.resolve(process.env.JG_DATA_DIR ?? path.join(root, '.data', 'cloudbase-emulator'))
    const latencyMs = Number(process.env.JG_EMULATOR_LATENCY_MS ?? 20)
    const cloud = await startEmulatedCloud({
      dataDir,
      bundlesDir: path.join(root, 'dist', 'cloudfunctions'),
      port,
      h5Dir,
      seed: true,
      cron: true,
      settableClock,
      latencyMs,
    })
    console.log(
      `\n  教工之家 本地云（云开发模拟环境，每次请求 ${latencyMs} 毫秒）已启动。\n${signInLines(cloud)}` +
        `  数据目录：${shown(root, dataDir)}/（重置：停止后删除该目录）\n`,
    )
    onStop(() => cloud.close())
    return
  }
  if (runtime !== 'local') throw new Error(`JG_RUNTIME 只能是 local 或 cloudbase-emulator，收到：${runtime}`)
  const cloud = await startLocalCloud({
    dataDir: path.resolve(process.env.JG_DATA_DIR ?? path.join(root, '.data')),
    port,
    h5Dir,
    seed: true,
    cron: true,
    settableClock,
  })
  console.log(
    `\n  教工之家 本地云已启动。\n${signInLines(cloud)}` + `  数据目录：.data/（重置演示数据：npm run reset-demo）\n`,
  )
  onStop(() => cloud.close())
}

/**
 * The links to open: this machine's, and the LAN address's when JG_PUBLIC_URL is set (a phone gets its own
 * pass there). The token changes with every start; whoever has the link can sign in as anyone.
 */
function signInLines(cloud: CloudFront): string {
  const lan = process.env.JG_PUBLIC_URL?.replace(/\/$/, '')
  return (
    `  用浏览器打开这个链接进入（含本次启动的登录令牌，可以演示登录任何人，请勿外传）：\n    ${cloud.devLink}\n` +
    (lan ? `  局域网内的手机打开：\n    ${lan}/?token=${cloud.devToken}\n` : '')
  )
}

/** A folder inside the project by its relative path, any other by its full path. */
function shown(root: string, dir: string): string {
  const relative = path.relative(root, dir)
  return relative.startsWith('..') ? dir : relative
}

function onStop(close: () => Promise<void>): void {
  const stop = () => close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
