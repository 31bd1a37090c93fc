import fs from 'fs'
import path from 'path'
import { NC } from '@/core/notices/collections'
import { newRequestKey } from '@/core/notices/model'
import { startHttpCloud, type HttpCloud } from '../support/http-cloud'
import { noticeWithImage, PDF_SMALL, PNG_1PX } from '../support/fixtures/notices'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

const toChinese = (extra: Record<string, unknown>) => ({
  requestKey: newRequestKey(),
  title: '语文组教研活动通知',
  body: '请按附件准备。',
  audience: 'groups' as const,
  groupIds: ['g1'],
  ...extra,
})
const PNG_BYTES = Buffer.from(PNG_1PX, 'base64').length
/** Stored file objects: the local cloud's files folder, or the emulated cloud storage's. */
const filesOnDisk = (dir: string): string[] => {
  const root = path.join(dir, RUNTIME === 'local' ? 'files' : path.join('storage', 'objects'))
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String) : []
}

describe('uploading and publishing files', () => {
  let cloud: TestCloud
  beforeEach(async () => {
    cloud = await makeTestCloud()
  })
  afterEach(() => cloud.cleanup())

  test('a picture and a PDF go up, are checked by name and bytes, and come back with their notice', async () => {
    const image = await cloud.ok(DEMO.chair, 'notices.uploadFile', { name: '流程.PNG', contentBase64: PNG_1PX })
    await cloud.settleImageChecks()
    expect(image).toMatchObject({ kind: 'image', type: 'png', size: PNG_BYTES, url: cloud.fileUrl(image.id) })
    const pdf = await cloud.ok(DEMO.chair, 'notices.uploadFile', { name: '议程.pdf', contentBase64: PDF_SMALL })
    await cloud.settleImageChecks()
    expect(pdf).toMatchObject({ kind: 'attachment', type: 'pdf' })
    const stored =
      cloud.runtime === 'local'
        ? fs.readFileSync(path.join(cloud.dir, 'files', 'u-syxx', `${image.id}.png`))
        : await storedInEmulator(cloud, image.id)
    expect(stored.toString('base64')).toBe(PNG_1PX)

    const n = await cloud.ok(
      DEMO.chair,
      'notices.publish',
      toChinese({ imageIds: [image.id], attachmentIds: [pdf.id] }),
    )
    expect(n.images).toEqual([
      { id: image.id, name: '流程.PNG', type: 'png', size: PNG_BYTES, url: cloud.fileUrl(image.id) },
    ])
    expect(n.attachments.map((a) => a.name)).toEqual(['议程.pdf'])
    const seen = await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    expect(seen.images.map((i) => i.id)).toEqual([image.id])
    expect(await cloud.ok(DEMO.delegate, 'notices.fileUrl', { noticeId: n.id, fileId: pdf.id })).toEqual({
      url: cloud.fileUrl(pdf.id),
      name: '议程.pdf',
      type: 'pdf',
      kind: 'attachment',
    })
    // A notice from before attachments existed still opens, with none.
    const plain = await cloud.ok(DEMO.chair, 'notices.publish', toChinese({}))
    expect(plain).toMatchObject({ images: [], attachments: [] })
  })

  test('wrong type, disguised content, bad base64 and oversize files are refused in Chinese, nothing kept', async () => {
    const exeAsJpg = Buffer.from('MZ\x90\x00this is not a picture').toString('base64')
    const htmlAsPdf = Buffer.from('<html><script>alert(1)</script></html>').toString('base64')
    const cases: [string, string, RegExp][] = [
      ['照片.gif', PNG_1PX, /只能上传/],
      ['程序.exe', exeAsJpg, /只能上传/],
      ['照片.jpg', exeAsJpg, /不是真正的jpg/],
      ['照片.jpg', PNG_1PX, /不是真正的jpg/],
      ['议程.pdf', htmlAsPdf, /不是真正的pdf/],
      ['表格.xlsx', PDF_SMALL, /不是真正的xlsx/],
      ['照片.png', '%%%%', /文件内容不正确/],
      ['照片.png', `${PNG_1PX}A`, /文件内容不正确/],
    ]
    const before = cloud.writes()
    for (const [name, contentBase64, message] of cases) {
      const reply = await cloud.refused(DEMO.chair, 'notices.uploadFile', { name, contentBase64 })
      expect({ name, code: reply.code, message: reply.message }).toEqual({
        name,
        code: 'BAD_INPUT',
        message: expect.stringMatching(message),
      })
    }
    const tooBig = Buffer.alloc(2 * 1024 * 1024 + 1, 0)
    Buffer.from(PNG_1PX, 'base64').copy(tooBig)
    expect(
      (
        await cloud.refused(DEMO.chair, 'notices.uploadFile', {
          name: 'a.png',
          contentBase64: tooBig.toString('base64'),
        })
      ).message,
    ).toMatch(/不超过2MB|不能超过2MB/)
    expect(cloud.writes()).toBe(before)
    expect(filesOnDisk(cloud.dir)).toEqual([])
    // Teachers cannot upload at all.
    expect(
      (await cloud.refused(DEMO.teacher, 'notices.uploadFile', { name: 'a.png', contentBase64: PNG_1PX })).code,
    ).toBe('FORBIDDEN')
  })

  test('publishing refuses unknown ids, another union’s file, a picture given as a document, and too many', async () => {
    const image = await cloud.ok(DEMO.chair, 'notices.uploadFile', { name: 'a.png', contentBase64: PNG_1PX })
    await cloud.settleImageChecks()
    await cloud.ports.store.insert(NC.files, {
      _id: 'f-other-union',
      unionId: 'u-other',
      uploaderId: 'x',
      name: 'b.png',
      type: 'png',
      kind: 'image',
      size: 69,
      storageKey: 'u-other/f-other-union.png',
      uploadedAt: '2026-12-01T00:00:00.000Z',
    })
    const before = cloud.writes()
    for (const [extra, field] of [
      [{ imageIds: ['no-such-file'] }, 'imageIds'],
      [{ imageIds: ['f-other-union'] }, 'imageIds'],
      [{ attachmentIds: [image.id] }, 'attachmentIds'],
      [{ imageIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 'imageIds'],
      [{ attachmentIds: ['a', 'b', 'c', 'd'] }, 'attachmentIds'],
    ] as const) {
      const reply = await cloud.refused(DEMO.chair, 'notices.publish', toChinese(extra))
      expect(reply.code).toBe('BAD_INPUT')
      expect(Object.keys(reply.fields ?? {})).toContain(field)
    }
    expect(cloud.writes()).toBe(before)
    // A file uploaded by another author of the same union may be used.
    const n = await cloud.ok(DEMO.admin, 'notices.publish', toChinese({ imageIds: [image.id] }))
    expect(n.images).toHaveLength(1)
  })

  test('outside the audience, after a withdrawal or for a file not in the notice: no address', async () => {
    const image = await cloud.ok(DEMO.chair, 'notices.uploadFile', { name: 'a.png', contentBase64: PNG_1PX })
    await cloud.settleImageChecks()
    const other = await cloud.ok(DEMO.chair, 'notices.uploadFile', { name: 'b.png', contentBase64: PNG_1PX })
    await cloud.settleImageChecks()
    const n = await cloud.ok(DEMO.chair, 'notices.publish', toChinese({ imageIds: [image.id] }))
    const ask = { noticeId: n.id, fileId: image.id }
    expect((await cloud.refused(DEMO.teacher, 'notices.fileUrl', ask)).code).toBe('NOT_FOUND') // 数学组
    expect((await cloud.refused(DEMO.delegate, 'notices.fileUrl', { ...ask, fileId: other.id })).code).toBe('NOT_FOUND')
    expect(await cloud.ok(DEMO.delegate, 'notices.fileUrl', ask)).toMatchObject({ kind: 'image' })
    await cloud.ok(DEMO.chair, 'notices.withdraw', { noticeId: n.id, reason: '图片有误，重新发布' })
    expect((await cloud.refused(DEMO.delegate, 'notices.fileUrl', ask)).code).toBe('NOT_FOUND')
    expect(await cloud.ok(DEMO.chair, 'notices.fileUrl', ask)).toMatchObject({ kind: 'image' })
  })

  test('fixture: a notice with a picture for everyone is readable by every member', async () => {
    const { noticeId, fileId } = await noticeWithImage(cloud)
    for (const who of [DEMO.teacher, DEMO.retired, DEMO.deptHead])
      expect((await cloud.ok(who, 'notices.fileUrl', { noticeId, fileId })).url).toEqual(cloud.fileUrl(fileId))
  })
})

describe('chosen members and withdrawing', () => {
  let cloud: TestCloud
  beforeEach(async () => {
    cloud = await makeTestCloud()
  })
  afterEach(() => cloud.cleanup())

  test('publishers get names and 小组 to pick from, nothing private; unknown people are refused', async () => {
    const choices = await cloud.ok(DEMO.committee, 'notices.recipientChoices', {})
    expect(choices.length).toBeGreaterThan(30)
    expect(choices[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      groupId: 'g1',
      groupName: '语文组',
      retired: false,
    })
    expect(JSON.stringify(choices)).not.toMatch(/1[3-9]\d{9}|phone|openid|inviteCode/)
    expect(choices.find((c) => c.id === 'm37')).toMatchObject({ retired: true, groupName: '退休组' })
    expect((await cloud.refused(DEMO.teacher, 'notices.recipientChoices', {})).code).toBe('FORBIDDEN')

    const before = cloud.writes()
    const reply = await cloud.refused(DEMO.chair, 'notices.publish', {
      requestKey: newRequestKey(),
      title: '请来工会办公室',
      body: '领取慰问品',
      audience: 'members',
      memberIds: ['m09', 'm99'],
    })
    expect(reply).toMatchObject({ code: 'BAD_INPUT', fields: { memberIds: expect.any(String) } })
    expect(cloud.writes()).toBe(before)
  })

  test('the typed withdrawal reason is kept and shown', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', toChinese({}))
    const w = await cloud.ok(DEMO.chair, 'notices.withdraw', { noticeId: n.id, reason: '时间改到下周，另行通知' })
    expect(w.withdrawn?.reason).toBe('时间改到下周，另行通知')
    expect((await cloud.refused(DEMO.chair, 'notices.withdraw', { noticeId: n.id, reason: 'x' })).code).toBe(
      'BAD_INPUT',
    )
  })
})

