// The app side of the burst bench, in a child process of its own: the local cloud (startLocalCloud) on a
// temp data folder, answering `POST /api/api` with real server-side sessions. Run by scripts/bench/burst.ts.
import { AC } from '../../src/core/activities/collections'
import type { ActivityDoc, SignupDoc } from '../../src/core/activities/model'
import type { ActivityDetail } from '../../src/core/activities/views'
import type { MemberDoc } from '../../src/core/members/model'
import { C } from '../../src/core/shared/collections'
import type { Store } from '../../src/core/shared/ports'
import { dispatch } from '../../src/server/dispatch'
import { Sessions } from '../../src/server/local/session'
import { startLocalCloud } from '../../src/server/local/server'
import { benchMember, ops, serveParent } from './burst-child'

const UNION = 'u-syxx'
/** The demo chair creates each round's activity. */
const CHAIR = 'demo-m01'

/** Counts the store calls the handlers make (ctx.store is this very object). */
function countCalls(store: Store): void {
  const s = store as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const name of ['find', 'findOne', 'count', 'insert', 'updateOne', 'updateMany']) {
    const inner = s[name]
    const kind = name === 'insert' || name.startsWith('update') ? 'writes' : 'reads'
    s[name] = (...args: unknown[]) => {
      ops[kind]++
      return inner(...args)
    }
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2]
  const cloud = await startLocalCloud({ dataDir: dir, port: 0, h5Dir: dir, seed: true, log: () => {} })
  const { store, clock } = cloud.ports
  countCalls(store)
  serveParent({
    async setup({ members }) {
      const at = clock.now().toISOString()
      const sessions = Sessions.forDataDir(dir)
      const cookies: Record<string, string> = {}
      for (let i = 0; i < members; i++) {
        const { id, openid } = benchMember(i)
        const member: MemberDoc = {
          _id: id,
          unionId: UNION,
          name: `压测${i}`,
          staffNo: `B${i}`,
          gender: i % 2 ? 'F' : 'M',
          phone: `136${String(i).padStart(8, '0')}`,
          birthday: '01-01',
          groupId: 'g1',
          roles: ['member'],
          status: 'active',
          inviteCode: `BENCH${i}`,
          openid,
          privacy: { hideBirthday: false, noGreetings: false },
          createdAt: at,
          updatedAt: at,
        }
        await store.insert(C.members, member)
        await store.insert(C.bindings, { _id: openid, unionId: UNION, memberId: id, createdAt: at })
        // As the dev sign-in does: the session starts with the binding it was made for.
        cookies[openid] = sessions.issue(openid, { memberId: id, boundAt: '' }).split(';')[0]
      }
      return { url: cloud.url, cookies }
    },

    async activity({ quota }) {
      const now = clock.now().getTime()
      const hour = (h: number) => new Date(now + h * 3600_000).toISOString()
      const reply = await dispatch(
        cloud.ports,
        { openid: CHAIR },
        {
          action: 'activities.create',
          data: {
            title: '压测活动',
            startAt: hour(3),
            endAt: hour(5),
            place: '操场',
            signupOpenAt: hour(-1),
            signupCloseAt: hour(2),
            audience: 'all',
            quota,
            cancelPolicy: 'anytime',
            needsApproval: false,
            rosterPublic: true,
          },
        },
      )
      if (!reply.ok) throw new Error(`activities.create failed: ${reply.message}`)
      return (reply.data as ActivityDetail).id
    },

    async stats({ activityId }) {
      const signups = await store.find<SignupDoc>(AC.signups, { activityId }, { limit: 1000 })
      const a = await store.findOne<ActivityDoc>(AC.activities, { _id: activityId })
      const confirmed = signups.filter((s) => s.status === 'confirmed').length
      const waitlisted = signups.filter((s) => s.status === 'waitlisted').length
      return {
        docs: signups.length,
        members: new Set(signups.map((s) => s.memberId)).size,
        confirmed,
        waitlisted,
        other: signups.length - confirmed - waitlisted,
        taken: a?.taken ?? -1,
        ledger: Object.keys(a?.seats ?? {}).length,
      }
    },
  })
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
