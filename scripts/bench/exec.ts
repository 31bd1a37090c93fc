import { spawn } from 'child_process'
import fs from 'fs'
import path from 'path'

export const ROOT = path.resolve(__dirname, '../..')
export const TMP = path.join(ROOT, '.tmp')

/** Runs a command with its output captured to a log file (Taro prints progress bars); throws with the tail. */
export function runLogged(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: Record<string, string>; log: string },
) {
  fs.mkdirSync(path.dirname(opts.log), { recursive: true })
  const out = fs.openSync(opts.log, 'w')
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', out, out] })
    child.on('error', reject)
    child.on('close', (code) => {
      fs.closeSync(out)
      if (code === 0) return resolve()
      // eslint-disable-next-line no-control-regex -- strip the progress bars' cursor codes from the tail
      const text = fs.readFileSync(opts.log, 'utf8').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
      const tail = text.split(/\r?\n/).filter(Boolean).slice(-30).join('\n')
      reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}); see ${opts.log}\n${tail}`))
    })
  })
}
