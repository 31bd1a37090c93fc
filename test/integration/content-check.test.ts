import { AC } from '@/core/activities/collections'
import type { ActivityDoc } from '@/core/activities/model'
import { NC } from '@/core/notices/collections'
import { newRequestKey } from '@/core/notices/model'
import { C } from '@/core/shared/collections'
import type { ContentCheck } from '@/core/shared/ports'
import { receiveImageVerdict } from '@/server/image-checks'
import { RISKY_IMAGE_MARKER } from '@/server/local/content-check'
import { activityInput } from '../support/fixtures/activities'
import { PDF_SMALL, PNG_1PX } from '../support/fixtures/notices'
import { DEMO, makeTestCloud, RUNTIME, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

/** A word every content check refuses (the local one's list; WeChat's test strings on CloudBase). */
const RISKY = '赌博'
const CHINESE = /[\u4e00-\u9fa5]/
/** A real one-pixel PNG with the local checker's marker after its last chunk: still a PNG, refused locally. */
const RISKY_PNG = Buffer.concat([Buffer.from(PNG_1PX, 'base64'), Buffer.from(RISKY_IMAGE_MARKER)]).toString('base64')

const activityDoc = (id: string) => cloud.ports.store.findOne<ActivityDoc>(AC.activities, { _id: id })

/** Replaces the content check with one that records what it was asked and how many questions were open at once. */
function recordTexts(): { asked: string[]; mostAtOnce: () => number } {
  const base = cloud.ports.contentCheck
  const asked: string[] = []
  let open = 0
  let most = 0
  cloud.ports.contentCheck = {
    ...base,
    async check(text, openid) {
      asked.push(text)
      open += 1
      most = Math.max(most, open)
      await new Promise((resolve) => setTimeout(resolve, 5))
      open -= 1
      return base.check(text, openid)
    },
  }
  return { asked, mostAtOnce: () => most }
}

describe('words a chair publishes in an activity', () => {
  test('create: a risky title, description, place or item name is refused in Chinese and nothing is written', async () => {
    const cases: [string, Parameters<typeof activityInput>[1]][] = [
      ['title', { title: `周末${RISKY}活动` }],
      ['description', { description: `报名后一起${RISKY}` }],
      ['place', { place: `${RISKY}场` }],
      [
        'items',
        {
          quota: 0,
          items: [
            { name: '单打', quota: 0, gender: 'any' },
            { name: `${RISKY}赛`, quota: 0, gender: 'any' },
          ],
        },
      ],
    ]
    const activities = await cloud.ports.store.count(AC.activities, {})
    const before = cloud.writes()
    for (const [field, overrides] of cases) {
      const reply = await cloud.refused(DEMO.chair, 'activities.create', activityInput(cloud, overrides))
      expect({ field, code: reply.code }).toEqual({ field, code: 'CONTENT_REJECTED' })
      expect(reply.message).toMatch(CHINESE)
      expect(Object.keys(reply.fields ?? {})).toEqual([field])
    }
    expect(cloud.writes()).toBe(before)
    expect(await cloud.ports.store.count(AC.activities, {})).toBe(activities)
  })

  test('update: a risky change is refused and the activity stays exactly as it was', async () => {
    const { id: activityId } = await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud))
    const saved = await activityDoc(activityId)
    const before = cloud.writes()
    for (const overrides of [{ title: `${RISKY}大赛` }, { description: `输了要${RISKY}` }]) {
      const reply = await cloud.refused(DEMO.chair, 'activities.update', {
        activityId,
        ...activityInput(cloud, overrides),
      })
      expect(reply.code).toBe('CONTENT_REJECTED')
      expect(reply.message).toMatch(CHINESE)
    }
    expect(cloud.writes()).toBe(before)
    expect(await activityDoc(activityId)).toEqual(saved)
  })

  test('the reason for calling an activity off and a recorded score are checked too', async () => {
    const { id: activityId } = await cloud.ok(DEMO.chair, 'activities.create', activityInput(cloud))
    await cloud.ok(DEMO.teacher, 'activities.signUp', { activityId })
    // Under way (the fixture starts 2 hours on): results may be recorded, and it may still be called off.
    cloud.ports.clock.set(new Date(cloud.ports.clock.now().getTime() + 2.5 * 3600_000))
    const before = cloud.writes()
    const cancel = await cloud.refused(DEMO.chair, 'activities.cancelActivity', { activityId, reason: `改去${RISKY}` })
    expect(cancel).toMatchObject({ code: 'CONTENT_REJECTED', fields: { reason: expect.stringMatching(CHINESE) } })
    const score = await cloud.refused(DEMO.chair, 'activities.recordResult', {
      activityId,
      itemId: '',
      entrantId: 'm17',
      place: 1,
      score: `${RISKY}赢的`,
    })
    expect(score).toMatchObject({ code: 'CONTENT_REJECTED', fields: { score: expect.stringMatching(CHINESE) } })
    expect(cloud.writes()).toBe(before)
    expect(await activityDoc(activityId)).toMatchObject({ status: 'active', results: {} })
  })

  test('a 5,000-character notice is published (WeChat sees it in pieces of at most 2,500)', async () => {
    const body = '请各位老师本周五下午三点到礼堂参加全体教职工大会。\n'.repeat(200).slice(0, 5000)
    const n = await cloud.ok(DEMO.chair, 'notices.publish', {
      requestKey: newRequestKey(),
      title: '全体教职工大会',
      body,
      audience: 'all',
    })
    expect(n.paragraphs.join('')).toBe(body.replace(/\n/g, ''))
  })
})