describe('GET /files/<id> on the local cloud', () => {
  let http: HttpCloud
  beforeAll(async () => {
    http = await startHttpCloud('jg-files-')
  })
  afterAll(() => http.close())
  const signIn = (openid: string) => http.signIn(openid)
  const api = <T>(cookie: string, action: string, data: unknown) => http.api<T>(cookie, action, data)
  const get = (cookie: string, url: string) => http.get(cookie, url)

  test('only its uploader before publishing, then only the audience (and managers), ever see the bytes', async () => {
    const [chair, guo, hu, admin] = await Promise.all([DEMO.chair, DEMO.delegate, DEMO.teacher, DEMO.admin].map(signIn))
    const image = await api<{ id: string; url: string }>(chair, 'notices.uploadFile', {
      name: '流程.png',
      contentBase64: PNG_1PX,
    })
    const preview = await get(chair, image.url)
    expect(preview.status).toBe(200)
    expect(preview.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await preview.arrayBuffer()).toString('base64')).toBe(PNG_1PX)
    expect((await get(guo, image.url)).status).toBe(404)

    await api(chair, 'notices.publish', toChinese({ imageIds: [image.id] }))
    expect((await get(guo, image.url)).status).toBe(200) // 郭婷, 语文组
    expect((await get(admin, image.url)).status).toBe(200) // the office manages every notice
    const outsider = await get(hu, image.url) // 胡军, 数学组
    expect(outsider.status).toBe(404)
    expect(await outsider.text()).toBe('找不到这个文件')
    expect((await get('', image.url)).status).toBe(401)
    expect((await get(guo, '/files/..%2f..%2fsession-secret')).status).toBe(404)
    expect((await get(guo, '/files/no-such-file')).status).toBe(404)
  })
})

/** The bytes the emulated cloud storage holds for an uploaded picture (uploads/<union>/<id>.png). */
async function storedInEmulator(cloud: TestCloud, id: string): Promise<Buffer> {
  const storage = cloud.emulator!.storage
  return (await storage.downloadFile({ fileID: storage.fileIDOf(`uploads/u-syxx/${id}.png`) })).fileContent
}
