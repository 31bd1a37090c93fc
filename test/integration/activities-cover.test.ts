import { AC } from '@/core/activities/collections'
import type { ActivityDoc, CoverDoc } from '@/core/activities/model'
import type { Files } from '@/core/shared/ports'
import { startHttpCloud, type HttpCloud } from '../support/http-cloud'
import { activityInput } from '../support/fixtures/activities'
import { PDF_SMALL, PNG_1PX } from '../support/fixtures/notices'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

const JPG_SMALL = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]).toString(
  'base64',
)

describe('activity covers', () => {
  let cloud: TestCloud
  beforeEach(async () => {
    cloud = await makeTestCloud()
  })
  afterEach(() => cloud.cleanup())

  const upload = async (name = '封面.png', contentBase64 = PNG_1PX) => {
    const cover = await cloud.ok(DEMO.chair, 'activities.uploadCover', { name, contentBase64 })
    await cloud.settleImageChecks()
    return { id: cover.id, url: cover.url }
  }

  test('the chair uploads a cover, names it on create, and every member sees it on the page and the list', async () => {
    const cover = await upload()
    expect(cover).toEqual({ id: expect.any(String), url: cloud.fileUrl(cover.id) })
    const created = await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, { coverFileId: cover.id }))
    expect(created).toMatchObject({ coverFileId: cover.id, coverUrl: cloud.fileUrl(cover.id) })

    const seen = await cloud.ok(DEMO.teacher, 'activities.get', { activityId: created.id })
    expect(seen.coverUrl).toEqual(cloud.fileUrl(cover.id))
    const row = (await cloud.ok(DEMO.teacher, 'activities.list', {})).items.find((a) => a.id === created.id)
    expect(row?.coverUrl).toEqual(cloud.fileUrl(cover.id))

    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId: created.id })
    const mine = await cloud.ok(DEMO.teacher, 'activities.mine', {})
    expect(mine.upcoming.find((a) => a.id === created.id)?.coverUrl).toEqual(cloud.fileUrl(cover.id))
  })

  test('update replaces the cover, leaves it when not named, and an empty id takes it off', async () => {
    const first = await upload()
    const second = await upload('新封面.jpg', JPG_SMALL)
    const { id: activityId } = await cloud.ok(
      DEMO.chair,
      'activities.create',
      activityInput(cloud, { coverFileId: first.id }),
    )
    const replaced = await cloud.ok(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { coverFileId: second.id }),
    })
    expect(replaced.coverUrl).toEqual(cloud.fileUrl(second.id))
    const kept = await cloud.ok(DEMO.chair, 'activities.update', { activityId, ...activityInput(cloud) })
    expect(kept.coverFileId).toBe(second.id)
    const removed = await cloud.ok(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { coverFileId: '' }),
    })
    expect(removed.coverUrl).toBeUndefined()
    expect(removed.coverFileId).toBeUndefined()
    // The picture itself is kept: nothing a user made is deleted.
    expect(await cloud.ports.store.findOne<CoverDoc>(AC.covers, { _id: second.id })).not.toBeNull()
  })

  test('unknown ids and another union’s cover are refused in Chinese, and nothing is written', async () => {
    const foreign: CoverDoc = {
      _id: 'other-cover',
      unionId: 'u-other',
      uploaderId: 'x1',
      name: 'a.png',
      type: 'png',
      size: 10,
      storageKey: 'u-other/other-cover.png',
      uploadedAt: new Date().toISOString(),
    }
    await cloud.ports.store.insert(AC.covers, foreign)
    const before = await cloud.ports.store.count(AC.activities, {})
    for (const coverFileId of ['no-such-cover', 'other-cover']) {
      const reply = await cloud.refused(DEMO.chair, 'activities.create', activityInput(cloud, { coverFileId }))
      expect(reply).toMatchObject({ code: 'BAD_INPUT', message: '封面图片不存在或已失效，请重新上传' })
    }
    expect(await cloud.ports.store.count(AC.activities, {})).toBe(before)

    const { id: activityId } = await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud))
    const refused = await cloud.refused(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { title: '改了名字', coverFileId: 'other-cover' }),
    })
    expect(refused.code).toBe('BAD_INPUT')
    const doc = await cloud.ports.store.findOne<ActivityDoc>(AC.activities, { _id: activityId })
    expect(doc?.title).toBe('教职工乒乓球赛')
    expect(doc?.coverFileId).toBeUndefined()
  })

  test('only jpg and png pictures of at most 2 MB, checked by their bytes, and only by the chair or the office', async () => {
    const refusals: [string, string, string][] = [
      ['议程.pdf', PDF_SMALL, '封面只能是 jpg 或 png 图片'],
      ['病毒.exe', PNG_1PX, '封面只能是 jpg 或 png 图片'],
      ['假图.png', PDF_SMALL, '这个文件不是真正的png文件，请重新选择'],
      ['大图.jpg', 'A'.repeat(Math.ceil((2 * 1024 * 1024 + 3) / 3) * 4), '图片太大，请不超过2MB'],
    ]
    for (const [name, contentBase64, message] of refusals) {
      const reply = await cloud.refused(DEMO.chair, 'activities.uploadCover', { name, contentBase64 })
      expect(reply.code).toBe('BAD_INPUT')
      expect(reply.message).toBe(message)
    }
    expect(await cloud.ports.store.count(AC.covers, {})).toBe(0)
    expect(
      (await cloud.refused(DEMO.teacher, 'activities.uploadCover', { name: 'a.png', contentBase64: PNG_1PX })).code,
    ).toBe('FORBIDDEN')
    expect(
      (await cloud.ok(DEMO.admin, 'activities.uploadCover', { name: 'a.png', contentBase64: PNG_1PX })).id,
    ).toEqual(expect.any(String))
  })

  // It replaces the Files port's method; on CloudBase that port lives inside the deployed bundle, where the
  // round-trip benchmark counts the storage requests instead.
  const onLocal = RUNTIME === 'local' ? test : test.skip
  onLocal('a list asks the Files port once for all its covers, and still shows when storage fails', async () => {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const cover = await upload()
      ids.push((await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud, { coverFileId: cover.id }))).id)
    }
    const files = cloud.ports.files as Files
    const original = files.urls.bind(files)
    const calls: string[][] = []
    files.urls = async (keys) => {
      calls.push(keys)
      return original(keys)
    }
    const list = (await cloud.ok(DEMO.teacher, 'activities.list', {})).items
    expect(calls).toHaveLength(1)
    expect(calls[0]).toHaveLength(3)
    expect(list.filter((a) => ids.includes(a.id)).every((a) => a.coverUrl)).toBe(true)

    files.urls = async () => {
      throw new Error('storage down')
    }
    const bare = (await cloud.ok(DEMO.teacher, 'activities.list', {})).items
    expect(bare.filter((a) => ids.includes(a.id))).toHaveLength(3)
    expect(bare.some((a) => a.coverUrl)).toBe(false)
    files.urls = original
  })
})

