import { DuplicateKeyError, type Doc, type Store } from '@/core/shared/ports'
import { JC } from '../collections'
import type { ServerPorts } from '../ports'
import type { Job, JobReport, JobStep } from './job'
import { periodAt, type Period } from './schedule'

/**
 * The `cron` function's only timer trigger. WeChat takes one timer trigger per cloud function ("triggers 字段是
 * 触发器数组，目前仅支持一个触发器", 定时触发器:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html),
 * so every job rides on this tick and says itself when it is due (schedule.ts).
 */
export const TICK_TRIGGER = { name: 'tick', type: 'timer', config: '0 */10 * * * * *' } as const

/** What one tick (or a run by hand) spends on jobs: 45 of cron's 60 s, the rest for saving records. */
export const TICK_BUDGET_MS = 45_000

/**
 * How long a tick's claim on a period holds. Longer than any invocation lives (cron's 60 s timeout), so two
 * live runs never share a period; shorter than the 10 minutes to the next tick, which takes up a killed one.
 */
export const LEASE_MS = 2 * 60_000

export type JobRunStatus = 'running' | 'paused' | 'failed' | 'done'

/** The run record of one job and period, `_id` `${job}:${period}` (e.g. `daily:2026-12-05T08:00`). */
export interface JobRunDoc extends Doc {
  job: string
  /** Shanghai wall time of the period's scheduled start. */
  period: string
  status: JobRunStatus
  /** A claim holds the period until then; a paused or failed run has released it (its end is in the past). */
  leaseUntil: string
  /** The holder's claim: only it may write the record, so a run whose lease was taken up writes nothing. */
  token: string
  /** Bumped by every write: a claim of an existing record is a compare-and-set on it. */
  version: number
  /** How many runs worked on this period. */
  runs: number
  /** JSON of the job's progress (where the last run stopped), or null. JSON, as jobs' keys may be Chinese. */
  progress: string | null
  summary: string
  /** JSON of the job's report so far. */
  report: string | null
  error?: string
  startedAt: string
  updatedAt: string
  finishedAt?: string
}

export type TickOutcome = 'done' | 'paused' | 'failed' | 'busy'

export interface TickLine {
  job: string
  period: string
  outcome: TickOutcome
  summary: string
}

export interface TickReport extends JobReport {
  /** Every job this tick found due: what its run did, or that another run holds the period. */
  jobs: TickLine[]
}

export interface TickOptions {
  /**
   * Spend less than TICK_BUDGET_MS (a console test event may ask; tests give 0, one batch per job). Each
   * job still does one batch, so a tick always gets somewhere.
   */
  budgetMs?: number
}

const OUTCOME_LABEL: Record<TickOutcome, string> = {
  done: '完成',
  paused: '本轮时间到，下次继续',
  failed: '出错，下次重试',
  busy: '另一次运行正在处理',
}

interface Due {
  job: Job
  period: Period
  _id: string
}

/**
 * One firing of the timer trigger: each job whose current period is not done is claimed (by inserting its run
 * record, or by a compare-and-set on a released or expired one) and run, all in parallel until one shared
 * deadline; then each record says done with its report, or paused with where to go on.
 */
export async function runTick(
  ports: ServerPorts,
  jobs: readonly Job[],
  options: TickOptions = {},
): Promise<TickReport> {
  const deadline = Date.now() + budgetOf(options.budgetMs)
  const now = ports.clock.now()
  const due = jobs.flatMap((job): Due[] => {
    const period = periodAt(job.schedule, now)
    return period ? [{ job, period, _id: `${job.name}:${period.key}` }] : []
  })
  const records = await readRecords(
    ports.store,
    due.map((d) => d._id),
  )
  const lines = await Promise.all(
    due
      .filter((d) => records.get(d._id)?.status !== 'done')
      .map((d) => runDue(ports, d, records.get(d._id) ?? null, now, deadline)),
  )
  const summary = lines.map((l) => `${l.job}（${l.period}）${OUTCOME_LABEL[l.outcome]}：${l.summary}`).join('；')
  return { summary: summary || '没有到期的任务', jobs: lines }
}

function budgetOf(budgetMs: number | undefined): number {
  if (budgetMs === undefined || !Number.isFinite(budgetMs)) return TICK_BUDGET_MS
  return Math.min(Math.max(budgetMs, 0), TICK_BUDGET_MS)
}

