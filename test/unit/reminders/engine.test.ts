import type { JobCtx } from '@/core/shared/context'
import type { Notifier, OutgoingMessage, Store } from '@/core/shared/ports'
import type { ReminderSource } from '@/core/shared/reminders'
import { describeReminders, runReminders } from '@/core/reminders/engine'

/** A notifier that remembers keys, as the real one does through the `messages` _id. */
function memoryNotifier(): Notifier & { sent: string[] } {
  const sent: string[] = []
  return {
    sent,
    async send(m) {
      if (sent.includes(m.key)) return false
      sent.push(m.key)
      return true
    },
  }
}

const msg = (key: string): OutgoingMessage => ({
  key,
  unionId: 'u1',
  memberId: 'm1',
  kind: 'activity',
  title: 't',
  body: 'b',
})
const source = (name: string, keys: string[]): ReminderSource => ({ name, collect: async () => keys.map(msg) })
const ctxWith = (notifier: Notifier): JobCtx => ({
  store: {} as Store,
  clock: { now: () => new Date('2026-12-01T02:00:00Z') },
  ids: { newId: () => 'x', inviteCode: () => 'y' },
  notifier,
  contentCheck: { check: async () => null, checkImage: async () => ({ verdict: 'pass' }) },
})

test('sends each due message once across runs and sources, counting what was already sent', async () => {
  const notifier = memoryNotifier()
  const ctx = ctxWith(notifier)
  const first = await runReminders(ctx, [source('a', ['k1', 'k2']), source('b', ['k2', 'k3'])])
  expect(first).toMatchObject({ sent: 3, alreadySent: 1 })
  const second = await runReminders(ctx, [source('a', ['k1', 'k2']), source('b', ['k2', 'k3'])])
  expect(second).toMatchObject({ sent: 0, alreadySent: 4 })
  expect(describeReminders(second)).toBe('发送提醒 0 条，已发过 4 条')
})

test('the source receives the clock’s now; a throwing source is reported, not fatal', async () => {
  const seen: Date[] = []
  const watching: ReminderSource = {
    name: 'watch',
    async collect(_ctx, now) {
      seen.push(now)
      return []
    },
  }
  const failing: ReminderSource = {
    name: 'bad',
    async collect() {
      throw new Error('boom')
    },
  }
  const r = await runReminders(ctxWith(memoryNotifier()), [failing, watching])
  expect(seen[0].toISOString()).toBe('2026-12-01T02:00:00.000Z')
  expect(r.sources[0]).toMatchObject({ name: 'bad', error: 'boom' })
  expect(describeReminders(r)).toContain('出错 bad（boom）')
})
