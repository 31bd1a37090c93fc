import {
  createWechatContentCheck,
  MSG_SEC_CHECK_MAX,
  readMediaCheckPush,
  splitForCheck,
} from '../../cloudfunctions/_runtime/content-check'
import type {
  MediaCheckAsyncParams,
  MediaCheckAsyncResult,
  MsgSecCheckParams,
  MsgSecCheckResult,
} from '../../cloudfunctions/_runtime/sdk'

const PASS: MsgSecCheckResult = { errCode: 0, result: { suggest: 'pass', label: 100 } }
const RISKY: MsgSecCheckResult = { errCode: 0, result: { suggest: 'risky', label: 20006 } }
const RISKY_WORD = '代开发票'

/** A fake msgSecCheck that refuses any piece containing the risky word and records what it was sent. */
function fakeWechat(options: { delayMs?: number } = {}) {
  const sent: string[] = []
  let running = 0
  let mostAtOnce = 0
  const msgSecCheck = jest.fn(async (params: MsgSecCheckParams): Promise<MsgSecCheckResult> => {
    sent.push(params.content)
    running += 1
    mostAtOnce = Math.max(mostAtOnce, running)
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0))
    running -= 1
    return params.content.includes(RISKY_WORD) ? RISKY : PASS
  })
  const mediaCheckAsync = jest.fn(async (_params: MediaCheckAsyncParams): Promise<MediaCheckAsyncResult> => ({
    errCode: 0,
    traceId: 'trace-1',
  }))
  const check = createWechatContentCheck({
    openapi: {
      subscribeMessage: { send: jest.fn(), getTemplateList: jest.fn() },
      security: { msgSecCheck, mediaCheckAsync },
      wxacode: { getUnlimited: jest.fn() },
    },
  })
  return { check, sent, msgSecCheck, mediaCheckAsync, mostAtOnce: () => mostAtOnce }
}

/** A notice body of `n` characters in lines of 50 (49 and a line break), as a chair would paste it. */
const LINE = `${'本周五下午三点在学校礼堂召开全体教职工大会，请各位老师准时参加并签到。'.repeat(2).slice(0, 49)}\n`
const notice = (n: number) => LINE.repeat(Math.ceil(n / LINE.length)).slice(0, n)

/** No lone surrogate: every high surrogate is followed by a low one and every low one follows a high one. */
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)

describe('msgSecCheck in pieces of at most 2,500 characters', () => {
  it('checks a 5,000-character notice in 2 pieces, none over 2,500, and passes it', async () => {
    const wechat = fakeWechat()
    const text = notice(5000)
    expect(await wechat.check.check(text, 'o-chair')).toBeNull()
    expect(wechat.sent).toHaveLength(2)
    for (const piece of wechat.sent) expect(piece.length).toBeLessThanOrEqual(MSG_SEC_CHECK_MAX)
    expect(wechat.sent.join('')).toBe(text)
    expect(wechat.msgSecCheck).toHaveBeenCalledWith({
      openid: 'o-chair',
      scene: 2,
      version: 2,
      content: wechat.sent[0],
    })
  })

  it('refuses when the risky word is in the second piece only', async () => {
    const wechat = fakeWechat()
    const text = `${notice(4000)}${RISKY_WORD}${notice(500)}`
    expect(await wechat.check.check(text, 'o-chair')).toBe('内容可能含有违法犯罪信息，请修改后再提交')
    expect(wechat.sent[0]).not.toContain(RISKY_WORD)
    expect(wechat.sent[1]).toContain(RISKY_WORD)
  })

  it('never cuts a surrogate pair: 5,200 UTF-16 units of emoji come back whole', async () => {
    const wechat = fakeWechat()
    const text = '😀'.repeat(2600)
    expect(await wechat.check.check(text, 'o-chair')).toBeNull()
    expect(wechat.sent.join('')).toBe(text)
    for (const piece of wechat.sent) {
      expect(piece.length).toBeLessThanOrEqual(MSG_SEC_CHECK_MAX)
      expect(wellFormed(piece)).toBe(true)
    }
    // Offset by one so a plain cut at 2,500 would land inside a pair.
    const odd = splitForCheck(`a${'😀'.repeat(2600)}`)
    expect(odd[0]).toHaveLength(MSG_SEC_CHECK_MAX - 1)
    for (const piece of odd) expect(wellFormed(piece)).toBe(true)
    expect(odd.join('')).toBe(`a${'😀'.repeat(2600)}`)
  })

  it('sends a 1-character text in one call and a blank one in none', async () => {
    const wechat = fakeWechat()
    expect(await wechat.check.check('好', 'o-chair')).toBeNull()
    expect(wechat.sent).toEqual(['好'])
    expect(await wechat.check.check('  \n ', 'o-chair')).toBeNull()
    expect(wechat.msgSecCheck).toHaveBeenCalledTimes(1)
  })

  it('cuts after a line break or a sentence end rather than inside a sentence', () => {
    const paragraph = `${'一'.repeat(2000)}。${'二'.repeat(1000)}`
    expect(splitForCheck(paragraph).map((p) => p.length)).toEqual([2001, 1000])
    // A line break (paragraph end) before a sentence end.
    const lines = `${'一'.repeat(1800)}\n${'二'.repeat(600)}。${'三'.repeat(500)}`
    expect(splitForCheck(lines)[0]).toBe(`${'一'.repeat(1800)}\n`)
    // No stop at all: a hard cut at the limit.
    expect(splitForCheck('三'.repeat(6000)).map((p) => p.length)).toEqual([2500, 2500, 1000])
  })

  it('checks at most 3 pieces at a time and answers with the earliest refused piece', async () => {
    const wechat = fakeWechat({ delayMs: 5 })
    // 8 pieces of exactly 2,500; the second one holds the risky word.
    const plain = notice(20000)
    const text = `${plain.slice(0, 2600)}${RISKY_WORD}${plain.slice(2600 + RISKY_WORD.length)}`
    expect(await wechat.check.check(text, 'o-chair')).toMatch(/违法犯罪/)
    expect(wechat.mostAtOnce()).toBe(3)
    // Pieces after the refused one that had not started are never sent.
    expect(wechat.sent.length).toBeLessThan(8)
    expect(wechat.sent[1]).toContain(RISKY_WORD)

    const twoRefusals = fakeWechat()
    twoRefusals.msgSecCheck.mockImplementation(async (params: MsgSecCheckParams) => {
      twoRefusals.sent.push(params.content)
      if (params.content.includes('甲')) return { errCode: 0, result: { suggest: 'risky', label: 20003 } }
      if (params.content.includes('乙')) return { errCode: 0, result: { suggest: 'risky', label: 10001 } }
      return PASS
    })
    const three = [`甲${notice(2300)}`, notice(2300), `乙${notice(2300)}`].join('\n')
    expect(await twoRefusals.check.check(three, 'o-chair')).toBe('内容可能含有辱骂信息，请修改后再提交')
  })

  it('fails closed when a piece cannot be checked', async () => {
    const wechat = fakeWechat()
    wechat.msgSecCheck.mockRejectedValueOnce(new Error('-1 system busy'))
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(await wechat.check.check(notice(3000), 'o-chair')).toBe('内容安全检查暂时不可用，请稍后再试')
    warn.mockRestore()
  })
})

