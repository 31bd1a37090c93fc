/**
 * The emulated open APIs: every rule refuses what WeChat refuses (with WeChat's errcode, thrown as
 * wx-server-sdk throws it) and accepts what WeChat accepts.
 */
import * as fs from 'fs'
import * as os from 'os'
import * as path from 'path'
import { inflateSync } from 'zlib'
import { createOpenapi, type OpenapiOptions, type SubscribeTemplate } from '../../../emulator/cloudbase/openapi'
import { createStorage } from '../../../emulator/cloudbase/storage'

const PAGES = ['pages/index/index', 'pages/activities/detail/index', 'subpackages/notices/detail/index']

const ACTIVITY: SubscribeTemplate = {
  priTmplId: 'tmpl-activity',
  title: '活动提醒',
  content: '活动名称:{{thing1.DATA}}\n开始时间:{{time2.DATA}}\n活动地点:{{thing3.DATA}}\n',
  example: '活动名称:教工羽毛球赛\n开始时间:2026年12月3日 14:30\n活动地点:体育馆\n',
  type: 2,
}
const LONG_TERM: SubscribeTemplate = {
  priTmplId: 'tmpl-long',
  title: '通知提醒',
  content: '通知标题:{{thing1.DATA}}\n',
  example: '通知标题:期末工作安排\n',
  type: 3,
}
const ENUMS: SubscribeTemplate = {
  priTmplId: 'tmpl-enum',
  title: '洗衣机故障提醒',
  content: '所在位置:{{enum_string2.DATA}}\n',
  example: '所在位置:客厅\n',
  type: 2,
  keywordEnumValueList: [{ keywordCode: 'enum_string2.DATA', enumValueList: ['客厅', '卧室'] }],
}
const TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
]
/** One single-keyword template per type: `t-thing` holds {{thing1.DATA}}, and so on. */
const PER_TYPE: SubscribeTemplate[] = TYPES.map((type) => ({
  priTmplId: `t-${type}`,
  title: type,
  content: `值:{{${type}1.DATA}}`,
  example: '值:…',
  type: 2,
}))

function make(extra: Partial<OpenapiOptions> = {}) {
  return createOpenapi({ templates: [ACTIVITY, LONG_TERM, ENUMS, ...PER_TYPE], pages: PAGES, ...extra })
}

const GOOD_ACTIVITY = {
  thing1: { value: '教工羽毛球赛' },
  time2: { value: '2026年12月3日 14:30' },
  thing3: { value: '体育馆' },
}

/** Awaits a refusal and returns it, checking the wx-server-sdk shape on the way. */
async function refusal(call: Promise<unknown>, api: string, errCode: number): Promise<Error & { errMsg: string }> {
  let caught: unknown
  try {
    await call
  } catch (e) {
    caught = e
  }
  if (!(caught instanceof Error)) throw new Error(`expected openapi.${api} to be refused with ${errCode}`)
  const e = caught as Error & { errCode: number; errMsg: string }
  expect(e.errCode).toBe(errCode)
  expect(e.errMsg).toMatch(
    new RegExp(`^openapi\\.${api.replace('.', '\\.')}:fail .+ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`),
  )
  expect(e.message).toBe(`errCode: ${errCode}  | errMsg: ${e.errMsg}`)
  return e
}

describe('the emulated cloud.openapi', () => {
  it('lists only the API namespaces as its own properties, so it can stand in for cloud.openapi', () => {
    expect(Object.keys(make())).toEqual(['subscribeMessage', 'security', 'wxacode'])
  })

  it('refuses a template library it cannot check', () => {
    const bad = { ...ACTIVITY, priTmplId: 'x', content: '备注:{{short_thing1.DATA}}' }
    expect(() => createOpenapi({ templates: [bad], pages: PAGES })).toThrow(/short_thing1/)
    expect(() => createOpenapi({ templates: [ENUMS], pages: PAGES })).not.toThrow()
    const noList = { ...ENUMS, keywordEnumValueList: undefined }
    expect(() => createOpenapi({ templates: [noList], pages: PAGES })).toThrow(/enum_string2/)
  })
})

