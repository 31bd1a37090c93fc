import fs from 'fs'
import path from 'path'
import { PC } from '@/core/proposals/collections'
import type { ProposalDoc } from '@/core/proposals/model'
import { SC } from '@/core/suggestions/collections'
import type { SuggestionDoc } from '@/core/suggestions/model'
import { COLLECTIONS } from '@/server/collections'
import { SEED } from '@/server/seed/proposals'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

const LUO = 'demo-m20' // 罗佳, a teacher who writes anonymously
const ZHANG = DEMO.committee

let cloud: TestCloud
beforeEach(async () => {
  cloud = await makeTestCloud()
})
afterEach(() => cloud.cleanup())

const traces = ['罗佳', 'm20', LUO, 'T1020']

describe('合理化建议', () => {
  test('any member may suggest; an anonymous one leaves no trace of its author anywhere', async () => {
    cloud.ports.clock.set(new Date('2026-12-01T06:42:17.123Z'))
    const mine = await cloud.ok(LUO, 'suggestions.submit', {
      title: '增设教师阅览角',
      content: '建议在图书馆一角设教师阅览区，放些教育类期刊。',
      anonymous: true,
    })
    expect(mine).toMatchObject({ anonymous: true, mine: false, submittedOn: '2026-12-01', status: 'open' })
    const stored = (await cloud.ports.store.findOne<SuggestionDoc>(SC.suggestions, { _id: mine.id })) as SuggestionDoc
    // Only the day, no author fields, a random (not time-ordered) id.
    expect(Object.keys(stored).sort()).toEqual([
      '_id',
      'anonymous',
      'content',
      'status',
      'submittedOn',
      'title',
      'unionId',
    ])
    expect(stored._id).toMatch(/^[a-z0-9]{16}$/)
    const replies: unknown[] = [
      await cloud.ok(ZHANG, 'suggestions.inbox', {}),
      await cloud.ok(DEMO.chair, 'suggestions.inbox', {}),
      await cloud.ok(LUO, 'suggestions.list', {}),
    ]
    // Nothing the committee or chair receives carries the minute it came in.
    expect(JSON.stringify(replies)).not.toContain('06:42')
    cloud.ports.clock.set(new Date('2026-12-03T01:00:00Z'))
    replies.push(
      await cloud.ok(ZHANG, 'suggestions.answer', { suggestionId: mine.id, answer: '已请图书馆在二楼设教师阅览角。' }),
      await cloud.ok(DEMO.teacher, 'suggestions.list', {}),
    )
    const text = JSON.stringify(replies)
    for (const t of traces) expect(text).not.toContain(t)
    // Nothing was announced (a message's time would date it), and nothing stored names the author with it:
    // locally every line of the data files (superseded versions too), on CloudBase every document.
    const lines = (await storedLines(cloud)).filter((l) => l.includes(mine.id))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) for (const t of traces) expect(line).not.toContain(t)
    // Everyone now sees the public answer.
    expect(
      (await cloud.ok(DEMO.retired, 'suggestions.list', {})).items.find((s) => s.id === mine.id)?.answer?.text,
    ).toContain('阅览角')
  })

  test('a named suggestion shows its author to the committee only, and the author hears back', async () => {
    const s = await cloud.ok(LUO, 'suggestions.submit', {
      title: '增设教师阅览角',
      content: '建议在图书馆一角设教师阅览区，放些教育类期刊。',
      anonymous: false,
    })
    expect(s.mine).toBe(true)
    expect((await cloud.ok(ZHANG, 'suggestions.inbox', {})).items.find((x) => x.id === s.id)?.authorName).toBe('罗佳')
    expect((await cloud.ok(LUO, 'suggestions.list', {})).items.find((x) => x.id === s.id)).toMatchObject({
      mine: true,
      status: 'open',
    })
    // Open suggestions of others are not public.
    expect((await cloud.ok(DEMO.teacher, 'suggestions.list', {})).items.map((x) => x.id)).not.toContain(s.id)
    await cloud.ok(ZHANG, 'suggestions.answer', { suggestionId: s.id, answer: '已请图书馆在二楼设教师阅览角。' })
    expect(JSON.stringify(await cloud.ok(DEMO.teacher, 'suggestions.list', {}))).not.toContain('罗佳')
    const inbox = await cloud.ports.store.find<{ _id: string; title: string }>(
      'messages',
      { memberId: 'm20' },
      { limit: 10 },
    )
    expect(inbox.map((m) => m.title)).toContain('您的合理化建议有回音了')
  })

  test('the committee turns a suggestion into a draft for a delegate who adopts it', async () => {
    const draft = await cloud.ok(ZHANG, 'suggestions.convert', {
      suggestionId: SEED.suggestion,
      delegateId: 'm10',
      sessionId: SEED.currentSession,
    })
    expect(draft).toMatchObject({ status: 'draft', proposerName: '何平', title: '教学楼走廊增加座椅' })
    const mine = await cloud.ok(DEMO.groupLeader, 'proposals.mine', {})
    expect(mine.mine.map((p) => p.id)).toContain(draft.id)
    expect((await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: draft.id }))?.fromSuggestionId).toBe(
      SEED.suggestion,
    )
    expect(
      (
        await cloud.refused(ZHANG, 'suggestions.answer', {
          suggestionId: SEED.suggestion,
          answer: '再答复一次看看可以吗',
        })
      ).code,
    ).toBe('CONFLICT')
    expect(
      (
        await cloud.refused(ZHANG, 'suggestions.convert', {
          suggestionId: 'k7m2q9x4w8r3t6ya',
          delegateId: 'm17',
          sessionId: SEED.currentSession,
        })
      ).code,
    ).toBe('CONFLICT')
  })

  test('only the committee answers; flagged text is refused and nothing is written', async () => {
    expect(
      (
        await cloud.refused(DEMO.chair, 'suggestions.answer', {
          suggestionId: SEED.suggestion,
          answer: '主席直接答复可以吗',
        })
      ).code,
    ).toBe('FORBIDDEN')
    expect((await cloud.refused(DEMO.teacher, 'suggestions.inbox', {})).code).toBe('FORBIDDEN')
    const before = cloud.writes()
    const refusal = await cloud.refused(LUO, 'suggestions.submit', {
      title: '关于赌博',
      content: '有人在办公室里赌博，建议严查处理。',
      anonymous: true,
    })
    expect(refusal).toMatchObject({ code: 'CONTENT_REJECTED', message: expect.stringContaining('请修改') })
    expect(cloud.writes()).toBe(before)
  })
})

async function storedLines(cloud: TestCloud): Promise<string[]> {
  if (cloud.runtime === 'local') {
    const files = fs.readdirSync(cloud.dir).filter((f) => f.endsWith('.db'))
    return files.flatMap((f) => fs.readFileSync(path.join(cloud.dir, f), 'utf8').split('\n'))
  }
  const lists = await Promise.all(COLLECTIONS.map((c) => cloud.ports.store.find(c, {}, { limit: 1000 })))
  return lists.flat().map((doc) => JSON.stringify(doc))
}
