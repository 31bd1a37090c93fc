import path from 'path'
import { startLocalCloud } from './server'

/** `npm run serve`: the local cloud on 127.0.0.1 with data in .data/ and timed triggers on. */
async function main() {
  const root = path.resolve(__dirname, '..', '..', '..')
  const cloud = await startLocalCloud({
    dataDir: path.resolve(process.env.JG_DATA_DIR ?? path.join(root, '.data')),
    port: Number(process.env.JG_PORT ?? 10086),
    h5Dir: path.resolve(process.env.JG_H5_DIR ?? path.join(root, 'dist', 'h5')),
    seed: true,
    cron: true,
    settableClock: process.env.JG_SETTABLE_CLOCK === '1',
  })
  console.log(`\n  教工之家 本地云已启动： ${cloud.url}/\n  数据目录：.data/（重置演示数据：npm run reset-demo）\n`)
  const stop = () => cloud.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
