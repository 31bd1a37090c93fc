import fs from 'fs'
import os from 'os'
import path from 'path'
import type { ActionInput, ActionName, ActionOutput } from '@/core/contract'
import type { ErrorReply, Reply } from '@/core/shared/errors'
import { dispatch } from '@/server/dispatch'
import { findJob, type JobReport } from '@/server/jobs'
import { ensureSchema } from '@/server/schema'
import { createLocalPorts } from '@/server/local/ports'
import type { ServerPorts } from '@/server/ports'
import { seedDemo } from '@/server/seed'
import { demoOpenid } from '@/server/seed/demo-school'
import { countWrites } from './counting-store'
import type { MemberDoc } from '@/core/members/model'
import { C } from '@/core/shared/collections'
import type { Clock } from '@/core/shared/ports'
import { makeEmulatorCloud, type EmulatorCloud } from './emulator-cloud'
import type { KillPlan } from '../../emulator/cloudbase/invocation'

/** Seeded people by role, for readable tests (ids from src/server/seed/demo-school.ts). */
export const DEMO = {
  chair: demoOpenid('m01'), // 王建国
  admin: demoOpenid('m02'), // 李秀英
  committee: demoOpenid('m03'), // 张丽华
  deptHead: demoOpenid('m06'), // 赵明 教务处
  delegate: demoOpenid('m09'), // 郭婷 语文组
  groupLeader: demoOpenid('m10'), // 何平 数学组
  teacher: demoOpenid('m17'), // 胡军 数学组, roles: member
  retired: demoOpenid('m37'), // 陆桂英 退休组
  unboundMemberId: 'm31', // 曹阳, not yet bound
}

/** Which runtime the integration suite runs on: `npm test` runs it on both (jest projects). */
export const RUNTIME: 'local' | 'cloudbase-emulator' =
  process.env.JG_TEST_RUNTIME === 'cloudbase-emulator' ? 'cloudbase-emulator' : 'local'

export type TestPorts = ServerPorts & { clock: Clock & { set(instant: Date | null): void } }

export interface TestCloud {
  dir: string
  runtime: typeof RUNTIME
  ports: TestPorts
  /** The emulated CloudBase environment, when the suite runs on it. */
  emulator?: EmulatorCloud['emulator']
  /**
   * Runs a timed job by hand, resolving its report: on the emulator a console test event naming it, through
   * the `cron` bundle (no OPENID); locally in process. The timer's own runs are ticks: test/support/ticks.ts.
   */
  runJob(name: string): Promise<JobReport>
  /** Calls an action with a fault plan: the invocation dies at its N-th request (emulator only). */
  callKilledAt(openid: string | undefined, body: unknown, kill: KillPlan): Promise<Reply<unknown> | 'killed'>
  /** Calls an action as this openid (undefined = nobody signed in) through the real dispatcher. */
  call<N extends ActionName>(
    openid: string | undefined,
    action: N,
    data: ActionInput<N>,
  ): Promise<Reply<ActionOutput<N>>>
  /** Same, for hostile bodies that the types would not allow. */
  raw(openid: string | undefined, body: unknown): Promise<Reply<unknown>>
  /** Calls and expects success, returning the data. */
  ok<N extends ActionName>(openid: string | undefined, action: N, data: ActionInput<N>): Promise<ActionOutput<N>>
  /** Calls and expects a refusal, returning it. */
  refused<N extends ActionName>(openid: string | undefined, action: N, data: ActionInput<N>): Promise<ErrorReply>
  writes(): number
  cleanup(): void
  /** What a stored file's address looks like: the local cloud's /files route, or a storage temporary link. */
  fileUrl(id: string): string
  /** WeChat's picture verdicts arrive (CloudBase: pushed to the `push` function); locally they are immediate. */
  settleImageChecks(): Promise<void>
}

/**
 * A cloud with no subscribe template configured: every message goes to the in-app inbox only, as the
 * round-trips bench measures (a configured template adds the notifier's own round trips per push).
 */
export async function makeTestCloudWithoutPushes(): Promise<TestCloud> {
  const configured = process.env.SUBSCRIBE_TEMPLATES
  process.env.SUBSCRIBE_TEMPLATES = '{}'
  try {
    return await makeTestCloud()
  } finally {
    if (configured === undefined) delete process.env.SUBSCRIBE_TEMPLATES
    else process.env.SUBSCRIBE_TEMPLATES = configured
  }
}

