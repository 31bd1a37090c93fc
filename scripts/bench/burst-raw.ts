// The yardstick of the burst bench, in a child process of its own: a plain node http server over nedb that
// signs up the same way the app does, without the framework. Same documents (the sign-up under its
// deterministic _id, written `pending` with the follow-up mark, then `confirmed` or `waitlisted`; the seat
// taken by one conditional update of the activity's counter and ledger), same writes in the same order, the
// caller from an in-memory session and the binding, and the waitlist place counted within the activity.
// Also the way NOT to do it, for contrast: count the confirmed sign-ups, then insert (`naive`).
import http from 'http'
import type { AddressInfo } from 'net'
import path from 'path'
import crypto from 'crypto'
import Datastore from '@seald-io/nedb'
import { createIds } from '../../src/server/ids'
import { benchMember, NAIVE_QUOTA, ops, serveParent } from './burst-child'

type Doc = Record<string, unknown> & { _id: string }

const UNION = 'u-syxx'

async function main(): Promise<void> {
  const dir = process.argv[2]
  const open = async (name: string) => {
    const ds = new Datastore<Doc>({
      filename: path.join(dir, `${name}.db`),
      modes: { fileMode: 0o600, dirMode: 0o700 },
    })
    await ds.loadDatabaseAsync()
    return ds
  }
  const [members, bindings, activities, signups, naive] = await Promise.all(
    ['members', 'bindings', 'activities', 'signups', 'naive'].map(open),
  )
  // The waitlist place is counted among this activity's waitlisted sign-ups (nedb uses a compound index only
  // for equality on all of its fields: here activityId + status).
  await signups.ensureIndexAsync({ fieldName: ['activityId', 'status'] })
  await naive.ensureIndexAsync({ fieldName: ['activityId', 'status'] })
  const ids = createIds()
  const sessions = new Map<string, string>()

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e)
      reply(res, 500, { ok: false, code: 'INTERNAL', message: '服务出了点问题，请稍后再试' })
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/api/api') return reply(res, 404, { ok: false })
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { action: string; data: { activityId: string } }
    const sid = /(?:^|;\s*)jg_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
    const openid = sid ? sessions.get(sid) : undefined
    const binding = openid ? await read(bindings.findOneAsync({ _id: openid })) : null
    const member = binding ? await read(members.findOneAsync({ _id: binding.memberId as string })) : null
    if (!member) return reply(res, 200, { ok: false, code: 'UNAUTHENTICATED', message: '请先绑定会员' })
    if (typeof body.data?.activityId !== 'string') return reply(res, 200, { ok: false, code: 'BAD_INPUT' })
    if (body.action === 'naive.signUp') return reply(res, 200, await naiveSignUp(body.data.activityId, member))
    reply(res, 200, await signUp(body.data.activityId, member))
  }

  async function signUp(activityId: string, member: Doc): Promise<object> {
    const a = await read(activities.findOneAsync({ _id: activityId, unionId: member.unionId as string }))
    if (!a) return { ok: false, code: 'NOT_FOUND', message: '找不到这个活动' }
    const now = new Date()
    const at = now.toISOString()
    if (a.status !== 'active' || at < (a.signupOpenAt as string) || at >= (a.signupCloseAt as string))
      return { ok: false, code: 'CONFLICT', message: '不在报名时间内' }
    const queueKey = ids.newId()
    const _id = `${a._id}_${member._id}`
    try {
      ops.writes++
      await signups.insertAsync({
        _id,
        unionId: a.unionId,
        activityId: a._id,
        memberId: member._id,
        status: 'pending',
        queueKey,
        itemIds: [],
        guests: 0,
        signedUpBy: member._id,
        signedUpAt: at,
        followUpAt: at,
        history: [{ at, status: 'pending', by: member._id }],
      })
    } catch (e) {
      if ((e as { errorType?: string }).errorType !== 'uniqueViolated') throw e
      const existing = await read(signups.findOneAsync({ _id }))
      return { ok: false, code: 'CONFLICT', message: `你已经报过名了（${String(existing?.status)}）` }
    }
    const seat = `seats.${member._id as string}`
    ops.writes++
    const held = await activities.updateAsync(
      { _id: a._id, status: 'active', [seat]: { $exists: false }, taken: { $lte: (a.quota as number) - 1 } },
      { $inc: { taken: 1 }, $set: { [seat]: { q: queueKey, n: 1, items: [] } } },
      {},
    )
    const status = held.numAffected ? 'confirmed' : 'waitlisted'
    ops.writes++
    await signups.updateAsync(
      { _id, status: 'pending', queueKey },
      {
        $set: { status, ...(status === 'confirmed' ? { confirmedAt: at } : {}) },
        $unset: { followUpAt: true, notifyPending: true },
        $push: { history: { $each: [{ at, status, by: member._id }] } },
      },
      {},
    )
    if (status === 'confirmed') return { ok: true, data: { status, message: '报名成功' } }
    const ahead = await read(
      signups.countAsync({ activityId: a._id, status: 'waitlisted', queueKey: { $lt: queueKey } }),
    )
    const message = `名额已满，已加入候补，排第${ahead + 1}位。有人取消时按顺序自动递补并通知您`
    return { ok: true, data: { status, position: ahead + 1, message } }
  }

  async function naiveSignUp(activityId: string, member: Doc): Promise<object> {
    const confirmed = await naive.countAsync({ activityId, status: 'confirmed' })
    const status = confirmed < NAIVE_QUOTA ? 'confirmed' : 'waitlisted'
    await naive.insertAsync({ _id: crypto.randomUUID(), activityId, memberId: member._id, status })
    return { ok: true, data: { status } }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  serveParent({
    async setup({ members: count }) {
      const at = new Date().toISOString()
      const cookies: Record<string, string> = {}
      for (let i = 0; i < count; i++) {
        const { id, openid } = benchMember(i)
        await members.insertAsync({
          _id: id,
          unionId: UNION,
          name: `压测${i}`,
          openid,
          status: 'active',
          roles: ['member'],
        })
        await bindings.insertAsync({ _id: openid, unionId: UNION, memberId: id, createdAt: at })
        const sid = crypto.randomBytes(32).toString('base64url')
        sessions.set(sid, openid)
        cookies[openid] = `jg_session=${sid}`
      }
      return { url, cookies }
    },

    async activity({ quota }) {
      const now = Date.now()
      const hour = (h: number) => new Date(now + h * 3600_000).toISOString()
      const at = new Date(now).toISOString()
      const _id = ids.newId()
      // The fields activities.create writes.
      await activities.insertAsync({
        _id,
        unionId: UNION,
        title: '压测活动',
        description: '',
        startAt: hour(3),
        endAt: hour(5),
        place: '操场',
        signupOpenAt: hour(-1),
        signupCloseAt: hour(2),
        audience: { kind: 'all' },
        quota,
        cancelPolicy: 'anytime',
        needsApproval: false,
        rosterPublic: true,
        maxGuests: 0,
        items: [],
        itemCap: 0,
        team: { mode: 'none', sizeMin: 0, sizeMax: 0, minWomen: 0 },
        points: [],
        taken: 0,
        itemTaken: {},
        teamTaken: {},
        results: {},
        status: 'active',
        createdBy: 'm01',
        createdAt: at,
        updatedAt: at,
      })
      return _id
    },

    async stats({ activityId }) {
      const list = await signups.findAsync({ activityId })
      const a = await activities.findOneAsync({ _id: activityId })
      const confirmed = list.filter((s) => s.status === 'confirmed').length
      const waitlisted = list.filter((s) => s.status === 'waitlisted').length
      return {
        docs: list.length,
        members: new Set(list.map((s) => s.memberId)).size,
        confirmed,
        waitlisted,
        other: list.length - confirmed - waitlisted,
        taken: typeof a?.taken === 'number' ? a.taken : -1,
        ledger: Object.keys((a?.seats as object | undefined) ?? {}).length,
      }
    },

    async naiveStats({ activityId }) {
      const list = await naive.findAsync({ activityId })
      return {
        confirmed: list.filter((s) => s.status === 'confirmed').length,
        duplicates: list.length - new Set(list.map((s) => s.memberId)).size,
      }
    },
  })
}

/** Counts a read the way the app's counter does (one store call). */
function read<T>(p: PromiseLike<T>): Promise<T> {
  ops.reads++
  return Promise.resolve(p)
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