async function readRecords(store: Store, ids: string[]): Promise<Map<string, JobRunDoc>> {
  if (ids.length === 0) return new Map()
  const read = () => store.find<JobRunDoc>(JC.runs, { _id: { $in: ids } }, { limit: ids.length })
  let docs: JobRunDoc[]
  try {
    docs = await read()
  } catch (e) {
    // A new deployment: the collection comes with `init`, which is one of the jobs this tick is to run.
    // (CloudBase refuses any request on a missing collection.)
    await store.ensureCollections([JC.runs]).catch(() => Promise.reject(e))
    docs = await read()
  }
  return new Map(docs.map((d) => [d._id, d]))
}

async function runDue(
  ports: ServerPorts,
  due: Due,
  record: JobRunDoc | null,
  now: Date,
  deadline: number,
): Promise<TickLine> {
  const line = (outcome: TickOutcome, summary: string): TickLine => ({
    job: due.job.name,
    period: due.period.key,
    outcome,
    summary,
  })
  let claim: Claim | null
  try {
    claim = await claimPeriod(ports, due, record, now)
  } catch (e) {
    return line('failed', messageOf(e))
  }
  if (!claim) return line('busy', '这一时段已由另一次运行领取')
  let step: JobStep<unknown>
  try {
    step = await due.job.step(ports, { deadline, progress: claim.progress, period: due.period.start })
  } catch (e) {
    const error = messageOf(e)
    console.error(`[cron] ${due._id} failed:`, e)
    await release(ports, due._id, claim.token, { status: 'failed', error }).catch((saveError) => {
      // Left running: the next tick takes it up once the lease ends.
      console.error(`[cron] ${due._id}: could not record the failure`, saveError)
    })
    return line('failed', error)
  }
  const report = JSON.stringify(step.report)
  const saved = step.done
    ? await release(ports, due._id, claim.token, {
        status: 'done',
        summary: step.report.summary,
        report,
        progress: null,
        finishedAt: ports.clock.now().toISOString(),
      })
    : await release(ports, due._id, claim.token, {
        status: 'paused',
        summary: step.report.summary,
        report,
        progress: JSON.stringify(step.progress),
      })
  // Not saved: this run outlived its lease and another took the period up; what it sent is keyed, so the
  // other run only finds it done.
  if (!saved) console.warn(`[cron] ${due._id}: the period was taken up by another run; this run's record is not saved`)
  return line(step.done ? 'done' : 'paused', step.report.summary)
}

interface Claim {
  token: string
  progress: unknown
}

/** Takes the period for this run, or resolves null when another run holds it (or just finished it). */
async function claimPeriod(ports: ServerPorts, due: Due, record: JobRunDoc | null, now: Date): Promise<Claim | null> {
  const token = ports.ids.newId()
  const at = now.toISOString()
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString()
  if (!record) {
    const doc: JobRunDoc = {
      _id: due._id,
      job: due.job.name,
      period: due.period.key,
      status: 'running',
      leaseUntil,
      token,
      version: 1,
      runs: 1,
      progress: null,
      summary: '',
      report: null,
      startedAt: at,
      updatedAt: at,
    }
    try {
      // The insert is the claim: of two ticks that both found no record, the database lets one in.
      await ports.store.insert(JC.runs, doc)
      return { token, progress: null }
    } catch (e) {
      if (e instanceof DuplicateKeyError) return null
      throw e
    }
  }
  // Done, or a live run holds it. A record whose lease ended while `running` is a run that was killed.
  if (record.status === 'done' || record.leaseUntil > at) return null
  const taken = await ports.store.updateOne(
    JC.runs,
    { _id: record._id, version: record.version },
    { $set: { status: 'running', leaseUntil, token, updatedAt: at }, $inc: { version: 1, runs: 1 } },
  )
  return taken ? { token, progress: record.progress === null ? null : (JSON.parse(record.progress) as unknown) } : null
}

/** The holder's last write of a run: the lease ends now, so the next tick may go on with the period. */
async function release(
  ports: ServerPorts,
  _id: string,
  token: string,
  fields: Partial<Pick<JobRunDoc, 'status' | 'summary' | 'report' | 'progress' | 'error' | 'finishedAt'>>,
): Promise<boolean> {
  const at = ports.clock.now().toISOString()
  // A failure is kept until the period moves on; once it does, the record no longer shows an old error.
  const clear = fields.status === 'failed' ? {} : { $unset: { error: true as const } }
  return ports.store.updateOne(
    JC.runs,
    { _id, token },
    { $set: { ...fields, leaseUntil: at, updatedAt: at }, $inc: { version: 1 }, ...clear },
  )
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
