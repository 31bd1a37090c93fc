/**
 * 「我的建议」: an anonymous author finds their own suggestions again through the ids their phone kept, and
 * nobody else learns who wrote them; the committee is warned of words that may give the author away.
 */
import type { StoredMessageDoc } from '@/core/messages/model'
import type { SuggestionPage } from '@/core/suggestions/views'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

const LUO = 'demo-m20' // 罗佳, a teacher who writes anonymously
const traces = ['罗佳', 'm20', LUO, 'T1020']

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const anonymous = (title: string, content: string) =>
  cloud.ok(LUO, 'suggestions.submit', { title, content, anonymous: true })

describe('我的建议', () => {
  test('the anonymous author finds their own through the ids their phone kept; nobody else learns whose they are', async () => {
    const quiet = await anonymous('打印室增加一台复印机', '期末复印试卷时排队很久，建议打印室再增加一台复印机。')
    const named = await cloud.ok(LUO, 'suggestions.submit', {
      title: '增设教师阅览角',
      content: '建议在图书馆一角设教师阅览区，放些教育类期刊。',
      anonymous: false,
    })
    await cloud.ok(DEMO.committee, 'suggestions.answer', {
      suggestionId: named.id,
      answer: '已请图书馆在二楼设教师阅览角。',
    })

    // Her phone asks with what it kept: both are hers, the anonymous one still waiting.
    const first = await cloud.ok(LUO, 'suggestions.list', { kept: [quiet.id] })
    expect(first.mine?.map((s) => [s.title, s.statusLabel, s.mine])).toEqual([
      ['打印室增加一台复印机', '待答复', true],
      ['增设教师阅览角', '已答复', true],
    ])
    // Without the phone's list the server cannot tell the anonymous one is hers.
    expect((await cloud.ok(LUO, 'suggestions.list', {})).mine?.map((s) => s.id)).toEqual([named.id])
    // Once answered, it shows so in her list.
    await cloud.ok(DEMO.committee, 'suggestions.answer', { suggestionId: quiet.id, answer: '已申请增购一台复印机。' })
    expect(
      (await cloud.ok(LUO, 'suggestions.list', { kept: [quiet.id] })).mine?.find((s) => s.id === quiet.id)?.answer
        ?.text,
    ).toBe('已申请增购一台复印机。')

    // Every other role's replies: the anonymous one is there, its author nowhere.
    const others: SuggestionPage[] = []
    for (const openid of [DEMO.committee, DEMO.chair]) others.push(await cloud.ok(openid, 'suggestions.inbox', {}))
    for (const openid of [DEMO.teacher, DEMO.delegate, DEMO.groupLeader, DEMO.retired, DEMO.deptHead, DEMO.admin])
      others.push(await cloud.ok(openid, 'suggestions.list', {}))
    // Even someone who guessed the id gets the suggestion only as it is public, not whose it is.
    others.push(await cloud.ok(DEMO.teacher, 'suggestions.list', { kept: [quiet.id] }))
    // Her named one shows her name to the committee, as she chose; the anonymous one shows nothing of her, and
    // no reply carries her member id, openid or staff number at all.
    const views = others.flatMap((p) => [...p.items, ...(p.mine ?? [])]).filter((v) => v.id === quiet.id)
    expect(views.length).toBeGreaterThanOrEqual(others.length)
    for (const t of traces) expect(JSON.stringify(views)).not.toContain(t)
    for (const t of ['m20', LUO, 'T1020']) expect(JSON.stringify(others)).not.toContain(t)
  })

  test('「已答复的建议」 holds only answered or adopted ones; her waiting ones are under 「我的建议」', async () => {
    const waiting = await cloud.ok(LUO, 'suggestions.submit', {
      title: '增设教师阅览角',
      content: '建议在图书馆一角设教师阅览区，放些教育类期刊。',
      anonymous: false,
    })
    const page = await cloud.ok(LUO, 'suggestions.list', {})
    expect(page.mine?.map((s) => [s.id, s.statusLabel])).toEqual([[waiting.id, '待答复']])
    const answered = page.items.filter((s) => s.status !== 'open')
    expect(answered.length).toBeGreaterThan(0)
    expect(answered.every((s) => s.statusLabel === '已答复' || s.statusLabel === '已转为提案')).toBe(true)
  })

  test('the committee is warned of self-identifying words before an anonymous suggestion becomes a draft', async () => {
    const telling = await anonymous(
      '三年级办公室换空调',
      '我是三年级的语文老师，本人所在办公室空调坏了一个月，何平老师也反映过，有事可打13912345678。',
    )
    const plain = await anonymous('打印室增加一台复印机', '期末复印试卷时排队很久，建议打印室再增加一台复印机。')
    const inbox = (await cloud.ok(DEMO.committee, 'suggestions.inbox', {})).items
    expect(inbox.find((s) => s.id === telling.id)?.revealing).toEqual([
      '我是三年级的语文老师',
      '本人所在办公室空调坏',
      '13912345678',
      '何平',
    ])
    expect(inbox.find((s) => s.id === plain.id)?.revealing).toBeUndefined()
    // Named suggestions carry their author openly: no warning; members never see one.
    expect(inbox.find((s) => s.id === SEED.suggestion)?.revealing).toBeUndefined()
    expect(JSON.stringify(await cloud.ok(DEMO.teacher, 'suggestions.list', {}))).not.toContain('revealing')

    // Converted, the delegate is asked to reword it first, on the edit page their message opens.
    const draft = await cloud.ok(DEMO.committee, 'suggestions.convert', {
      suggestionId: telling.id,
      delegateId: 'm10',
      sessionId: SEED.currentSession,
    })
    const [message] = (
      await cloud.ports.store.find<StoredMessageDoc>('messages', { memberId: 'm10' }, { limit: 100 })
    ).filter((m) => m.title === '请您领办一条合理化建议')
    expect(message.body).toContain('原建议是匿名提出的，请先删改可能透露建议人身份的文字')
    expect(message.link).toBe(`/subpackages/proposals/edit/index?id=${draft.id}`)
    expect((await cloud.ok(demoOpenid('m10'), 'proposals.get', { proposalId: draft.id })).can.edit).toBe(true)
  })
})
