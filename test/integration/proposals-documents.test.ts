/**
 * The papers a 教代会 needs (issue 14, exports): the session's 提案汇编 and 答复汇编 for the committee and the
 * chair, and a proposal's 答复函 for whoever may read it — Word documents with what the meeting reads.
 */
import type { ProposalDoc } from '@/core/proposals/model'
import { PC } from '@/core/proposals/collections'
import { SEED } from '@/server/seed/proposals'
import { demoOpenid } from '@/server/seed/demo-school'
import { documentText } from '../support/docx'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

const COMMITTEE = demoOpenid('m03')
const PROPOSER_OF_REPLIED = demoOpenid('m09')

let cloud: TestCloud
let past: ProposalDoc[]
beforeAll(async () => {
  cloud = await makeTestCloud()
  past = await cloud.ports.store.find<ProposalDoc>(PC.proposals, { sessionId: SEED.pastSession }, { limit: 100 })
})
afterAll(() => cloud.cleanup())

test('the 提案汇编 lists every submitted proposal of the session with its text, and where a merged one went', async () => {
  const file = await cloud.ok(DEMO.chair, 'proposals.exportCompilation', {
    sessionId: SEED.pastSession,
    kind: 'proposals',
  })
  expect(file.fileName).toBe('五届四次教代会提案汇编.docx')
  const text = documentText(file.contentBase64)
  expect(text[0]).toBe('五届四次教代会提案汇编')
  const listed = past.filter((p) => p.code && p.status !== 'withdrawn')
  expect(text[1]).toMatch(new RegExp(`^共${listed.length}件`))
  for (const p of listed) {
    expect(text).toContain(`${p.code}号\u3000${p.title}`)
    // The reasons as the delegate wrote them, paragraph by paragraph.
    for (const line of p.reasons.split('\n').filter((l) => l.trim())) expect(text).toContain(line.trim())
  }
  const merged = past.find((p) => p.mergedInto) as ProposalDoc
  const main = past.find((p) => p._id === merged.mergedInto) as ProposalDoc
  expect(text).toContain(`并入${main.code}号提案办理`)
  // No phone number of anyone reaches a paper that goes round the meeting.
  expect(text.join('\n')).not.toMatch(/1\d{10}/)
})

test('the 答复汇编 carries every reply with its department, method and resolution, and the rating', async () => {
  const file = await cloud.ok(COMMITTEE, 'proposals.exportCompilation', {
    sessionId: SEED.pastSession,
    kind: 'replies',
  })
  const text = documentText(file.contentBase64)
  expect(text[0]).toBe('五届四次教代会提案答复汇编')
  const answered = past.filter((p) => p.replies.length > 0)
  expect(answered.length).toBeGreaterThan(0)
  for (const p of answered) {
    expect(text).toContain(`${p.code}号\u3000${p.title}`)
    for (const r of p.replies) {
      expect(text).toContain(r.resolution)
      expect(text).toContain(r.text.split('\n')[0].trim())
    }
  }
  const rated = answered.find((p) => p.ratings.length > 0) as ProposalDoc
  expect(text).toContain(
    `代表评价：${rated.ratings[rated.ratings.length - 1].rating}${rated.ratings.at(-1)?.comment ? `（${rated.ratings.at(-1)?.comment}）` : ''}`,
  )
})

test('a 答复函 is addressed to the proposer and carries the latest reply; none before a reply', async () => {
  const replied = (await cloud.ports.store.findOne<ProposalDoc>(PC.proposals, { _id: SEED.replied })) as ProposalDoc
  const file = await cloud.ok(PROPOSER_OF_REPLIED, 'proposals.replyLetter', { proposalId: SEED.replied })
  const text = documentText(file.contentBase64)
  expect(text[0]).toBe(`关于第${replied.code}号提案的答复`)
  expect(text[1]).toBe(`${replied.proposerName}代表：`)
  const reply = replied.replies[replied.replies.length - 1]
  expect(text).toContain(reply.text.split('\n')[0].trim())
  expect(text).toContain(`解决程度：${reply.resolution}。`)
  expect(text).toContain(reply.department)

  const refusal = await cloud.refused(PROPOSER_OF_REPLIED, 'proposals.replyLetter', { proposalId: SEED.submitted })
  expect(refusal).toMatchObject({ code: 'CONFLICT', message: '这份提案还没有答复，答复后才能打印答复函' })
  // Another delegate's draft stays hers: no letter, not even its existence.
  expect((await cloud.refused(DEMO.teacher, 'proposals.replyLetter', { proposalId: SEED.draftFresh })).code).toBe(
    'NOT_FOUND',
  )
})
