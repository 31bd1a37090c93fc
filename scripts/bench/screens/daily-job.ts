// The 08:00 birthday greetings at district size: 20,000 members over 20 unions on an emulated CloudBase of its
// own (so the roster does not slow the other screens), run by `cron`'s timer trigger as CloudBase fires it.
// One "call" is the one tick invocation; its sequential round trips are what decide whether the morning fits.
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { SubscriptionCreditDoc } from '../../../src/core/messages/model'
import { creditId, MAX_CREDITS } from '../../../src/core/messages/consent'
import { MC } from '../../../src/core/messages/collections'
import type { MemberDoc, UnionDoc } from '../../../src/core/members/model'
import { C } from '../../../src/core/shared/collections'
import type { Clock, Doc, Store } from '../../../src/core/shared/ports'
import { TICK_TRIGGER } from '../../../src/server/jobs'
import { appPages, deployApp, ensureFunctionBundles } from '../../../emulator/cloudbase/app-deployment'
import { CloudbaseEmulator } from '../../../emulator/cloudbase/environment'
import type { SubscribeTemplate } from '../../../emulator/cloudbase/openapi'
import { districtMember } from '../district-roster'
import type { ScreenFigures } from '../round-trip-measure'
import type { Screens } from './types'

const ROOT = path.resolve(__dirname, '..', '..', '..')
/** The round-trips bench's build (same rule as round-trips.ts), so this scenario never builds a second one. */
const BUNDLES = process.env.JG_BENCH_BUNDLES
  ? path.resolve(process.env.JG_BENCH_BUNDLES)
  : path.join(ROOT, '.tmp', 'bench', 'emulator-functions')

const DAILY_JOB_MEMBERS = 20_000
const UNIONS = 20
/** 07:50 in Shanghai on 3 December: a tick that settles the earlier periods (init, reminders, follow-ups). */
const BEFORE = new Date('2026-12-02T23:50:00Z')
/** 08:00:30 in Shanghai: the tick that finds the greetings due. */
const MORNING = new Date('2026-12-03T00:00:30Z')

/** The birthday template as picked into the account, and the deployment's mapping of its keywords. */
const BIRTHDAY_TEMPLATE: SubscribeTemplate = {
  priTmplId: 'tpl-birthday',
  title: '生日祝福',
  content: '祝福主题:{{thing1.DATA}}\n祝福语:{{thing2.DATA}}\n日期:{{date3.DATA}}\n',
  example: '祝福主题:生日快乐\n祝福语:祝您生日快乐\n日期:2026年12月3日\n',
  type: 2,
}
const SUBSCRIBE_TEMPLATES = {
  birthday: { id: 'tpl-birthday', fields: { thing1: 'title', thing2: 'greeting', date3: 'date' } },
}

/** Schools of 1,000 in a row, so every union has its few birthdays on any day (as a real district does). */
const unionIdOf = (i: number) => `u${String(Math.floor((i * UNIONS) / DAILY_JOB_MEMBERS)).padStart(3, '0')}`
const memberIdOf = (i: number) => `m${String(i).padStart(6, '0')}`
const openidOf = (i: number) => `o-${memberIdOf(i)}`
/**
 * Four in five teachers are bound, and three in seven of those allowed birthday pushes (moduli prime to 366, so
 * a day's birthdays get the same mix as the roster); some are retired, some opted out, some left.
 */
const boundAt = (i: number) => i % 5 !== 0
const allowsPushes = (i: number) => boundAt(i) && i % 7 < 3

/**
 * The bundles read the process's `Date`, as deployed code does: the tick decides from it which periods are
 * due. Moves it to `to` (running on from there); returns the undo.
 */
function moveDate(to: Date): () => void {
  const Real = globalThis.Date
  const offset = to.getTime() - Real.now()
  globalThis.Date = new Proxy(Real, {
    construct: (target, args: unknown[], newTarget: new (...a: unknown[]) => unknown) =>
      args.length === 0 ? new Real(Real.now() + offset) : (Reflect.construct(target, args, newTarget) as object),
    get: (target, prop, receiver) =>
      prop === 'now' ? () => Real.now() + offset : (Reflect.get(target, prop, receiver) as unknown),
  })
  return () => {
    globalThis.Date = Real
  }
}

async function insertAll(store: Store, collection: string, docs: Doc[]): Promise<void> {
  // The console's side, without latency; a few hundred at once keeps the seeding to seconds.
  for (let i = 0; i < docs.length; i += 500)
    await Promise.all(docs.slice(i, i + 500).map((d) => store.insert(collection, d)))
}

