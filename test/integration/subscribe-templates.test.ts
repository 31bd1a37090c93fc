import { subscribeConfigFromEnv } from '../../cloudfunctions/_runtime/subscribe-config'
import { createSubscribeTemplates } from '../../cloudfunctions/_runtime/subscribe-templates'
import { DEMO, makeTestCloud, type TestCloud } from '../support/test-cloud'

/** What a deployer sets on the cloud functions (README, 部署到微信云开发 → 配置文件). */
const CONFIG = {
  activity: { id: 'act-ID', fields: { thing1: 'title', time2: 'startsAt', thing3: 'place', thing4: 'note' } },
  notice: { id: 'not-ID', fields: { thing1: 'title', name2: 'author', time3: 'publishedAt' } },
  birthday: { id: 'bir-ID', fields: { thing1: 'title', thing2: 'greeting', date3: 'date' } },
  proposal: { id: 'pro-ID', fields: { thing1: 'title', thing2: 'status', time3: 'at' } },
}
const IDS = { activity: 'act-ID', notice: 'not-ID', birthday: 'bir-ID', proposal: 'pro-ID' }

let current: TestCloud | undefined
const saved = process.env.SUBSCRIBE_TEMPLATES
afterEach(() => {
  if (saved === undefined) delete process.env.SUBSCRIBE_TEMPLATES
  else process.env.SUBSCRIBE_TEMPLATES = saved
  current?.cleanup()
  current = undefined
})

/** A cloud whose functions run with this SUBSCRIBE_TEMPLATES. */
async function cloudWith(config: unknown): Promise<TestCloud> {
  // On the emulator the built bundles read it from their environment, as on CloudBase.
  process.env.SUBSCRIBE_TEMPLATES = JSON.stringify(config)
  const cloud = await makeTestCloud()
  current = cloud
  // The local cloud has no WeChat and configures no template: stand the CloudBase adapter in for it.
  if (cloud.runtime === 'local') {
    const openapi = { subscribeMessage: { getTemplateList: async () => ({ errCode: 0, data: [] }) } }
    cloud.ports.subscribeTemplates = createSubscribeTemplates({ openapi }, subscribeConfigFromEnv(process.env))
  }
  return cloud
}

test('the template ids reach the app in the session reply it fetches at start, and nothing else of the config', async () => {
  const cloud = await cloudWith(CONFIG)
  const who = await cloud.ok(DEMO.teacher, 'session.whoami', {})
  expect(who.bound).toBe(true)
  expect(who.subscribeTemplateIds).toEqual(IDS)
  // Signed in but not yet bound: the ids come too, so the app has them the moment binding succeeds.
  expect(await cloud.ok('wx-new-phone', 'session.whoami', {})).toEqual({
    signedIn: true,
    bound: false,
    subscribeTemplateIds: IDS,
  })
  // Nobody signed in: nothing.
  expect(await cloud.ok(undefined, 'session.whoami', {})).toEqual({ signedIn: false, bound: false })
})

test('a template whose entry is wrong is not offered for consent; the others still are', async () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const cloud = await cloudWith({ ...CONFIG, proposal: { id: 'pro-ID', fields: { thing1: 'subject' } } })
  const who = await cloud.ok(DEMO.teacher, 'session.whoami', {})
  expect(who.subscribeTemplateIds).toEqual({ activity: 'act-ID', notice: 'not-ID', birthday: 'bir-ID' })
  error.mockRestore()
})
