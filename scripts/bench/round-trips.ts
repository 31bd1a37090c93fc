// Round trips per screen on the CloudBase emulator (issue 12): how many cloud calls a screen makes, how many
// sequential database / open-API round trips a teacher waits for, how many requests in all, and how many
// bytes of JSON come back. Each screen replays the calls its page makes, in the page's order: calls made one
// after another (a wave waits for the previous one) add up; calls made together count their slowest.
// Writes .tmp/bench/round-trips.json. A figure over its budget fails the run (issue 12's before column
// is over budget on every screen).
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Clock } from '../../src/core/shared/ports'
import { BLOCKED_WORDS, RISKY_IMAGE_MARKER } from '../../src/server/local/content-check'
import { demoOpenid } from '../../src/server/seed/demo-school'
import { SEED as PROPOSALS } from '../../src/server/seed/proposals'
import { appPages, deployApp, ensureFunctionBundles } from '../../emulator/cloudbase/app-deployment'
import { CloudbaseEmulator } from '../../emulator/cloudbase/environment'
import { call, measure, type ScreenFigures } from './round-trip-measure'
import type { BenchModule, BenchResult } from './types'

const ROOT = path.resolve(__dirname, '..', '..')
const OUT = path.join(ROOT, '.tmp', 'bench', 'round-trips.json')
/**
 * Our own build, so a jest run rebuilding .tmp/emulator-functions at the same time cannot clash with it;
 * JG_BENCH_BUNDLES gives a second bench run on the same machine its own folder too.
 */
const BUNDLES = process.env.JG_BENCH_BUNDLES
  ? path.resolve(process.env.JG_BENCH_BUNDLES)
  : path.join(ROOT, '.tmp', 'bench', 'emulator-functions')
/** Per request, as on real CloudBase (the emulator's default). */
const LATENCY_MS = 20

const TEACHER = demoOpenid('m17') // 胡军, member
const SECOND_TEACHER = demoOpenid('m10') // 何平, takes the waitlist place
const CHAIR = demoOpenid('m01') // 王建国, creates the bench's activity
const DELEGATE = demoOpenid('m09') // 郭婷, author of the ready draft

interface Budget {
  calls?: number
  sequential?: number
  replyBytes?: number
}

const BUDGETS: Record<string, Budget> = {
  home: { calls: 1, sequential: 3 },
  activityFromQr: { calls: 1, sequential: 3 },
  signUpSeat: { sequential: 4 },
  signUpWaitlisted: { sequential: 4 },
  cancelConfirmed: { sequential: 5 },
  noticeOpen: { sequential: 3 },
  proposalSubmit: { sequential: 8 },
  activitiesList500: { replyBytes: 5 * 1024 },
}

/** Each figure against its budget, where it has one. */
function rows(name: string, f: ScreenFigures): BenchResult[] {
  const budget = BUDGETS[name] ?? {}
  const row = (label: keyof ScreenFigures, unit: string, limit: number | undefined): BenchResult => ({
    label: `${name} ${label}`,
    value: f[label],
    unit,
    budget: limit === undefined ? undefined : `≤ ${limit}`,
    pass: limit === undefined ? undefined : f[label] <= limit,
  })
  return [
    row('calls', 'calls', budget.calls),
    row('sequential', 'trips', budget.sequential),
    row('requests', 'requests', undefined),
    row('replyBytes', 'B', budget.replyBytes),
  ]
}

