/**
 * 附件 on proposals and replies: a delegate attaches up to five photos or documents to her draft, a department
 * head attaches files to a reply; pictures go through the content check as notice pictures do; whoever may
 * see the proposal may open its files, and nobody else learns a draft's file exists.
 */
import { PC } from '@/core/proposals/collections'
import { C } from '@/core/shared/collections'
import type { ActionName } from '@/core/contract'
import { RISKY_IMAGE_MARKER } from '@/server/local/content-check'
import { demoOpenid } from '@/server/seed/demo-school'
import { SEED } from '@/server/seed/proposals'
import { PDF_SMALL, PNG_1PX } from '../support/fixtures/notices'
import { atEveryKillPoint, type KillPoint } from '../support/fault-injection'
import { startHttpCloud, type HttpCloud } from '../support/http-cloud'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

const GUO = DEMO.delegate // 郭婷, proposer of SEED.draftReady and SEED.draftFresh
const HE = demoOpenid('m10') // 何平, seconds SEED.draftReady
const XU = demoOpenid('m12') // a delegate not asked to second it
const RISKY_PNG = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.from(RISKY_IMAGE_MARKER)]).toString('base64')

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const upload = async (openid: string, name: string, contentBase64 = PDF_SMALL) =>
  cloud.ok(openid, 'proposals.uploadFile', { name, contentBase64 })
const names = async (openid: string, proposalId: string) =>
  (await cloud.ok(openid, 'proposals.files', { proposalId })).files.map((f) => f.name)

test('a delegate attaches a photo and a document to her draft; her seconder opens them; each shows name and size', async () => {
  const photo = await upload(GUO, '漏水照片.png', PNG_1PX)
  const pdf = await upload(GUO, '维修记录.pdf')
  await cloud.settleImageChecks()
  await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftReady, fileId: photo.id })
  const after = await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftReady, fileId: pdf.id })
  expect(after).toMatchObject({ canAttach: true, max: 5, replies: [] })
  expect(after.files).toEqual([
    { id: photo.id, name: '漏水照片.png', type: 'png', kind: 'image', size: photo.size, url: cloud.fileUrl(photo.id) },
    { id: pdf.id, name: '维修记录.pdf', type: 'pdf', kind: 'attachment', size: pdf.size, url: cloud.fileUrl(pdf.id) },
  ])
  // Attaching the same file again changes nothing.
  expect((await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftReady, fileId: pdf.id })).files).toHaveLength(
    2,
  )

  // The invited seconder sees and opens them, as he sees the draft itself; he may not change them.
  const his = await cloud.ok(HE, 'proposals.files', { proposalId: SEED.draftReady })
  expect(his).toMatchObject({ canAttach: false })
  expect(his.files.map((f) => f.name)).toEqual(['漏水照片.png', '维修记录.pdf'])
  expect(await cloud.ok(HE, 'proposals.fileUrl', { proposalId: SEED.draftReady, fileId: pdf.id })).toEqual({
    url: cloud.fileUrl(pdf.id),
    name: '维修记录.pdf',
    type: 'pdf',
    kind: 'attachment',
  })
  expect(await cloud.refused(HE, 'proposals.detach', { proposalId: SEED.draftReady, fileId: pdf.id })).toMatchObject({
    code: 'FORBIDDEN',
    message: '只有提案人可以添加或移除附件',
  })

  // Once submitted, every member sees them, and they can no longer change.
  await cloud.ok(GUO, 'proposals.submit', { proposalId: SEED.draftReady })
  expect(await names(DEMO.teacher, SEED.draftReady)).toEqual(['漏水照片.png', '维修记录.pdf'])
  expect((await cloud.ok(GUO, 'proposals.files', { proposalId: SEED.draftReady })).canAttach).toBe(false)
  const late = await upload(GUO, '补充.pdf')
  const refusal = await cloud.refused(GUO, 'proposals.attach', { proposalId: SEED.draftReady, fileId: late.id })
  expect(refusal).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不能再修改') })
  expect((await cloud.refused(GUO, 'proposals.detach', { proposalId: SEED.draftReady, fileId: pdf.id })).code).toBe(
    'CONFLICT',
  )
})