describe('pictures: mediaCheckAsync v2 and its pushed verdict', () => {
  it('asks mediaCheckAsync with the stored picture’s address and answers pending with the trace id', async () => {
    const wechat = fakeWechat()
    const answer = await wechat.check.checkImage({ url: 'https://tcb.example/u/a.png?sign=x', base64: 'AAAA' }, 'o-1')
    expect(answer).toEqual({ verdict: 'pending', ticket: 'trace-1' })
    expect(wechat.mediaCheckAsync).toHaveBeenCalledWith({
      mediaUrl: 'https://tcb.example/u/a.png?sign=x',
      mediaType: 2,
      version: 2,
      scene: 2,
      openid: 'o-1',
    })
  })

  it('refuses the upload when WeChat cannot be asked or gives no trace id', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const wechat = fakeWechat()
    wechat.mediaCheckAsync.mockRejectedValueOnce(new Error('61010 user not visited'))
    const refused = { verdict: 'refuse', reason: '图片安全检查暂时不可用，请稍后再上传' }
    expect(await wechat.check.checkImage({ url: 'u', base64: 'AAAA' }, 'o-1')).toEqual(refused)
    wechat.mediaCheckAsync.mockResolvedValueOnce({ errCode: 0 })
    expect(await wechat.check.checkImage({ url: 'u', base64: 'AAAA' }, 'o-1')).toEqual(refused)
    warn.mockRestore()
  })

  it('reads a wxa_media_check push: pass, risky with its label, nothing else', () => {
    const push = (result: unknown) => ({
      ToUserName: 'gh_1',
      FromUserName: 'o-1',
      CreateTime: 1762329554,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx1',
      trace_id: 'trace-1',
      version: 2,
      result,
      detail: [],
    })
    expect(readMediaCheckPush(push({ suggest: 'pass', label: '100' }))).toEqual({
      ticket: 'trace-1',
      passed: true,
      reason: '',
    })
    expect(readMediaCheckPush(push({ suggest: 'risky', label: '20002' }))).toEqual({
      ticket: 'trace-1',
      passed: false,
      reason: '图片可能含有色情信息',
    })
    // "review" and a push without a verdict keep the picture hidden.
    expect(readMediaCheckPush(push({ suggest: 'review', label: 0 }))).toMatchObject({ passed: false })
    expect(readMediaCheckPush(push(undefined))).toMatchObject({ passed: false, reason: '图片未通过安全检查' })
    expect(readMediaCheckPush({ MsgType: 'text', Content: 'hi' })).toBeNull()
    expect(readMediaCheckPush({ action: 'notices.publish', data: {} })).toBeNull()
    expect(readMediaCheckPush({ MsgType: 'event', Event: 'wxa_media_check' })).toBeNull()
    expect(readMediaCheckPush(null)).toBeNull()
  })
})

// The `push` entry, with its runtime mocked: it settles what the push names and always answers 'success'.
const received: unknown[] = []
jest.mock('../../cloudfunctions/_runtime/sdk', () => ({ cloud: {}, initCloud: jest.fn() }))
jest.mock('../../cloudfunctions/_runtime/ports', () => ({ createCloudPorts: () => ({ name: 'ports' }) }))
jest.mock('@/server/image-checks', () => ({
  receiveImageVerdict: async (_ports: unknown, verdict: unknown) => {
    received.push(verdict)
    return true
  },
}))

describe('push entry', () => {
  it('hands a wxa_media_check verdict on and ignores anything else', async () => {
    const { main } = await import('../../cloudfunctions/push/index')
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const verdict = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: 't-9',
      result: { suggest: 'risky', label: 20002 },
    }
    expect(await main(verdict)).toBe('success')
    expect(await main({ action: 'activities.list' })).toBe('success')
    expect(received).toEqual([{ ticket: 't-9', passed: false, reason: '图片可能含有色情信息' }])
    warn.mockRestore()
  })
})