describe('GET /files/<id> for an activity cover on the local cloud', () => {
  let http: HttpCloud
  beforeAll(async () => {
    http = await startHttpCloud('jg-covers-')
  })
  afterAll(() => http.close())
  const signIn = (openid: string) => http.signIn(openid)
  const api = <T>(cookie: string, action: string, data: unknown) => http.api<T>(cookie, action, data)
  const get = (cookie: string, url: string) => http.get(cookie, url)

  test('any member of the union may fetch the cover; no one signed out, and no unknown id', async () => {
    const [chair, hu, retired] = await Promise.all([DEMO.chair, DEMO.teacher, DEMO.retired].map(signIn))
    const cover = await api<{ id: string; url: string }>(chair, 'activities.uploadCover', {
      name: '运动会.png',
      contentBase64: PNG_1PX,
    })
    const reply = await get(hu, cover.url)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await reply.arrayBuffer()).toString('base64')).toBe(PNG_1PX)
    expect((await get(retired, cover.url)).status).toBe(200)
    expect((await get('', cover.url)).status).toBe(401)
    expect((await get(hu, '/files/no-such-cover')).status).toBe(404)
  })
})

describe('the activity QR code', () => {
  let cloud: TestCloud
  beforeAll(async () => {
    cloud = await makeTestCloud()
  })
  afterAll(() => cloud.cleanup())

  test('the chair gets a picture whose declared type is what its bytes are, for the activity page', async () => {
    const { id } = await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud))
    const code = await cloud.ok(DEMO.chair, 'activities.qrCode', { activityId: id })
    const bytes = Buffer.from(code.base64, 'base64')
    const actual = bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))
      ? 'image/jpeg'
      : bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        ? 'image/png'
        : 'unknown'
    expect(code.contentType).toBe(actual)
    expect(code.page).toBe(`/pages/activity/index?id=${id}`)
  })
})