async function runScreens(emulator: CloudbaseEmulator): Promise<Record<string, ScreenFigures>> {
  const out: Record<string, ScreenFigures> = {}
  const hour = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()

  // 首页 (src/pages/index): session.whoami, then the sections together — BirthdayCard, NoticesSection (two
  // calls at once), ActivitiesSection, ProposalsSection.
  const home = await measure(emulator, [
    [call(TEACHER, 'session.whoami')],
    [
      call(TEACHER, 'greetings.today'),
      call(TEACHER, 'notices.list'),
      call(TEACHER, 'messages.unreadCount'),
      call(TEACHER, 'activities.list'),
      call(TEACHER, 'proposals.todo'),
    ],
  ])
  out.home = home.figures

  const createActivity = async (title: string): Promise<string> => {
    const created = (await emulator.invoke(
      'api',
      {
        action: 'activities.create',
        data: {
          title,
          startAt: hour(30),
          endAt: hour(32),
          place: '操场',
          signupOpenAt: hour(-1),
          signupCloseAt: hour(24),
          audience: 'all',
          quota: 1,
          cancelPolicy: 'anytime',
          needsApproval: false,
          rosterPublic: true,
        },
      },
      { openid: CHAIR },
    )) as { ok: boolean; data?: { id: string }; message?: string }
    if (!created.ok || !created.data) throw new Error(`activities.create failed: ${created.message}`)
    return created.data.id
  }
  // Setup (not measured): an activity with one seat, so the second teacher lands on the waitlist.
  const activityId = await createActivity('往返次数测试活动')

  // Opened from a QR code (src/pages/activity): the page waits for the session, then loads the activity.
  out.activityFromQr = (
    await measure(emulator, [[call(TEACHER, 'session.whoami')], [call(TEACHER, 'activities.get', { activityId })]])
  ).figures
  // 报名 / 取消: the action, then the page reloads the activity.
  const act = (openid: string, action: string, data: Record<string, unknown>) =>
    measure(emulator, [[call(openid, action, data)], [call(openid, 'activities.get', { activityId })]])
  out.signUpSeat = (await act(TEACHER, 'activities.signUp', { activityId })).figures
  out.signUpWaitlisted = (await act(SECOND_TEACHER, 'activities.signUp', { activityId })).figures
  out.cancelConfirmed = (await act(TEACHER, 'activities.cancel', { activityId, reason: '' })).figures

  // 通知 detail (src/subpackages/notices/detail): tapping the first unread notice on 首页 opens it.
  const list = home.replies[1][1] as { data: { items: { id: string; read: boolean; withdrawn: boolean }[] } }
  const notice = list.data.items.find((n) => !n.read && !n.withdrawn) ?? list.data.items[0]
  if (!notice) throw new Error('the demo teacher has no notice to open')
  out.noticeOpen = (await measure(emulator, [[call(TEACHER, 'notices.open', { noticeId: notice.id })]])).figures

  // 提交提案 (DraftPanel): the reply is the new detail, so nothing reloads.
  out.proposalSubmit = (
    await measure(emulator, [[call(DELEGATE, 'proposals.submit', { proposalId: PROPOSALS.draftReady })]])
  ).figures

  // 活动 list of a union with 500 activities: what one page of the list sends back. Setup without latency.
  emulator.latencyMs = 0
  for (let i = 1; i < 500; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, 500 - i) }, (_, k) => createActivity(`批量活动${i + k}`)))
  }
  emulator.latencyMs = LATENCY_MS
  out.activitiesList500 = (await measure(emulator, [[call(TEACHER, 'activities.list')]])).figures
  return out
}

export const roundTripsBench: BenchModule = {
  name: 'round-trips',
  async run(): Promise<BenchResult[]> {
    ensureFunctionBundles(BUNDLES)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-bench-trips-'))
    const emulator = new CloudbaseEmulator({
      dir,
      latencyMs: LATENCY_MS,
      openapi: { templates: [], pages: appPages(), riskyImageMarker: RISKY_IMAGE_MARKER, riskyWords: BLOCKED_WORDS },
    })
    try {
      // The bundles read real time, so the seed does too.
      const clock: Clock = { now: () => new Date() }
      // init lists every index it creates: not this bench's figures, so kept off the table's terminal.
      const { log, info } = console
      console.log = console.info = () => undefined
      try {
        await deployApp(emulator, { bundlesDir: BUNDLES, seed: true, clock })
      } finally {
        console.log = log
        console.info = info
      }
      const screens = await runScreens(emulator)
      fs.mkdirSync(path.dirname(OUT), { recursive: true })
      fs.writeFileSync(OUT, `${JSON.stringify(screens, null, 2)}\n`)
      return Object.entries(screens).flatMap(([name, figures]) => rows(name, figures))
    } finally {
      emulator.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  },
}