describe('subscribeMessage.send', () => {
  it('sends with a consent, records the message and returns msgid', async () => {
    const api = make()
    api.grantConsent('o-teacher', 'tmpl-activity')
    const res = await api.subscribeMessage.send({
      touser: 'o-teacher',
      templateId: 'tmpl-activity',
      page: 'pages/activities/detail/index?id=a1',
      data: GOOD_ACTIVITY,
    })
    expect(res).toEqual({ msgid: expect.any(Number), errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 })
    expect(api.sent).toEqual([
      {
        touser: 'o-teacher',
        templateId: 'tmpl-activity',
        page: 'pages/activities/detail/index?id=a1',
        data: { thing1: '教工羽毛球赛', time2: '2026年12月3日 14:30', thing3: '体育馆' },
        miniprogramState: 'formal',
        lang: 'zh_CN',
        msgid: res.msgid,
      },
    ])
  })

  it('reads snake_case params too, as the SDK converts camelCase to them', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-activity')
    await api.subscribeMessage.send({ touser: 'o1', template_id: 'tmpl-activity', data: GOOD_ACTIVITY })
    expect(api.sent).toHaveLength(1)
  })

  it('refuses an unknown template with 40037 and an empty touser with 40003', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-activity')
    const e = await refusal(
      api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-nope', data: GOOD_ACTIVITY }),
      'subscribeMessage.send',
      40037,
    )
    expect(e.errMsg).toContain('invalid template_id')
    await refusal(
      api.subscribeMessage.send({ touser: '', templateId: 'tmpl-activity', data: GOOD_ACTIVITY }),
      'subscribeMessage.send',
      40003,
    )
    expect(api.failures.map((f) => f.errCode)).toEqual([40037, 40003])
    expect(api.failures[0].api).toBe('subscribeMessage.send')
  })

  it('needs one consent per send of a one-time template (43101 without)', async () => {
    const api = make()
    const send = () => api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-activity', data: GOOD_ACTIVITY })
    const e = await refusal(send(), 'subscribeMessage.send', 43101)
    expect(e.errMsg).toContain('user refuse to accept the msg')
    api.grantConsent('o1', 'tmpl-activity', 2)
    await send()
    expect(api.consentsLeft('o1', 'tmpl-activity')).toBe(1)
    await send()
    await refusal(send(), 'subscribeMessage.send', 43101)
    // Consent belongs to one user and one template.
    api.grantConsent('o2', 'tmpl-activity')
    await refusal(send(), 'subscribeMessage.send', 43101)
    expect(api.sent).toHaveLength(2)
  })

  it('keeps a long-term template (type 3) consent after a send', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-long')
    for (let i = 0; i < 3; i++)
      await api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-long', data: { thing1: { value: '通知' } } })
    expect(api.consentsLeft('o1', 'tmpl-long')).toBe(1)
  })

  it('does not use up a consent when the send is refused', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-activity')
    await refusal(
      api.subscribeMessage.send({
        touser: 'o1',
        templateId: 'tmpl-activity',
        data: { ...GOOD_ACTIVITY, time2: { value: '明天' } },
      }),
      'subscribeMessage.send',
      47003,
    )
    expect(api.consentsLeft('o1', 'tmpl-activity')).toBe(1)
    await api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-activity', data: GOOD_ACTIVITY })
    expect(api.consentsLeft('o1', 'tmpl-activity')).toBe(0)
  })

  it('refuses grants for a template that is not in the library', () => {
    expect(() => make().grantConsent('o1', 'tmpl-nope')).toThrow(/tmpl-nope/)
    expect(() => make().grantConsent('o1', 'tmpl-activity', 0)).toThrow()
  })

  it('needs exactly the template keywords, each non-empty (47003)', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-activity', 5)
    const send = (data: unknown) => api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-activity', data })
    const { thing3: _omit, ...missing } = GOOD_ACTIVITY
    expect((await refusal(send(missing), 'subscribeMessage.send', 47003)).errMsg).toContain(
      'data.thing3.value is empty',
    )
    const extra = { ...GOOD_ACTIVITY, thing9: { value: '多余' } }
    expect((await refusal(send(extra), 'subscribeMessage.send', 47003)).errMsg).toContain('data.thing9')
    const blank = { ...GOOD_ACTIVITY, thing1: { value: '  ' } }
    expect((await refusal(send(blank), 'subscribeMessage.send', 47003)).errMsg).toContain('data.thing1.value is empty')
    const bare = { ...GOOD_ACTIVITY, thing1: '教工羽毛球赛' }
    await refusal(send(bare), 'subscribeMessage.send', 47003)
    await send(GOOD_ACTIVITY)
    expect(api.sent).toHaveLength(1)
  })

  /** [type, value, accepted] — each rule once on each side. */
  const VALUES: [string, string, boolean][] = [
    ['thing', '教工之家12月活动 A-1', true],
    ['thing', '一'.repeat(20), true],
    ['thing', '一'.repeat(21), false],
    ['thing', 'a\nb', false],
    ['number', '3.14', true],
    ['number', '9'.repeat(32), true],
    ['number', '9'.repeat(33), false],
    ['number', '-1', false],
    ['number', '12a', false],
    ['letter', 'abcXYZ', true],
    ['letter', 'a'.repeat(32), true],
    ['letter', 'a'.repeat(33), false],
    ['letter', 'abc1', false],
    ['symbol', '!@#￥…', true],
    ['symbol', '!'.repeat(6), false],
    ['symbol', 'a!', false],
    ['character_string', 'ORDER-2026_001', true],
    ['character_string', 'x'.repeat(32), true],
    ['character_string', 'x'.repeat(33), false],
    ['character_string', '订单1', false],
    ['character_string', 'a b', false],
    ['time', '15:01', true],
    ['time', '9:05', true],
    ['time', '2019年10月1日 15:01', true],
    ['time', '2026-12-03 14:30', true],
    ['time', '2021年10月21日 12:00:00', true],
    ['time', '2021年12月10日 18:00~19:00', true],
    ['time', '2019年10月1日', false],
    ['time', '25:00', false],
    ['time', '15:60', false],
    ['time', '2019年2月30日 10:00', false],
    ['time', '15:01~', false],
    ['time', '明天下午', false],
    ['date', '2019年10月1日', true],
    ['date', '2019年10月1日 15:01', true],
    ['date', '2019-12-25 09:42', true],
    ['date', '2026年12月3日~2026年12月5日', true],
    ['date', '15:01', false],
    ['date', '2019/10/01', false],
    ['date', '2019年13月1日', false],
    ['date', '12月3日', false],
    ['amount', '¥99.00', true],
    ['amount', '99.5元', true],
    ['amount', '￥1234567890', true],
    ['amount', '100', true],
    ['amount', '¥12345678901', false],
    ['amount', '$$1', false],
    ['amount', '1,000', false],
    ['phone_number', '+86-0766-66888866', true],
    ['phone_number', '13800138000', true],
    ['phone_number', '1'.repeat(18), false],
    ['phone_number', 'tel:123', false],
    ['car_number', '粤A8Z888挂', true],
    ['car_number', '粤AD12345', true],
    ['car_number', '粤AD123456', false],
    ['car_number', 'A粤B123', false],
    ['name', '张三', true],
    ['name', '欧'.repeat(10), true],
    ['name', 'Niya', true],
    ['name', 'John Smith', true],
    ['name', '张San', true],
    ['name', '欧'.repeat(11), false],
    ['name', 'a'.repeat(21), false],
    ['name', '张三1', false],
    ['name', 'John3', false],
    ['phrase', '配送中', true],
    ['phrase', '一二三四五', true],
    ['phrase', '一二三四五六', false],
    ['phrase', 'aaa', false],
    ['phrase', '已通过!', false],
  ]

  it.each(VALUES)('%s %p → accepted: %p', async (type, value, accepted) => {
    const api = make()
    api.grantConsent('o1', `t-${type}`)
    const send = api.subscribeMessage.send({
      touser: 'o1',
      templateId: `t-${type}`,
      data: { [`${type}1`]: { value } },
    })
    if (accepted) await expect(send).resolves.toMatchObject({ errCode: 0 })
    else expect((await refusal(send, 'subscribeMessage.send', 47003)).errMsg).toContain(`data.${type}1.value invalid`)
  })

  it('takes a number value as its text, as WeChat reads JSON numbers', async () => {
    const api = make()
    api.grantConsent('o1', 't-number')
    await api.subscribeMessage.send({ touser: 'o1', templateId: 't-number', data: { number1: { value: 42 } } })
    expect(api.sent[0].data).toEqual({ number1: '42' })
  })

  it('accepts only the enum values of an enum keyword', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-enum', 2)
    const send = (value: string) =>
      api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-enum', data: { enum_string2: { value } } })
    await send('客厅')
    await refusal(send('阳台'), 'subscribeMessage.send', 47003)
  })

  it('accepts a page of the app, with a leading / or a query, and refuses others with 41030', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-activity', 10)
    const send = (page: unknown) =>
      api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-activity', page, data: GOOD_ACTIVITY })
    await send('pages/index/index')
    await send('/subpackages/notices/detail/index?id=n1&from=push')
    await send(undefined)
    expect((await refusal(send('pages/nope/index'), 'subscribeMessage.send', 41030)).errMsg).toContain('invalid page')
    await refusal(send('index'), 'subscribeMessage.send', 41030)
    await refusal(send(7), 'subscribeMessage.send', 41030)
    expect(api.sent.map((m) => m.page)).toEqual([
      'pages/index/index',
      '/subpackages/notices/detail/index?id=n1&from=push',
      undefined,
    ])
  })

  it('accepts the documented miniprogram_state and lang values only', async () => {
    const api = make()
    api.grantConsent('o1', 'tmpl-activity', 10)
    const send = (extra: Record<string, unknown>) =>
      api.subscribeMessage.send({ touser: 'o1', templateId: 'tmpl-activity', data: GOOD_ACTIVITY, ...extra })
    await send({ miniprogramState: 'developer', lang: 'en_US' })
    await send({ miniprogram_state: 'trial', lang: 'zh_TW' })
    await refusal(send({ miniprogramState: 'dev' }), 'subscribeMessage.send', 47003)
    await refusal(send({ lang: 'fr_FR' }), 'subscribeMessage.send', 47003)
    expect(api.sent.map((m) => [m.miniprogramState, m.lang])).toEqual([
      ['developer', 'en_US'],
      ['trial', 'zh_TW'],
    ])
  })
})

