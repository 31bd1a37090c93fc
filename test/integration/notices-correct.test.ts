import { C } from '@/core/shared/collections'
import { NC } from '@/core/notices/collections'
import type { NoticeDoc } from '@/core/notices/model'
import { draft } from '../support/fixtures/notices'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const meeting = {
  title: '语文组教研活动通知',
  body: '本周三下午第三节课在三楼会议室集体备课。\n请带好教材。',
  audience: 'groups' as const,
  groupIds: ['g1'],
  confirmOptions: ['参加', '请假'],
}
const fixed = { title: '语文组教研活动通知', body: '本周三下午第三节课改在图书馆二楼集体备课。\n请带好教材。' }
const corrections = (memberId: string) =>
  cloud.ports.store.find(C.messages, { memberId, kind: 'notice', title: `【已更正】${fixed.title}` })

describe('correcting a published notice', () => {
  test('readers see the new text, their replies stay, and those who read it are told', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(meeting))
    await cloud.ok(DEMO.delegate, 'notices.respond', { noticeId: n.id, option: '参加' }) // 郭婷 read and replied

    // 郭婷 allowed one notice push (the consent dialog): WeChat holds the consent, the app a credit.
    cloud.emulator?.openapi.grantConsent(DEMO.delegate, 'tpl-notice')
    await cloud.ok(DEMO.delegate, 'messages.recordConsent', { templates: ['notice'] })
    const send = jest.spyOn(cloud.ports.notifier, 'send')
    const result = await cloud.ok(DEMO.chair, 'notices.correct', { noticeId: n.id, ...fixed, notifyReaders: true })
    // Like every notice message it also goes out as a WeChat push (template), not only to the in-app list.
    if (cloud.emulator) {
      expect(cloud.emulator.openapi.sent).toEqual([
        expect.objectContaining({
          touser: DEMO.delegate,
          templateId: 'tpl-notice',
          data: expect.objectContaining({ thing1: fixed.title, thing4: '通知内容有更正' }),
        }),
      ])
    } else {
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          memberId: 'm09',
          template: 'notice',
          templateData: expect.objectContaining({ title: fixed.title, note: '通知内容有更正' }),
        }),
      )
    }
    expect(result.notified).toBe(1)
    expect(result.correctedAt).toBeDefined()

    const seen = await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    expect(seen.paragraphs[0]).toBe('本周三下午第三节课改在图书馆二楼集体备课。')
    expect(seen.correctedAt).toBe(result.correctedAt)
    expect(seen.myResponse).toBe('参加')
    expect(await corrections('m09')).toHaveLength(1)
    // Someone in 语文组 who had not read it yet just reads the corrected text; no second message.
    expect(await corrections('m16')).toHaveLength(0)
    expect((await cloud.ok(DEMO.chair, 'notices.receipts', { noticeId: n.id })).read).toHaveLength(1)

    const stored = await cloud.ports.store.findOne<NoticeDoc>(NC.notices, { _id: n.id })
    expect(stored?.revisions).toEqual([expect.objectContaining({ title: meeting.title, body: meeting.body })])
  })

  test('without notifyReaders nobody is messaged; a second correction keeps both earlier texts', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(meeting))
    await cloud.ok(DEMO.delegate, 'notices.open', { noticeId: n.id })
    expect((await cloud.ok(DEMO.chair, 'notices.correct', { noticeId: n.id, ...fixed })).notified).toBe(0)
    expect(await corrections('m09')).toHaveLength(0)
    await cloud.ok(DEMO.admin, 'notices.correct', { noticeId: n.id, ...fixed, body: '改到周四了。' })
    const stored = await cloud.ports.store.findOne<NoticeDoc>(NC.notices, { _id: n.id })
    expect(stored?.revisions?.map((r) => r.body)).toEqual([meeting.body, fixed.body])
    expect(stored?.body).toBe('改到周四了。')
  })

  test('refused: a reader, an unchanged text, flagged words, a withdrawn notice; nothing is written', async () => {
    const n = await cloud.ok(DEMO.chair, 'notices.publish', draft(meeting))
    const before = cloud.writes()
    const byReader = await cloud.refused(DEMO.delegate, 'notices.correct', { noticeId: n.id, ...fixed })
    expect(byReader.code).toBe('FORBIDDEN')
    const unchanged = await cloud.refused(DEMO.chair, 'notices.correct', {
      noticeId: n.id,
      title: meeting.title,
      body: meeting.body,
    })
    expect(unchanged.message).toBe('标题和正文都没有改动')
    const flagged = await cloud.refused(DEMO.chair, 'notices.correct', {
      noticeId: n.id,
      ...fixed,
      body: '周末组织赌博活动',
    })
    expect(flagged.code).toBe('CONTENT_REJECTED')
    expect(cloud.writes()).toBe(before)

    await cloud.ok(DEMO.chair, 'notices.withdraw', { noticeId: n.id, reason: '时间未定' })
    const withdrawn = await cloud.refused(DEMO.chair, 'notices.correct', { noticeId: n.id, ...fixed })
    expect(withdrawn.message).toBe('这条通知已经撤回，不能再更正')
  })

  test('a 提案委员会 member may correct a 教代会 notice but not a general one', async () => {
    const general = await cloud.ok(DEMO.chair, 'notices.publish', draft(meeting))
    expect((await cloud.refused(DEMO.committee, 'notices.correct', { noticeId: general.id, ...fixed })).code).toBe(
      'FORBIDDEN',
    )
    const congress = await cloud.ok(DEMO.chair, 'notices.publish', draft({ ...meeting, category: 'congress' }))
    await cloud.ok(DEMO.committee, 'notices.correct', { noticeId: congress.id, ...fixed })
  })
})
