// `npm run trigger <job>`: runs one timed job now, by hand: from the start, whatever its run records say (what
// it sends is keyed, so the ticks never send it again). If the local cloud is running it runs there (one
// process owns the data files); otherwise it opens .data/ itself. The local cloud fires the `tick` itself.
import fs from 'fs'
import path from 'path'
import { findJob, JOBS } from '../src/server/jobs'
import { createLocalPorts } from '../src/server/local/ports'

async function main() {
  const name = process.argv[2]
  const job = name ? findJob(name) : undefined
  if (!job) {
    console.error(
      [
        '用法：npm run trigger <任务名>',
        '可用任务（定时触发器每 10 分钟检查一次，按北京时间的 cron 到期后运行）：',
        ...JOBS.map((j) => `  ${j.name}  ${j.cron}  ${j.description}`),
      ].join('\n'),
    )
    process.exit(2)
  }
  const port = Number(process.env.JG_PORT ?? 10086)
  const dataDir = path.resolve(process.env.JG_DATA_DIR ?? path.join(__dirname, '..', '.data'))
  // The running local cloud's dev routes need this start's token (owner-only file, removed on stop).
  const tokenFile = path.join(dataDir, 'dev-token')
  const token = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : ''
  try {
    const res = await fetch(`http://127.0.0.1:${port}/dev/trigger`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name }),
    })
    const body = (await res.json()) as { ok: boolean; summary?: string; message?: string }
    console.log(body.ok ? `已在运行中的本地云执行 ${name}：${body.summary}` : `执行失败：${body.message}`)
    process.exit(body.ok ? 0 : 1)
  } catch {
    // Not running: run it here on the data folder.
  }
  const ports = createLocalPorts(dataDir)
  const report = await job.run(ports)
  console.log(`已执行 ${name}：${report.summary}`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