// These replace the content check in process, which only the local runtime's dispatcher uses.
const onLocal = RUNTIME === 'local' ? describe : describe.skip

onLocal('how the activity words are checked', () => {
  test('on create every text is asked at once; on update only what changed', async () => {
    const texts = recordTexts()
    const input = activityInput(cloud, { quota: 0, items: [{ name: '单打', quota: 0, gender: 'any' }] })
    const { id: activityId, items } = await cloud.ok(DEMO.chair, 'activities.create', input)
    expect(texts.asked.sort()).toEqual([input.title, input.description, input.place, '单打'].sort())
    expect(texts.mostAtOnce()).toBe(4)

    texts.asked.length = 0
    await cloud.ok(DEMO.chair, 'activities.update', {
      activityId,
      ...input,
      place: '体育馆二楼',
      items: [
        { id: items[0].id, name: '单打', quota: 0, gender: 'any' },
        { name: '双打', quota: 0, gender: 'any' },
      ],
    })
    expect(texts.asked).toEqual(['体育馆二楼', '双打'])

    texts.asked.length = 0
    await cloud.ok(DEMO.chair, 'activities.update', { activityId, ...input, place: '体育馆二楼', items: [] })
    expect(texts.asked).toEqual([])
  })
})

onLocal('pictures: the local check answers at once', () => {
  test('a risky cover is refused in Chinese before anything is recorded', async () => {
    const before = cloud.writes()
    const reply = await cloud.refused(DEMO.chair, 'activities.uploadCover', {
      name: '封面.png',
      contentBase64: RISKY_PNG,
    })
    expect(reply).toMatchObject({ code: 'CONTENT_REJECTED', message: '图片含有不适宜公开的内容，请换一张图片' })
    expect(cloud.writes()).toBe(before)
    expect(await cloud.ports.store.count(AC.covers, {})).toBe(0)
    // The same picture without the marker goes up.
    expect(await cloud.ok(DEMO.chair, 'activities.uploadCover', { name: '封面.png', contentBase64: PNG_1PX })).toEqual({
      id: expect.any(String),
      url: expect.any(String),
    })
  })

  test('a risky notice picture is refused and nothing is recorded; documents are not pictures', async () => {
    const before = cloud.writes()
    const reply = await cloud.refused(DEMO.chair, 'notices.uploadFile', { name: '流程.png', contentBase64: RISKY_PNG })
    expect(reply.code).toBe('CONTENT_REJECTED')
    expect(reply.message).toMatch(CHINESE)
    expect(cloud.writes()).toBe(before)
    expect(await cloud.ports.store.count(NC.files, {})).toBe(0)
    const pdf = Buffer.concat([Buffer.from(PDF_SMALL, 'base64'), Buffer.from(RISKY_IMAGE_MARKER)]).toString('base64')
    expect(await cloud.ok(DEMO.chair, 'notices.uploadFile', { name: '议程.pdf', contentBase64: pdf })).toMatchObject({
      kind: 'attachment',
    })
  })
})

