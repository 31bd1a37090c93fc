/**
 * 合理化建议 lists a page at a time: the committee's inbox shows the waiting ones first and then the answered
 * ones, each once, and ends; a teacher's list shows the answered ones and, first, their own waiting ones.
 */
import { addDays } from '@/core/shared/shanghai-time'
import { SC } from '@/core/suggestions/collections'
import type { SuggestionDoc } from '@/core/suggestions/model'
import type { SuggestionPage } from '@/core/suggestions/views'
import { DEMO_UNION_ID } from '@/server/seed/demo-school'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
  // 60 more: over 30 days, every other one answered, every third named by 胡军 (m17).
  for (let i = 0; i < 60; i += 1) {
    const doc: SuggestionDoc = {
      _id: `sg-many-${String(i).padStart(3, '0')}`,
      unionId: DEMO_UNION_ID,
      title: `第${i}条建议`,
      content: '建议学校在这方面再多想想办法，让老师们工作更方便。',
      anonymous: i % 3 !== 0,
      submittedOn: addDays('2026-11-01', i % 30),
      status: i % 2 === 0 ? 'answered' : 'open',
    }
    if (i % 3 === 0) Object.assign(doc, { authorId: 'm17', authorName: '胡军' })
    if (doc.status === 'answered')
      doc.answer = { text: '已转有关部门办理。', at: '2026-12-01T02:00:00.000Z', byName: '张丽华' }
    await cloud.ports.store.insert(SC.suggestions, doc)
  }
})
afterAll(() => cloud.cleanup())

async function walk(action: 'suggestions.inbox' | 'suggestions.list', openid: string): Promise<SuggestionPage[]> {
  const pages = [await cloud.ok(openid, action, {})]
  for (let last = pages[0]; last.more;) {
    last = await cloud.ok(openid, action, { cursor: last.next })
    pages.push(last)
    if (pages.length > 20) throw new Error('the list never ends')
  }
  return pages
}

test("the committee's inbox: every suggestion once, the waiting ones first, newest day first, then the end", async () => {
  const all = await cloud.ports.store.find<SuggestionDoc>(SC.suggestions, {}, { limit: 1000 })
  const pages = await walk('suggestions.inbox', DEMO.committee)
  const items = pages.flatMap((p) => p.items)
  expect(pages.length).toBeGreaterThan(2)
  expect(pages.every((p) => p.items.length <= 20)).toBe(true)
  expect(items).toHaveLength(all.length)
  expect(new Set(items.map((s) => s.id)).size).toBe(all.length)
  const waiting = all.filter((s) => s.status === 'open').length
  expect(items.slice(0, waiting).every((s) => s.status === 'open')).toBe(true)
  expect(items.slice(waiting).every((s) => s.status !== 'open')).toBe(true)
  for (const part of [items.slice(0, waiting), items.slice(waiting)]) {
    const days = part.map((s) => s.submittedOn)
    expect(days).toEqual([...days].sort().reverse())
  }
  expect(pages[pages.length - 1]).toMatchObject({ more: false })
  expect(pages[pages.length - 1].next).toBeUndefined()
})

test("a teacher's list: their own waiting ones first, then every answered one once", async () => {
  const pages = await walk('suggestions.list', DEMO.teacher)
  const items = pages.flatMap((p) => p.items)
  const answered = await cloud.ports.store.count(SC.suggestions, { status: { $in: ['answered', 'converted'] } })
  const mineWaiting = await cloud.ports.store.count(SC.suggestions, { authorId: 'm17', status: 'open' })
  expect(mineWaiting).toBeGreaterThan(0)
  expect(items).toHaveLength(answered + mineWaiting)
  expect(new Set(items.map((s) => s.id)).size).toBe(items.length)
  expect(items.slice(0, mineWaiting).every((s) => s.mine && s.status === 'open')).toBe(true)
  // Someone else's waiting suggestions are not public; nor is any author's name.
  expect(items.slice(mineWaiting).every((s) => s.status !== 'open' && s.authorName === undefined)).toBe(true)
  expect((await cloud.refused(DEMO.teacher, 'suggestions.list', { cursor: 'later' })).code).toBe('BAD_INPUT')
})
