import * as fs from 'fs'

/**
 * .deploy-state.json (git-ignored): the units of work a deploy has finished, so a re-run after a failure goes
 * on where it stopped. Keys carry a hash of what the unit deployed (a function's bundle and settings, the
 * mini program's files), so a unit whose content changed since is done again. A deploy that finishes removes
 * the file: the next one starts from the top (every unit is idempotent anyway).
 */
export interface DeployState {
  version: 1
  appId: string
  envId: string
  startedAt: string
  /** Unit key → when it finished. */
  done: Record<string, string>
}

export const STATE_FILE = '.deploy-state.json'

export interface LoadedState {
  state: DeployState
  /** How many finished units a previous, interrupted run left. */
  resumed: number
  /** Why an existing file was not used, if it was not. */
  discarded: string | null
}

export function loadState(file: string, appId: string, envId: string, fresh: boolean): LoadedState {
  const blank: DeployState = { version: 1, appId, envId, startedAt: new Date().toISOString(), done: {} }
  if (!fs.existsSync(file)) return { state: blank, resumed: 0, discarded: null }
  if (fresh) return { state: blank, resumed: 0, discarded: '按 --fresh 从头开始' }
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DeployState>
    if (raw.version !== 1 || typeof raw.done !== 'object' || raw.done === null) {
      return { state: blank, resumed: 0, discarded: `${file} 格式不对，从头开始` }
    }
    if (raw.appId !== appId || raw.envId !== envId) {
      return { state: blank, resumed: 0, discarded: `上次未完成的部署是另一个小程序或环境（${raw.envId}），从头开始` }
    }
    const state: DeployState = { ...blank, startedAt: raw.startedAt ?? blank.startedAt, done: { ...raw.done } }
    return { state, resumed: Object.keys(state.done).length, discarded: null }
  } catch {
    return { state: blank, resumed: 0, discarded: `${file} 读不出来，从头开始` }
  }
}

/** Written after every unit, whole, through a temporary file: a killed deploy leaves the last good state. */
export function saveState(file: string, state: DeployState): void {
  const tmp = `${file}.tmp`
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`)
  fs.renameSync(tmp, file)
}

export function clearState(file: string): void {
  fs.rmSync(file, { force: true })
}