test('at most five files; an upload not attached counts for nothing; only one’s own uploads', async () => {
  const ids: string[] = []
  for (let i = 1; i <= 6; i++) ids.push((await upload(GUO, `材料${i}.pdf`)).id)
  for (const id of ids.slice(0, 5)) await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: id })
  const before = cloud.writes()
  expect(await cloud.refused(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: ids[5] })).toMatchObject({
    code: 'BAD_INPUT',
    message: '附件最多5个，请先移除一个',
  })
  expect(cloud.writes()).toBe(before)

  // Removing one makes room; the sixth upload, never attached, was waiting and goes on.
  await cloud.ok(GUO, 'proposals.detach', { proposalId: SEED.draftFresh, fileId: ids[1] })
  const now = await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: ids[5] })
  expect(now.files.map((f) => f.name)).toEqual(['材料1.pdf', '材料3.pdf', '材料4.pdf', '材料5.pdf', '材料6.pdf'])

  // Someone else's upload, or an id that names nothing, cannot be attached.
  const his = await upload(HE, '他的文件.pdf')
  for (const fileId of [his.id, 'no-such-file']) {
    await cloud.ok(GUO, 'proposals.detach', { proposalId: SEED.draftFresh, fileId: ids[0] })
    expect(await cloud.refused(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId })).toMatchObject({
      code: 'BAD_INPUT',
      message: '附件不存在或已失效，请重新上传',
    })
  }
  // Nor can anyone attach to a draft not theirs.
  expect((await cloud.refused(HE, 'proposals.attach', { proposalId: SEED.draftReady, fileId: his.id })).message).toBe(
    '只有提案人可以添加或移除附件',
  )
  expect(
    (await cloud.refused(DEMO.teacher, 'proposals.uploadFile', { name: 'a.pdf', contentBase64: PDF_SMALL })).code,
  ).toBe('FORBIDDEN')
})

test('a picture the content check refuses is never attached, and the delegate is told in Chinese', async () => {
  if (cloud.runtime === 'local') {
    // The local check answers at once: the upload itself is refused and nothing is recorded.
    const before = await cloud.ports.store.count(PC.files, {})
    const reply = await cloud.refused(GUO, 'proposals.uploadFile', { name: '照片.png', contentBase64: RISKY_PNG })
    expect(reply).toMatchObject({ code: 'CONTENT_REJECTED', message: '图片含有不适宜公开的内容，请换一张图片' })
    expect(await cloud.ports.store.count(PC.files, {})).toBe(before)
    expect(await names(GUO, SEED.draftReady)).toEqual([])
    return
  }
  // On CloudBase WeChat answers later: the picture waits, seen by its uploader only, then is hidden from everyone.
  const photo = await upload(GUO, '照片.png', RISKY_PNG)
  expect(photo.checking).toBe(true)
  await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftReady, fileId: photo.id })
  expect(await names(HE, SEED.draftReady)).toEqual([])
  await cloud.settleImageChecks()
  const hers = await cloud.ok(GUO, 'proposals.files', { proposalId: SEED.draftReady })
  expect(hers.files).toEqual([
    expect.objectContaining({ name: '照片.png', refused: '这张图片未通过安全检查，已经隐藏' }),
  ])
  expect(hers.files[0].url).toBeUndefined()
  expect(await names(HE, SEED.draftReady)).toEqual([])
  expect((await cloud.refused(HE, 'proposals.fileUrl', { proposalId: SEED.draftReady, fileId: photo.id })).code).toBe(
    'NOT_FOUND',
  )
  const told = await cloud.ports.store.find(C.messages, { memberId: 'm09', kind: 'imageRefused' })
  expect(told.map((m) => m.title)).toEqual(['图片未通过安全检查'])
  // A refused picture cannot be attached anywhere again.
  await cloud.ok(GUO, 'proposals.detach', { proposalId: SEED.draftReady, fileId: photo.id })
  expect(await cloud.refused(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: photo.id })).toMatchObject(
    { code: 'CONTENT_REJECTED', message: '图片「照片.png」未通过安全检查，请换一张' },
  )
})

