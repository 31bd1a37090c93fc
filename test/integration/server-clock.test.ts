// Pages take "today" from the server, not from the phone (issue 13 item 12): every reply carries the server's
// clock, refusals included, so a page can default a date the server will then accept.
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await makeTestCloud()
})
afterAll(() => cloud.cleanup())

type Stamped = { ok: boolean; now?: string }

test('a reply, a refusal and a malformed request all tell the server time', async () => {
  cloud.ports.clock.set(new Date('2027-03-31T16:30:00Z'))
  const ok = (await cloud.raw(DEMO.teacher, { action: 'activities.list', data: {} })) as Stamped
  const refused = (await cloud.raw('never-bound-openid', { action: 'proposals.mine', data: {} })) as Stamped
  const malformed = (await cloud.raw(DEMO.teacher, { action: 'no.such.action' })) as Stamped
  expect(ok.ok).toBe(true)
  expect(refused.ok).toBe(false)
  expect(malformed.ok).toBe(false)
  for (const reply of [ok, refused, malformed]) expect(reply.now).toBe('2027-03-31T16:30:00.000Z')
})