describe('subscribeMessage.getTemplateList', () => {
  it('returns the library as WeChat lists it, and a copy', async () => {
    const api = createOpenapi({ templates: [ACTIVITY, ENUMS], pages: PAGES })
    const res = await api.subscribeMessage.getTemplateList()
    expect(res).toEqual({ data: [ACTIVITY, ENUMS], errMsg: 'openapi.subscribeMessage.getTemplateList:ok', errCode: 0 })
    res.data[0].title = 'changed'
    expect((await api.subscribeMessage.getTemplateList()).data[0].title).toBe('活动提醒')
  })
})

describe('security.msgSecCheck', () => {
  const check = (api: ReturnType<typeof make>, params: Record<string, unknown>) =>
    api.security.msgSecCheck({ openid: 'o1', scene: 2, version: 2, content: '周五下午羽毛球赛', ...params })

  it('passes ordinary text with suggest pass, label 100 and a trace id', async () => {
    const res = await check(make(), {})
    expect(res).toMatchObject({
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
      result: { suggest: 'pass', label: 100 },
    })
    expect(res.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
    expect(res.detail?.map((d) => d.strategy)).toEqual(['keyword', 'content_model'])
  })

  it('flags the configured risky words, in content or title', async () => {
    const api = make()
    const res = await check(api, { content: '这里有违规测试词' })
    expect(res.result).toEqual({ suggest: 'risky', label: 20001 })
    expect(res.detail?.[0]).toMatchObject({ strategy: 'keyword', suggest: 'risky', keyword: '违规测试词' })
    expect((await check(api, { title: '风险测试词' })).result?.suggest).toBe('risky')
    const custom = make({ riskyWords: ['不宜'] })
    expect((await check(custom, { content: '不宜公开' })).result?.suggest).toBe('risky')
    expect((await check(custom, { content: '违规测试词' })).result?.suggest).toBe('pass')
  })

  it('needs an openid (40003), a scene 1–4 (40129) and content (44002) in version 2', async () => {
    const api = make()
    await refusal(check(api, { openid: '' }), 'security.msgSecCheck', 40003)
    await refusal(check(api, { scene: 0 }), 'security.msgSecCheck', 40129)
    await refusal(check(api, { scene: 5 }), 'security.msgSecCheck', 40129)
    await refusal(check(api, { scene: '2' }), 'security.msgSecCheck', 40129)
    for (const scene of [1, 2, 3, 4]) await check(api, { scene })
    await refusal(check(api, { content: '' }), 'security.msgSecCheck', 44002)
  })

  it('takes at most 2,500 characters, counted as characters, not bytes or UTF-16 units', async () => {
    const api = make()
    await check(api, { content: 'a'.repeat(2500) })
    await check(api, { content: '字'.repeat(2500) })
    await check(api, { content: '😀'.repeat(2500) })
    await refusal(check(api, { content: '字'.repeat(2501) }), 'security.msgSecCheck', 47001)
    expect(api.msgSecCheckStats).toEqual({ calls: 4, longestContent: 2501 })
  })

  it('answers as version 1 without version 2: no result, 87014 when risky', async () => {
    const api = make()
    const res = await api.security.msgSecCheck({ content: '周五下午羽毛球赛' })
    expect(res).toEqual({ errMsg: 'openapi.security.msgSecCheck:ok', errCode: 0 })
    const e = await refusal(api.security.msgSecCheck({ content: '违规测试词' }), 'security.msgSecCheck', 87014)
    expect(e.errMsg).toContain('risky content')
  })
})

/** A PNG header claiming width × height (enough for the size check; the bytes after IHDR do not matter). */
function pngHeader(width: number, height: number, extra = Buffer.alloc(0)): Buffer {
  const b = Buffer.alloc(33)
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b)
  b.writeUInt32BE(13, 8)
  b.write('IHDR', 12, 'latin1')
  b.writeUInt32BE(width, 16)
  b.writeUInt32BE(height, 20)
  return Buffer.concat([b, extra])
}