test('no file id or address of a private draft’s attachment reaches any other member', async () => {
  const photo = await upload(GUO, '私下的照片.png', PNG_1PX)
  const pdf = await upload(GUO, '私下的文件.pdf')
  await cloud.settleImageChecks()
  for (const f of [photo, pdf]) await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: f.id })
  const secrets = [photo.id, pdf.id, '私下的']

  const others = [DEMO.teacher, DEMO.retired, HE, XU, DEMO.committee, DEMO.deptHead, DEMO.admin, DEMO.chair]
  const calls: [ActionName, Record<string, unknown>][] = [
    ['proposals.files', { proposalId: SEED.draftFresh }],
    ['proposals.fileUrl', { proposalId: SEED.draftFresh, fileId: photo.id }],
    ['proposals.fileUrl', { proposalId: SEED.draftFresh, fileId: pdf.id }],
    ['proposals.get', { proposalId: SEED.draftFresh }],
    ['proposals.board', { sessionId: SEED.currentSession }],
    ['proposals.board', {}],
    ['proposals.mine', {}],
    ['proposals.todo', {}],
  ]
  const leaks: string[] = []
  for (const openid of others)
    for (const [action, data] of calls) {
      const reply = JSON.stringify(await cloud.raw(openid, { action, data }))
      for (const s of secrets) if (reply.includes(s)) leaks.push(`${openid} ${action} ${s}`)
    }
  expect(leaks).toEqual([])
  // She herself sees both.
  expect(await names(GUO, SEED.draftFresh)).toEqual(['私下的照片.png', '私下的文件.pdf'])
})

test('a department head attaches files to a reply; the proposer and every member open them', async () => {
  const report = await upload(DEMO.deptHead, '作业量统计.pdf')
  const reply = {
    proposalId: SEED.assigned,
    method: '书面答复' as const,
    resolution: '列入计划' as const,
    text: '教务处已研究，将于下学期起统一规范各年级作业量并定期检查。',
  }
  // Someone else's upload is refused, and the reply is not written.
  const guos = await upload(GUO, '别人的.pdf')
  const before = cloud.writes()
  expect(await cloud.refused(DEMO.deptHead, 'proposals.reply', { ...reply, attachments: [guos.id] })).toMatchObject({
    code: 'BAD_INPUT',
    message: '附件不存在或已失效，请重新上传',
  })
  expect(cloud.writes()).toBe(before)

  await cloud.ok(DEMO.deptHead, 'proposals.reply', { ...reply, attachments: [report.id] })
  for (const openid of [demoOpenid('m13'), DEMO.teacher]) {
    const seen = await cloud.ok(openid, 'proposals.files', { proposalId: SEED.assigned })
    expect(seen.replies).toEqual([
      {
        at: expect.any(String),
        department: '教务处',
        files: [expect.objectContaining({ name: '作业量统计.pdf', url: cloud.fileUrl(report.id) })],
      },
    ])
    expect((await cloud.ok(openid, 'proposals.fileUrl', { proposalId: SEED.assigned, fileId: report.id })).name).toBe(
      '作业量统计.pdf',
    )
  }
})

const onEmulator = RUNTIME === 'cloudbase-emulator' ? describe : describe.skip