/** A fresh local cloud on a real on-disk nedb store in a temp dir, seeded with the demo school. */
export async function makeTestCloud(options: { seed?: boolean } = {}): Promise<TestCloud> {
  if (RUNTIME === 'cloudbase-emulator') return fromEmulator(await makeEmulatorCloud(options))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-test-'))
  const base = createLocalPorts(dir)
  base.clock.set(new Date('2026-12-01T02:00:00Z'))
  await ensureSchema(base.store)
  if (options.seed !== false) await seedDemo(base)
  const counter = countWrites(base.store)
  const ports: TestPorts = { ...base, store: counter.store }
  const raw = (openid: string | undefined, body: unknown) => dispatch(ports, { openid }, body)
  return withHelpers({
    dir,
    runtime: 'local',
    ports,
    raw,
    writes: counter.writes,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    fileUrl: (id) => `/files/${id}`,
    settleImageChecks: async () => undefined,
    async runJob(name) {
      const job = findJob(name)
      if (!job) throw new Error(`no job ${name}`)
      return job.run(ports)
    },
    callKilledAt: () => Promise.reject(new Error('fault injection needs the CloudBase emulator')),
  })
}

function fromEmulator(cloud: EmulatorCloud): TestCloud {
  const stats = cloud.emulator.database.stats
  const writesBefore = stats.writes
  return withHelpers({
    dir: cloud.dir,
    runtime: 'cloudbase-emulator',
    ports: cloud.ports,
    emulator: cloud.emulator,
    raw: (openid, body) => cloud.invokeApi(openid, body) as Promise<Reply<unknown>>,
    writes: () => stats.writes - writesBefore,
    cleanup: cloud.cleanup,
    // A signed temporary link of the emulated storage naming the file; tests compare it as a pattern.
    fileUrl: (id) =>
      expect.stringMatching(new RegExp(`^https://.*/uploads/.*${id}\\.\\w+\\?sign=`)) as unknown as string,
    async settleImageChecks() {
      await cloud.emulator.deliverMediaChecks()
    },
    async runJob(name) {
      const reply = (await cloud.emulator.invoke('cron', { TriggerName: name })) as Reply<JobReport>
      if (!reply.ok) throw new Error(`job ${name} failed on the emulator: ${JSON.stringify(reply)}`)
      return reply.data
    },
    async callKilledAt(openid, body, kill) {
      try {
        return (await cloud.invokeApi(openid, body, kill)) as Reply<unknown>
      } catch (e) {
        if (e instanceof Error && e.name === 'InvocationKilled') return 'killed'
        throw e
      }
    },
  })
}

type CloudCore = Pick<
  TestCloud,
  | 'dir'
  | 'runtime'
  | 'ports'
  | 'emulator'
  | 'raw'
  | 'writes'
  | 'cleanup'
  | 'callKilledAt'
  | 'runJob'
  | 'fileUrl'
  | 'settleImageChecks'
>

function withHelpers(core: CloudCore): TestCloud {
  const { raw } = core
  // The reply as the app reads it: the server's clock beside it (`now`, for the pages' today) is left to raw().
  const call = async <N extends ActionName>(openid: string | undefined, action: N, data: ActionInput<N>) => {
    const { now: _now, ...reply } = (await raw(openid, { action, data })) as Reply<ActionOutput<N>> & { now?: string }
    return reply as Reply<ActionOutput<N>>
  }
  return {
    ...core,
    call,
    async ok(openid, action, data) {
      const reply = await call(openid, action, data)
      if (!reply.ok) throw new Error(`${action} refused: ${reply.code} ${reply.message}`)
      return reply.data
    },
    async refused(openid, action, data) {
      const reply = await call(openid, action, data)
      if (reply.ok) throw new Error(`${action} unexpectedly succeeded`)
      return reply
    },
  }
}

/** A CSV roster as the chair's spreadsheet would save it, base64 for the import actions. */
export function csvFile(rows: string[][], fileName = 'roster.csv'): { fileName: string; contentBase64: string } {
  const text = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')
  return { fileName, contentBase64: Buffer.from(`\ufeff${text}`, 'utf8').toString('base64') }
}

/**
 * Adds `n` bound teachers of 语文组 straight to the store (ids `t<tag><0000…>`, openids `t-<id>`), for tests
 * that need more people than the demo school has. Resolves their openids in order.
 */
export async function addBoundMembers(
  cloud: TestCloud,
  n: number,
  gender: 'M' | 'F' = 'M',
  tag = '',
): Promise<string[]> {
  const at = cloud.ports.clock.now().toISOString()
  const openids: string[] = []
  for (let i = 0; i < n; i++) {
    const id = `t${tag}${String(i).padStart(4, '0')}`
    const member: MemberDoc = {
      _id: id,
      unionId: 'u-syxx',
      name: `测试${tag}${i}`,
      staffNo: `X${tag}${i}`,
      gender,
      phone: `137${String(i).padStart(8, '0')}`,
      birthday: '01-01',
      groupId: 'g1',
      roles: ['member'],
      status: 'active',
      inviteCode: `CODE${tag}${i}`,
      openid: `t-${id}`,
      privacy: { hideBirthday: false, noGreetings: false },
      createdAt: at,
      updatedAt: at,
    }
    await cloud.ports.store.insert(C.members, member)
    await cloud.ports.store.insert(C.bindings, { _id: `t-${id}`, unionId: 'u-syxx', memberId: id, createdAt: at })
    openids.push(`t-${id}`)
  }
  return openids
}