describe('security.imgSecCheck (1.0)', () => {
  const check = (api: ReturnType<typeof make>, media: unknown) => api.security.imgSecCheck({ media })

  it('passes a small image and refuses a risky one with 87014', async () => {
    const api = make()
    expect(await check(api, { contentType: 'image/png', value: pngHeader(100, 100) })).toEqual({
      errMsg: 'openapi.security.imgSecCheck:ok',
      errCode: 0,
    })
    const risky = pngHeader(100, 100, Buffer.from('EMULATOR-RISKY-IMAGE'))
    expect(
      (await refusal(check(api, { contentType: 'image/png', value: risky }), 'security.imgSecCheck', 87014)).errMsg,
    ).toContain('risky content')
  })

  it('takes at most 1M and 750 × 1334 px (40006)', async () => {
    const api = make()
    await check(api, { contentType: 'image/png', value: pngHeader(750, 1334) })
    await refusal(check(api, { contentType: 'image/png', value: pngHeader(751, 100) }), 'security.imgSecCheck', 40006)
    await refusal(check(api, { contentType: 'image/png', value: pngHeader(100, 1335) }), 'security.imgSecCheck', 40006)
    const big = pngHeader(100, 100, Buffer.alloc(1024 * 1024))
    await refusal(check(api, { contentType: 'image/png', value: big }), 'security.imgSecCheck', 40006)
    await check(api, { contentType: 'image/jpeg', value: Buffer.alloc(1024 * 1024) })
  })

  it('takes PNG, JPEG and GIF only (40004) and needs the media (41005)', async () => {
    const api = make()
    for (const contentType of ['image/jpeg', 'image/jpg', 'image/gif'])
      await check(api, { contentType, value: Buffer.from('x') })
    await refusal(check(api, { contentType: 'image/webp', value: Buffer.from('x') }), 'security.imgSecCheck', 40004)
    await refusal(check(api, undefined), 'security.imgSecCheck', 41005)
    await refusal(check(api, { contentType: 'image/png', value: 'not a buffer' }), 'security.imgSecCheck', 41005)
  })
})