onLocal('pictures: WeChat answers later (mediaCheckAsync, then a push)', () => {
  /** Stands in for mediaCheckAsync: every picture is pending under a ticket of its own. */
  function checkLater(): string[] {
    const tickets: string[] = []
    const base: ContentCheck = cloud.ports.contentCheck
    cloud.ports.contentCheck = {
      check: (text, openid) => base.check(text, openid),
      async checkImage() {
        tickets.push(`trace-${tickets.length + 1}`)
        return { verdict: 'pending', ticket: tickets[tickets.length - 1] }
      },
    }
    return tickets
  }
  /** What the `push` function does with WeChat's verdict. */
  const push = (ticket: string, passed: boolean) =>
    receiveImageVerdict(
      cloud.ports,
      { ticket, passed, reason: passed ? '' : '图片可能含有色情信息' },
      async () => undefined,
    )
  const refusedMessages = () => cloud.ports.store.find(C.messages, { memberId: 'm01', kind: 'imageRefused' })

  test('a cover shows only to its uploader until it passes, then to everyone', async () => {
    const tickets = checkLater()
    const cover = await cloud.ok(DEMO.chair, 'activities.uploadCover', { name: '封面.png', contentBase64: PNG_1PX })
    expect(cover.checking).toBe(true)
    const { id: activityId } = await cloud.ok(
      DEMO.chair,
      'activities.create',
      activityInput(cloud, { coverFileId: cover.id }),
    )
    expect((await cloud.ok(DEMO.chair, 'activities.get', { activityId })).coverUrl).toBe(cover.url)
    expect((await cloud.ok(DEMO.teacher, 'activities.get', { activityId })).coverUrl).toBeUndefined()
    const row = async () => (await cloud.ok(DEMO.teacher, 'activities.list', {})).items.find((a) => a.id === activityId)
    expect((await row())?.coverUrl).toBeUndefined()

    expect(await push(tickets[0], true)).toBe(true)
    expect((await cloud.ok(DEMO.teacher, 'activities.get', { activityId })).coverUrl).toBe(cover.url)
    expect((await row())?.coverUrl).toBe(cover.url)
    expect(await refusedMessages()).toHaveLength(0)
  })

  test('a risky cover is hidden from everyone, its uploader is told once, and it cannot be used again', async () => {
    const tickets = checkLater()
    const cover = await cloud.ok(DEMO.chair, 'activities.uploadCover', { name: '运动会.png', contentBase64: PNG_1PX })
    const { id: activityId } = await cloud.ok(
      DEMO.chair,
      'activities.create',
      activityInput(cloud, { coverFileId: cover.id }),
    )

    expect(await push(tickets[0], false)).toBe(true)
    expect(await push(tickets[0], false)).toBe(true)
    expect(await push(tickets[0], true)).toBe(true) // a later verdict does not undo the first
    for (const who of [DEMO.chair, DEMO.teacher])
      expect((await cloud.ok(who, 'activities.get', { activityId })).coverUrl).toBeUndefined()
    const told = await refusedMessages()
    expect(told).toHaveLength(1)
    expect(told[0]).toMatchObject({ title: '图片未通过安全检查' })
    expect(told[0].body).toContain('「运动会.png」')
    expect(told[0].body).toContain('图片可能含有色情信息')

    const before = cloud.writes()
    const reuse = await cloud.refused(DEMO.chair, 'activities.update', {
      activityId,
      ...activityInput(cloud, { title: '新的名字', coverFileId: cover.id }),
    })
    expect(reuse).toMatchObject({ code: 'CONTENT_REJECTED', message: '封面图片未通过安全检查，请换一张' })
    expect(cloud.writes()).toBe(before)
  })

  test('a notice picture reaches readers only once it passes; a risky one never, and cannot be published', async () => {
    const tickets = checkLater()
    const upload = (name: string) => cloud.ok(DEMO.chair, 'notices.uploadFile', { name, contentBase64: PNG_1PX })
    const good = await upload('流程.png')
    const bad = await upload('海报.png')
    expect([good.checking, bad.checking]).toEqual([true, true])
    const n = await cloud.ok(DEMO.chair, 'notices.publish', {
      requestKey: newRequestKey(),
      title: '体检流程图',
      body: '请按图中流程体检。',
      audience: 'all',
      imageIds: [good.id, bad.id],
    })
    expect(n.images.map((i) => [i.id, i.checking])).toEqual([
      [good.id, true],
      [bad.id, true],
    ])
    expect((await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })).images).toEqual([])
    const link = await cloud.refused(DEMO.delegate, 'notices.fileUrl', { noticeId: n.id, fileId: good.id })
    expect(link).toMatchObject({ code: 'NOT_FOUND', message: '这张图片正在进行安全检查，通过后才能查看' })

    await push(tickets[0], true)
    await push(tickets[1], false)
    const seen = await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    expect(seen.images.map((i) => i.id)).toEqual([good.id])
    expect(seen.images[0].checking).toBeUndefined()
    expect((await cloud.ok(DEMO.chair, 'notices.open', { noticeId: n.id })).images.map((i) => i.id)).toEqual([good.id])
    expect(await cloud.refused(DEMO.chair, 'notices.fileUrl', { noticeId: n.id, fileId: bad.id })).toMatchObject({
      message: '这张图片未通过安全检查，已经隐藏',
    })
    expect(await refusedMessages()).toHaveLength(1)

    const notices = await cloud.ports.store.count(NC.notices, {})
    const again = await cloud.refused(DEMO.chair, 'notices.publish', {
      requestKey: newRequestKey(),
      title: '再发一次',
      body: '请看图。',
      audience: 'all',
      imageIds: [bad.id],
    })
    expect(again).toMatchObject({
      code: 'CONTENT_REJECTED',
      fields: { imageIds: '图片「海报.png」未通过安全检查，请换一张' },
    })
    expect(await cloud.ports.store.count(NC.notices, {})).toBe(notices)
  })

  test('a verdict for a ticket no upload holds is looked for twice more, then dropped without a write', async () => {
    checkLater()
    const waits: number[] = []
    const before = cloud.writes()
    const settled = await receiveImageVerdict(
      cloud.ports,
      { ticket: 'nobody', passed: true, reason: '' },
      async (ms) => {
        waits.push(ms)
      },
    )
    expect(settled).toBe(false)
    expect(waits).toHaveLength(2)
    expect(cloud.writes()).toBe(before)
  })
})