async function seedDistrict(store: Store, emulator: CloudbaseEmulator, at: string): Promise<void> {
  const unions: UnionDoc[] = Array.from({ length: UNIONS }, (_, u) => ({
    _id: `u${String(u).padStart(3, '0')}`,
    code: `B${u}`,
    name: `第${u + 1}小学工会`,
    createdAt: at,
  }))
  const members: MemberDoc[] = []
  const credits: SubscriptionCreditDoc[] = []
  for (let i = 0; i < DAILY_JOB_MEMBERS; i++) {
    const m = districtMember(i, { memberId: memberIdOf(i), unionId: unionIdOf(i) }, at)
    if (boundAt(i)) Object.assign(m, { openid: openidOf(i), boundAt: at })
    members.push(m)
    if (!allowsPushes(i)) continue
    const memberId = memberIdOf(i)
    const template = 'birthday'
    credits.push({
      _id: creditId(memberId, template),
      unionId: m.unionId,
      memberId,
      template,
      count: MAX_CREDITS,
      updatedAt: at,
    })
    emulator.openapi.grantConsent(openidOf(i), BIRTHDAY_TEMPLATE.priTmplId, MAX_CREDITS)
  }
  await insertAll(store, C.unions, unions)
  await insertAll(store, C.members, members)
  await insertAll(store, MC.credits, credits)
}

async function tick(emulator: CloudbaseEmulator): Promise<{ reply: unknown; figures: ScreenFigures }> {
  const reply = await emulator.invoke('cron', { Type: 'Timer', TriggerName: TICK_TRIGGER.name })
  const record = emulator.invocations[emulator.invocations.length - 1]
  const ok = (reply as { ok?: boolean }).ok === true
  if (!ok || record.functionName !== 'cron') throw new Error(`the tick failed: ${JSON.stringify(reply)}`)
  return {
    reply,
    figures: {
      calls: 1,
      sequential: record.sequential,
      requests: record.requests,
      replyBytes: Buffer.byteLength(JSON.stringify(reply)),
    },
  }
}

/** What the 08:00 tick did with the greetings (its run line), for a scenario that must have greeted someone. */
function dailyLine(reply: unknown): string {
  const jobs = (reply as { data?: { jobs?: { job: string; outcome: string; summary: string }[] } }).data?.jobs ?? []
  const line = jobs.find((j) => j.job === 'daily')
  if (!line || line.outcome !== 'done') throw new Error(`the greetings did not run to the end: ${JSON.stringify(jobs)}`)
  return line.summary
}

export const dailyJobScreens: Screens = async ({ latencyMs }) => {
  ensureFunctionBundles(BUNDLES)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-bench-daily-'))
  const envBefore = process.env.SUBSCRIBE_TEMPLATES
  const emulator = new CloudbaseEmulator({
    dir,
    latencyMs: 0,
    openapi: { templates: [BIRTHDAY_TEMPLATE], pages: appPages() },
    functionEnv: { SUBSCRIBE_TEMPLATES: JSON.stringify(SUBSCRIBE_TEMPLATES) },
  })
  let restoreDate = moveDate(BEFORE)
  try {
    const clock: Clock = { now: () => new Date() }
    const { log, info } = console
    console.log = console.info = () => undefined
    try {
      const { ports } = await deployApp(emulator, { bundlesDir: BUNDLES, seed: false, clock })
      await seedDistrict(ports.store, emulator, clock.now().toISOString())
      await tick(emulator)
      restoreDate()
      restoreDate = moveDate(MORNING)
      emulator.latencyMs = latencyMs
      const morning = await tick(emulator)
      const summary = dailyLine(morning.reply)
      // BENCH_VERBOSE=1 prints what the morning did, e.g. when the seed is changed.
      if (process.env.BENCH_VERBOSE) log(`\n[dailyJob20k] ${summary}; ${emulator.openapi.sent.length} pushed`)
      return { dailyJob20k: morning.figures }
    } finally {
      console.log = log
      console.info = info
    }
  } finally {
    restoreDate()
    emulator.close()
    // The emulator puts a deployment's variables into the process: the other scenarios' functions have none.
    if (envBefore === undefined) delete process.env.SUBSCRIBE_TEMPLATES
    else process.env.SUBSCRIBE_TEMPLATES = envBefore
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