describe('security.mediaCheckAsync (2.0)', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jg-openapi-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  /** Storage and open APIs wired as WeChat sees them: the checker downloads temporary links. */
  async function setup() {
    const storage = createStorage({ dir })
    const api = make({ fetchMedia: (url) => storage.readTempFileURL(url), appid: 'wxapp', username: 'gh_app' })
    const link = async (cloudPath: string, bytes: Buffer) => {
      const { fileID } = await storage.uploadFile({ cloudPath, fileContent: bytes })
      return (await storage.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })).fileList[0].tempFileURL
    }
    return { storage, api, link }
  }
  const params = (mediaUrl: string, extra: Record<string, unknown> = {}) => ({
    mediaUrl,
    mediaType: 2,
    version: 2,
    openid: 'o1',
    scene: 3,
    ...extra,
  })

  it('returns a trace id at once and pushes the verdict later as a wxa_media_check event', async () => {
    const { api, link } = await setup()
    const clean = await link('uploads/u1/a.png', pngHeader(10, 10))
    const risky = await link('uploads/u1/b.png', pngHeader(10, 10, Buffer.from('EMULATOR-RISKY-IMAGE')))
    const first = await api.security.mediaCheckAsync(params(clean))
    expect(first).toEqual({
      traceId: expect.stringMatching(/^[0-9a-f-]{26}$/),
      errMsg: 'openapi.security.mediaCheckAsync:ok',
      errCode: 0,
    })
    const second = await api.security.mediaCheckAsync(params(risky))
    expect(api.pendingMediaChecks).toBe(2)
    const events = await api.deliverMediaCheckResults()
    expect(api.pendingMediaChecks).toBe(0)
    expect(events[0]).toEqual({
      ToUserName: 'gh_app',
      FromUserName: 'o1',
      CreateTime: expect.any(Number),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wxapp',
      trace_id: first.traceId,
      version: 2,
      result: { suggest: 'pass', label: '100' },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: '100', prob: 90 }],
    })
    expect(events[1]).toMatchObject({ trace_id: second.traceId, result: { suggest: 'risky', label: '20002' } })
    expect(await api.deliverMediaCheckResults()).toEqual([])
  })

  it('pushes "review" when WeChat cannot download the media (cloud:// IDs, dead links) or it is over 10M', async () => {
    const { api, storage, link } = await setup()
    const { fileID } = await storage.uploadFile({ cloudPath: 'uploads/c.png', fileContent: pngHeader(1, 1) })
    await api.security.mediaCheckAsync(params(fileID))
    await api.security.mediaCheckAsync(params(`${await link('uploads/d.png', pngHeader(1, 1))}x`))
    await api.security.mediaCheckAsync(params(await link('uploads/big.png', Buffer.alloc(10 * 1024 * 1024 + 1))))
    await api.security.mediaCheckAsync(params(await link('uploads/ok.png', Buffer.alloc(10 * 1024 * 1024))))
    const events = await api.deliverMediaCheckResults()
    expect(events.map((e) => [e.result.suggest, e.detail[0].errcode])).toEqual([
      ['review', -1008],
      ['review', -1008],
      ['review', 40006],
      ['pass', 0],
    ])
  })

  it('downloads only http(s) links, whatever else could be read', async () => {
    const api = make({ fetchMedia: () => pngHeader(1, 1) })
    await api.security.mediaCheckAsync(params('cloud://cloud1-abc.636c-cloud1-abc-1300000000/a.png'))
    await api.security.mediaCheckAsync(params('https://example.invalid/a.png'))
    const events = await api.deliverMediaCheckResults()
    expect(events.map((e) => e.result.suggest)).toEqual(['review', 'pass'])
  })

  it('refuses requests without the version-2 fields', async () => {
    const { api } = await setup()
    const url = 'https://example.invalid/a.png'
    await refusal(api.security.mediaCheckAsync(params('')), 'security.mediaCheckAsync', 44002)
    await refusal(api.security.mediaCheckAsync(params(url, { mediaType: 3 })), 'security.mediaCheckAsync', 40004)
    await refusal(api.security.mediaCheckAsync(params(url, { version: undefined })), 'security.mediaCheckAsync', 47001)
    await refusal(api.security.mediaCheckAsync(params(url, { openid: '' })), 'security.mediaCheckAsync', 40003)
    await refusal(api.security.mediaCheckAsync(params(url, { scene: 5 })), 'security.mediaCheckAsync', 40129)
    await api.security.mediaCheckAsync(params(url, { mediaType: 1, scene: 1 }))
    expect(api.pendingMediaChecks).toBe(1)
  })
})