onEmulator('killed at any request', () => {
  /** What the draft holds after the retry: each attached id names a stored upload; the names, once each. */
  async function attachedAfterRetry(point: KillPoint) {
    const p = await cloud.ports.store.findOne<{ _id: string; attachmentIds?: string[] }>(PC.proposals, {
      _id: SEED.draftFresh,
    })
    const ids = p?.attachmentIds ?? []
    const records = await cloud.ports.store.count(PC.files, { _id: { $in: ids } })
    return { point: point.label, dangling: ids.length - records, names: await names(GUO, SEED.draftFresh) }
  }

  test('an upload cut short is uploaded again and attached once; nothing dangles or counts twice', async () => {
    const body = { action: 'proposals.uploadFile', data: { name: '照片.png', contentBase64: PNG_1PX } }
    const check = async (point: KillPoint) => {
      // The delegate, seeing no success, tries again, then attaches.
      const again = await upload(GUO, '照片.png', PNG_1PX)
      await cloud.settleImageChecks()
      await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: again.id })
      expect(await attachedAfterRetry(point)).toEqual({ point: point.label, dangling: 0, names: ['照片.png'] })
    }
    const act = (kill?: Parameters<TestCloud['callKilledAt']>[2]) =>
      kill ? cloud.callKilledAt(GUO, body, kill) : cloud.raw(GUO, body)
    expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(2)
  }, 300_000)

  test('an attach cut short is tapped again: the file is on the draft once', async () => {
    const pdf = await upload(GUO, '记录.pdf')
    const body = { action: 'proposals.attach', data: { proposalId: SEED.draftFresh, fileId: pdf.id } }
    const check = async (point: KillPoint) => {
      await cloud.ok(GUO, 'proposals.attach', { proposalId: SEED.draftFresh, fileId: pdf.id })
      expect(await attachedAfterRetry(point)).toEqual({ point: point.label, dangling: 0, names: ['记录.pdf'] })
    }
    const act = (kill?: Parameters<TestCloud['callKilledAt']>[2]) =>
      kill ? cloud.callKilledAt(GUO, body, kill) : cloud.raw(GUO, body)
    expect((await atEveryKillPoint(cloud, act, check)).length).toBeGreaterThan(2)
  }, 300_000)
})

describe('GET /files/<id> on the local cloud', () => {
  let http: HttpCloud
  beforeAll(async () => {
    http = await startHttpCloud('jg-pfiles-')
  })
  afterAll(() => http.close())

  test('a draft’s file reaches its proposer and seconder only; once submitted, every member', async () => {
    const [guo, he, hu] = await Promise.all([GUO, HE, DEMO.teacher].map((o) => http.signIn(o)))
    const pdf = await http.api<{ id: string; url: string }>(guo, 'proposals.uploadFile', {
      name: '维修记录.pdf',
      contentBase64: PDF_SMALL,
    })
    expect((await http.get(he, pdf.url)).status).toBe(404) // not attached to anything yet
    await http.api(guo, 'proposals.attach', { proposalId: SEED.draftReady, fileId: pdf.id })
    const opened = await http.get(he, pdf.url)
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await opened.arrayBuffer()).toString('base64')).toBe(PDF_SMALL)
    const outsider = await http.get(hu, pdf.url)
    expect(outsider.status).toBe(404)
    expect(await outsider.text()).toBe('找不到这个文件')
    await http.api(guo, 'proposals.submit', { proposalId: SEED.draftReady })
    expect((await http.get(hu, pdf.url)).status).toBe(200)
  })
})

test('a reply waiting for the committee’s sign-off keeps its files from the proposer until it is released', async () => {
  await cloud.ports.store.updateOne(PC.sessions, { _id: SEED.currentSession }, { $set: { replySignOff: 'committee' } })
  const report = await upload(DEMO.deptHead, '作业量统计.pdf')
  await cloud.ok(DEMO.deptHead, 'proposals.reply', {
    proposalId: SEED.assigned,
    method: '书面答复',
    resolution: '列入计划',
    text: '教务处已研究，将于下学期起统一规范各年级作业量并定期检查。',
    attachments: [report.id],
  })
  const replyFiles = async (openid: string) =>
    (await cloud.ok(openid, 'proposals.files', { proposalId: SEED.assigned })).replies.flatMap((r) =>
      r.files.map((f) => f.name),
    )
  const PROPOSER = demoOpenid('m13')
  expect(await replyFiles(PROPOSER)).toEqual([])
  expect(await replyFiles(DEMO.teacher)).toEqual([])
  expect(
    (await cloud.refused(PROPOSER, 'proposals.fileUrl', { proposalId: SEED.assigned, fileId: report.id })).code,
  ).toBe('NOT_FOUND')
  expect(await replyFiles(DEMO.committee)).toEqual(['作业量统计.pdf'])
  expect(await replyFiles(DEMO.deptHead)).toEqual(['作业量统计.pdf'])

  await cloud.ok(demoOpenid('m05'), 'proposals.signOffReply', { proposalId: SEED.assigned, approve: true, note: '' })
  expect(await replyFiles(PROPOSER)).toEqual(['作业量统计.pdf'])
})