/** Width and height of a baseline JPEG, from its SOF0 segment. */
function jpegSize(b: Buffer): [number, number] {
  const at = b.indexOf(Buffer.from([0xff, 0xc0]))
  return [b.readUInt16BE(at + 7), b.readUInt16BE(at + 5)]
}

describe('wxacode.getUnlimited', () => {
  const code = (api: ReturnType<typeof make>, params: Record<string, unknown>) =>
    api.wxacode.getUnlimited({ scene: 'a=act123', page: 'pages/activities/detail/index', ...params })

  it('returns a real JPEG of the requested width, as WeChat answers (image/jpeg)', async () => {
    const api = make()
    const res = await code(api, {})
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/jpeg' })
    expect(res.buffer.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    expect(res.buffer.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]))
    expect(jpegSize(res.buffer)).toEqual([430, 430])
    expect(api.codes).toEqual([
      {
        scene: 'a=act123',
        page: 'pages/activities/detail/index',
        checkPath: true,
        envVersion: 'release',
        width: 430,
        contentType: 'image/jpeg',
      },
    ])
  })

  it('returns a real PNG with transparency when is_hyaline', async () => {
    const res = await code(make(), { isHyaline: true, width: 300 })
    expect(res.contentType).toBe('image/png')
    const png = res.buffer
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([300, 300, 8, 4])
    const idatLength = png.readUInt32BE(33)
    expect(png.toString('latin1', 37, 41)).toBe('IDAT')
    expect(inflateSync(png.subarray(41, 41 + idatLength))).toHaveLength((1 + 2 * 300) * 300)
  })

  it('keeps the width within 280–1280 px', async () => {
    const api = make()
    expect(jpegSize((await code(api, { width: 100 })).buffer)).toEqual([280, 280])
    expect(jpegSize((await code(api, { width: 5000 })).buffer)).toEqual([1280, 1280])
  })

  it('takes a scene of 1–32 visible characters (40169)', async () => {
    const api = make()
    await code(api, { scene: 'x'.repeat(32) })
    const e = await refusal(code(api, { scene: 'x'.repeat(33) }), 'wxacode.getUnlimited', 40169)
    expect(e.errMsg).toContain('invalid length for scene')
    await refusal(code(api, { scene: '' }), 'wxacode.getUnlimited', 40169)
    await refusal(code(api, { scene: undefined }), 'wxacode.getUnlimited', 40169)
  })

  it("takes only digits, letters and !#$&'()*+,/:;=?@-._~ in the scene (40129)", async () => {
    const api = make()
    await code(api, { scene: "!#$&'()*+,/:;=?@-._~aZ09" })
    for (const scene of ['活动=1', 'a%20b', 'a b', 'a"b', 'a<b'])
      expect((await refusal(code(api, { scene }), 'wxacode.getUnlimited', 40129)).errMsg).toContain('invalid scene')
  })

  it('needs a page of the app without "/" or a query (41030); checkPath false skips only the existence check', async () => {
    const api = make()
    await refusal(code(api, { page: 'pages/nope/index' }), 'wxacode.getUnlimited', 41030)
    await code(api, { page: 'pages/nope/index', checkPath: false })
    await refusal(code(api, { page: '/pages/index/index' }), 'wxacode.getUnlimited', 41030)
    await refusal(code(api, { page: '/pages/index/index', checkPath: false }), 'wxacode.getUnlimited', 41030)
    await refusal(code(api, { page: 'pages/index/index?a=1', checkPath: false }), 'wxacode.getUnlimited', 41030)
    await api.wxacode.getUnlimited({ scene: 'a=1' })
    expect(api.codes.map((c) => c.page)).toEqual(['pages/nope/index', 'pages/index/index'])
  })

  it('takes env_version release, trial or develop', async () => {
    const api = make()
    await code(api, { envVersion: 'trial' })
    await code(api, { env_version: 'develop' })
    await refusal(code(api, { envVersion: 'dev' }), 'wxacode.getUnlimited', 40097)
  })
})
